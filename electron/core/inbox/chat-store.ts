import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { ChatDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { chats } from '../db/schema';

export type ChatRow = typeof chats.$inferSelect;

const phoneOf = (jid: string | null) => (jid?.endsWith('@s.whatsapp.net') ? jid.split('@')[0]!.split(':')[0]! : null);

export function chatToDto(row: ChatRow): ChatDto {
  const phone = phoneOf(row.jid) ?? phoneOf(row.pnJid);
  return {
    id: row.id,
    accountId: row.accountId,
    jid: row.jid,
    title: row.name ?? (phone ? `+${phone}` : row.jid.split('@')[0]!),
    phone,
    lastMessagePreview: row.lastMessagePreview,
    lastMessageAt: row.lastMessageAt,
    unreadCount: row.unreadCount,
    status: row.status,
    labelIds: [],
    pinned: row.pinnedAt !== null,
    archived: row.archived,
    mutedUntil: row.mutedUntil,
  };
}

/** Finds or creates the chat; a known name is kept unless a new one is given. */
export function upsertChat(orm: Orm, accountId: string, jid: string, details: { name?: string | null; alt?: string | null } = {}): ChatRow {
  const alt = details.alt ?? null;
  const pnJid = jid.endsWith('@s.whatsapp.net') ? jid : alt?.endsWith('@s.whatsapp.net') ? alt : null;
  const lidJid = jid.endsWith('@lid') ? jid : alt?.endsWith('@lid') ? alt : null;
  return orm
    .insert(chats)
    .values({ accountId, jid, pnJid, lidJid, name: details.name ?? null })
    .onConflictDoUpdate({
      target: [chats.accountId, chats.jid],
      set: {
        name: sql`coalesce(excluded.name, ${chats.name})`,
        pnJid: sql`coalesce(excluded.pn_jid, ${chats.pnJid})`,
        lidJid: sql`coalesce(excluded.lid_jid, ${chats.lidJid})`,
      },
    })
    .returning()
    .get();
}

/** Moves the chat's last message forward (never back, when older messages arrive late). */
export function noteMessageInChat(orm: Orm, chatId: number, m: { timestamp: number; text: string | null; type: string }, unread: boolean): ChatRow {
  const preview = m.text ?? `[${m.type}]`;
  return orm
    .update(chats)
    .set({
      lastMessageAt: sql`max(coalesce(${chats.lastMessageAt}, 0), ${m.timestamp})`,
      lastMessagePreview: sql`case when coalesce(${chats.lastMessageAt}, 0) <= ${m.timestamp} then ${preview} else ${chats.lastMessagePreview} end`,
      unreadCount: unread ? sql`${chats.unreadCount} + 1` : chats.unreadCount,
    })
    .where(eq(chats.id, chatId))
    .returning()
    .get()!;
}

export const getChat = (orm: Orm, chatId: number): ChatRow | undefined => orm.select().from(chats).where(eq(chats.id, chatId)).get();

export function listChats(orm: Orm, query: { accountId?: string; limit: number; before?: { lastMessageAt: number; id: number } }): ChatRow[] {
  const conditions = [isNotNull(chats.lastMessageAt)];
  if (query.accountId) conditions.push(eq(chats.accountId, query.accountId));
  const before = query.before;
  if (before) {
    // (time, id) so two chats with the same time at a page boundary are neither skipped nor repeated.
    conditions.push(or(lt(chats.lastMessageAt, before.lastMessageAt), and(eq(chats.lastMessageAt, before.lastMessageAt), lt(chats.id, before.id)))!);
  }
  return orm
    .select()
    .from(chats)
    .where(and(...conditions))
    .orderBy(desc(chats.lastMessageAt), desc(chats.id))
    .limit(query.limit)
    .all();
}

export function markChatRead(orm: Orm, chatId: number): ChatRow | undefined {
  return orm.update(chats).set({ unreadCount: 0 }).where(eq(chats.id, chatId)).returning().get();
}
