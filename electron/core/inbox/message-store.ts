import { and, desc, eq } from 'drizzle-orm';
import type { MessageDto, MessageStatus } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { messages } from '../db/schema';
import type { ChatRow } from './chat-store';
import type { MappedMessage } from './message-mapper';
import { reactionsByMessage, type ReactionSummary } from './reactions-store';

export type MessageRow = typeof messages.$inferSelect;

/** What a MessageDto is made of: a row without the blobs and Baileys-only fields (see MESSAGE_VIEW_COLUMNS). */
export type MessageView = Omit<
  MessageRow,
  'fromMe' | 'quotedFromMe' | 'senderJid' | 'remoteJidAlt' | 'participantAlt' | 'addressingMode' | 'mediaPath' | 'proto' | 'messageSecret' | 'createdAt'
> & {
  /** 0/1 when read by a hand-written statement. */
  fromMe: boolean | number;
  quotedFromMe: boolean | number | null;
};

/** The MessageView columns under their MessageRow names, for the hot reads' own statements. */
const MESSAGE_VIEW_COLUMNS =
  'id, chat_id AS chatId, account_id AS accountId, wa_id AS waId, from_me AS fromMe, sender_name AS senderName, type, text, timestamp, status, ' +
  'quoted_wa_id AS quotedWaId, quoted_from_me AS quotedFromMe, quoted_text AS quotedText, quoted_type AS quotedType, ' +
  'media_kind AS mediaKind, media_mime AS mediaMime, media_file_name AS mediaFileName, media_size AS mediaSize, ' +
  'media_duration_sec AS mediaDurationSec, media_state AS mediaState, location_latitude AS locationLatitude, ' +
  'location_longitude AS locationLongitude, location_name AS locationName, location_address AS locationAddress, ' +
  'shared_contacts AS sharedContacts, edited_at AS editedAt, deleted_at AS deletedAt, error';

/** The DTO of one row; pass its reactions (see `messagesToDtos`), or it shows none. */
export function messageToDto(row: MessageView, reactions: ReactionSummary[] = []): MessageDto {
  return {
    id: row.id,
    chatId: row.chatId,
    accountId: row.accountId,
    waId: row.waId,
    fromMe: Boolean(row.fromMe),
    senderName: row.senderName,
    type: row.type,
    text: row.text,
    timestamp: row.timestamp,
    status: row.status,
    quoted: row.quotedWaId ? { waId: row.quotedWaId, fromMe: Boolean(row.quotedFromMe), text: row.quotedText, type: row.quotedType } : null,
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
export function messagesToDtos(orm: Orm, rows: readonly MessageView[]): MessageDto[] {
  const reactions = reactionsByMessage(
    orm,
    rows.map((r) => r.id),
  );
  return rows.map((row) => messageToDto(row, reactions.get(row.id)));
}

/** One stored message as the renderer sees it, reactions included. */
export const messageDtoOf = (orm: Orm, row: MessageView): MessageDto => messagesToDtos(orm, [row])[0]!;


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

const NEWEST_FIRST = 'ORDER BY timestamp DESC, id DESC LIMIT @limit';
const LATEST_PAGE_SQL = `SELECT ${MESSAGE_VIEW_COLUMNS} FROM messages WHERE chat_id = @chatId ${NEWEST_FIRST}`;
// The cursor is a message; the page continues in (timestamp, id) order, as the index is sorted.
const PAGE_BEFORE_SQL = `SELECT ${MESSAGE_VIEW_COLUMNS} FROM messages
  WHERE chat_id = @chatId AND (timestamp, id) < (SELECT timestamp, id FROM messages WHERE id = @beforeId) ${NEWEST_FIRST}`;
const PAGE_AFTER_SQL = `SELECT ${MESSAGE_VIEW_COLUMNS} FROM messages
  WHERE chat_id = @chatId AND (timestamp, id) > (SELECT timestamp, id FROM messages WHERE id = @afterId) ORDER BY timestamp, id LIMIT @limit`;
const MESSAGE_IN_CHAT_SQL = `SELECT ${MESSAGE_VIEW_COLUMNS} FROM messages WHERE id = @id AND chat_id = @chatId`;
const MESSAGES_BY_IDS_SQL = `SELECT ${MESSAGE_VIEW_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?))`;

/** A page of messages, oldest first, ending just before `beforeId` when given (none when that message is gone). */
export function listMessages(orm: Orm, query: { chatId: number; limit: number; beforeId?: number }): MessageView[] {
  const newestFirst =
    query.beforeId === undefined
      ? prepared<{ chatId: number; limit: number }, MessageView>(orm.$client, LATEST_PAGE_SQL).all(query)
      : prepared<{ chatId: number; limit: number; beforeId: number }, MessageView>(orm.$client, PAGE_BEFORE_SQL).all(
          query as { chatId: number; limit: number; beforeId: number },
        );
  return newestFirst.reverse();
}

/**
 * A page centred on one message, oldest first: up to half the page before it, the message, and the
 * rest after it (more after when there are fewer before). Undefined when the chat has no such message.
 */
export function listMessagesAround(orm: Orm, query: { chatId: number; messageId: number; limit: number }): MessageView[] | undefined {
  const db = orm.$client;
  const { chatId, messageId } = query;
  const target = prepared<{ id: number; chatId: number }, MessageView>(db, MESSAGE_IN_CHAT_SQL).get({ id: messageId, chatId });
  if (!target) return undefined;
  const older = prepared<{ chatId: number; beforeId: number; limit: number }, MessageView>(db, PAGE_BEFORE_SQL).all({
    chatId,
    beforeId: messageId,
    limit: Math.floor(query.limit / 2),
  });
  const newer = prepared<{ chatId: number; afterId: number; limit: number }, MessageView>(db, PAGE_AFTER_SQL).all({
    chatId,
    afterId: messageId,
    limit: Math.max(0, query.limit - 1 - older.length),
  });
  return [...older.reverse(), target, ...newer];
}

/** Rows by id, in no particular order. */
export function messagesByIds(orm: Orm, ids: readonly number[]): MessageView[] {
  if (ids.length === 0) return [];
  return prepared<[string], MessageView>(orm.$client, MESSAGES_BY_IDS_SQL).all(JSON.stringify(ids));
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
