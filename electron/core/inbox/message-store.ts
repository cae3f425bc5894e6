import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { MessageDto, MessageStatus } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { messages } from '../db/schema';
import type { ChatRow } from './chat-store';
import type { MappedMessage } from './message-mapper';
import { reactionsByMessage, type ReactionSummary } from './reactions-store';

export type MessageRow = typeof messages.$inferSelect;

/** The DTO of one row; pass its reactions (see `messagesToDtos`), or it shows none. */
export function messageToDto(row: MessageRow, reactions: ReactionSummary[] = []): MessageDto {
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
    reactions,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
    error: row.error,
  };
}

/** DTOs of a page of rows, their reactions read in one query. */
export function messagesToDtos(orm: Orm, rows: readonly MessageRow[]): MessageDto[] {
  const reactions = reactionsByMessage(
    orm,
    rows.map((r) => r.id),
  );
  return rows.map((row) => messageToDto(row, reactions.get(row.id)));
}

/** One stored message as the renderer sees it, reactions included. */
export const messageDtoOf = (orm: Orm, row: MessageRow): MessageDto => messagesToDtos(orm, [row])[0]!;


/** The DTO of a message just stored, without reading it back. */
export function mappedMessageToDto(stored: { id: number; chatId: number; accountId: string }, m: MappedMessage): MessageDto {
  const { waId, fromMe, senderName, type, text, timestamp, status } = m;
  return {
    ...stored,
    ...{ waId, fromMe, senderName, type, text, timestamp, status },
    quoted: m.quoted ?? null,
    media: m.media ? { ...m.media, state: 'none', url: null } : null,
    location: m.location ?? null,
    sharedContacts: m.sharedContacts ?? null,
    reactions: [],
    editedAt: null,
    deletedAt: null,
    error: null,
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
      quotedWaId: m.quoted?.waId ?? null,
      quotedFromMe: m.quoted ? m.quoted.fromMe : null,
      quotedText: m.quoted?.text ?? null,
      quotedType: m.quoted?.type ?? null,
      mediaKind: m.media?.kind ?? null,
      mediaMime: m.media?.mime ?? null,
      mediaFileName: m.media?.fileName ?? null,
      mediaSize: m.media?.size ?? null,
      mediaDurationSec: m.media?.durationSec ?? null,
      mediaState: m.media ? 'none' : null,
      locationLatitude: m.location?.latitude ?? null,
      locationLongitude: m.location?.longitude ?? null,
      locationName: m.location?.name ?? null,
      locationAddress: m.location?.address ?? null,
      sharedContacts: m.sharedContacts ? JSON.stringify(m.sharedContacts) : null,
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

/**
 * A page centred on one message, oldest first: up to half the page before it, the message, and the
 * rest after it (more after when there are fewer before). Undefined when the chat has no such message.
 */
export function listMessagesAround(orm: Orm, query: { chatId: number; messageId: number; limit: number }): MessageRow[] | undefined {
  const target = orm
    .select()
    .from(messages)
    .where(and(eq(messages.id, query.messageId), eq(messages.chatId, query.chatId)))
    .get();
  if (!target) return undefined;
  const older = orm
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, query.chatId),
        or(lt(messages.timestamp, target.timestamp), and(eq(messages.timestamp, target.timestamp), lt(messages.id, target.id))),
      ),
    )
    .orderBy(desc(messages.timestamp), desc(messages.id))
    .limit(Math.floor(query.limit / 2))
    .all();
  const newer = orm
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, query.chatId),
        or(gt(messages.timestamp, target.timestamp), and(eq(messages.timestamp, target.timestamp), gt(messages.id, target.id))),
      ),
    )
    .orderBy(asc(messages.timestamp), asc(messages.id))
    .limit(Math.max(0, query.limit - 1 - older.length))
    .all();
  return [...older.reverse(), target, ...newer];
}

/** Rows by id, in no particular order. */
export function messagesByIds(orm: Orm, ids: readonly number[]): MessageRow[] {
  if (ids.length === 0) return [];
  return orm.select().from(messages).where(inArray(messages.id, [...ids])).all();
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
