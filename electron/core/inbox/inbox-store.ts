import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { ChatDto, MessageDto, MessageStatus } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { chats, messages } from '../db/schema';
import type { MappedMessage } from './message-mapper';

export type ChatRow = typeof chats.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

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
  };
}

export function messageToDto(row: MessageRow): MessageDto {
  return {
    id: row.id,
    chatId: row.chatId,
    accountId: row.accountId,
    waId: row.waId,
    fromMe: row.fromMe,
    senderName: row.senderName,
    type: row.type,
    text: row.text,
    timestamp: row.timestamp,
    status: row.status,
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

/** Inserts the message once: a second copy of the same (chat, WhatsApp id) is ignored. */
export function insertMessage(orm: Orm, accountId: string, chatId: number, m: MappedMessage): MessageRow | undefined {
  return orm
    .insert(messages)
    .values({
      accountId,
      chatId,
      waId: m.waId,
      fromMe: m.fromMe,
      senderJid: m.senderJid,
      senderName: m.senderName,
      remoteJidAlt: m.remoteJidAlt,
      participantAlt: m.participantAlt,
      addressingMode: m.addressingMode,
      type: m.type,
      text: m.text,
      timestamp: m.timestamp,
      status: m.status,
      proto: m.proto,
      messageSecret: m.messageSecret,
    })
    .onConflictDoNothing()
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

/** A page of messages, oldest first, ending just before `beforeId` when given. */
export function listMessages(orm: Orm, query: { chatId: number; limit: number; beforeId?: number }): MessageRow[] {
  const conditions = [eq(messages.chatId, query.chatId)];
  if (query.beforeId !== undefined) {
    // The cursor is a message; the page continues in (timestamp, id) order, as the index is sorted.
    const cursor = orm.select({ timestamp: messages.timestamp }).from(messages).where(eq(messages.id, query.beforeId)).get();
    if (!cursor) return [];
    conditions.push(
      or(lt(messages.timestamp, cursor.timestamp), and(eq(messages.timestamp, cursor.timestamp), lt(messages.id, query.beforeId)))!,
    );
  }
  const newestFirst = orm
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.timestamp), desc(messages.id))
    .limit(query.limit)
    .all();
  return newestFirst.reverse();
}

export function markChatRead(orm: Orm, chatId: number): ChatRow | undefined {
  return orm.update(chats).set({ unreadCount: 0 }).where(eq(chats.id, chatId)).returning().get();
}

export function findMessage(orm: Orm, accountId: string, waId: string): MessageRow | undefined {
  return orm
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.waId, waId)))
    .get();
}

export function setMessageStatus(orm: Orm, id: number, status: MessageStatus): MessageRow | undefined {
  return orm.update(messages).set({ status }).where(eq(messages.id, id)).returning().get();
}

/** Keys of the customer's messages the person has not read yet, for read receipts. */
export function unreadIncomingKeys(orm: Orm, chat: ChatRow): { remoteJid: string; id: string; fromMe: false; participant?: string }[] {
  if (chat.unreadCount === 0) return [];
  const rows = orm
    .select({ waId: messages.waId, senderJid: messages.senderJid })
    .from(messages)
    .where(and(eq(messages.chatId, chat.id), eq(messages.fromMe, false)))
    .orderBy(desc(messages.timestamp), desc(messages.id))
    .limit(Math.min(chat.unreadCount, 100))
    .all();
  const isGroup = chat.jid.endsWith('@g.us');
  return rows.map((r) => ({ remoteJid: chat.jid, id: r.waId, fromMe: false, ...(isGroup && r.senderJid ? { participant: r.senderJid } : {}) }));
}
