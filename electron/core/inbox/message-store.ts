import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { MessageDto, MessageStatus } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { messages } from '../db/schema';
import type { ChatRow } from './chat-store';
import type { MappedMessage } from './message-mapper';

export type MessageRow = typeof messages.$inferSelect;

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
    quoted: row.quotedWaId ? { waId: row.quotedWaId, fromMe: row.quotedFromMe ?? false, text: row.quotedText, type: row.quotedType } : null,
    media: row.mediaKind
      ? {
          kind: row.mediaKind as NonNullable<MessageDto['media']>['kind'],
          mime: row.mediaMime,
          fileName: row.mediaFileName,
          size: row.mediaSize,
          durationSec: row.mediaDurationSec,
          state: row.mediaState ?? 'none',
          url: row.mediaState === 'ready' ? `/media/${row.id}` : null,
        }
      : null,
    location:
      row.locationLatitude !== null && row.locationLongitude !== null
        ? { latitude: row.locationLatitude, longitude: row.locationLongitude, name: row.locationName, address: row.locationAddress }
        : null,
    sharedContacts: row.sharedContacts ? (JSON.parse(row.sharedContacts) as MessageDto['sharedContacts']) : null,
    reactions: [],
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
    error: row.error,
  };
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
