import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { columnsOf, prepared, type RawRow } from '../db/prepared';
import { accounts, chats, messages, outbox } from '../db/schema';
import type { ChatRow } from '../inbox/chat-store';
import type { MessageRow } from '../inbox/message-store';

export type OutboxRow = typeof outbox.$inferSelect;

/** What the worker sends for one outbox row (stored as JSON in `outbox.payload`). */
export type OutboxPayload =
  | { kind: 'text'; text: string; quotedId?: number }
  | {
      kind: 'media';
      media: 'image' | 'video' | 'audio' | 'document';
      /** The file, relative to the data folder (forward slashes). */
      path: string;
      mime: string;
      fileName: string;
      caption?: string;
      quotedId?: number;
    };

export interface OutboxEntry {
  outbox: OutboxRow;
  message: MessageRow;
  payload: OutboxPayload;
}

export interface NewOutgoingMessage {
  accountId: string;
  chatId: number;
  waId: string;
  type: string;
  text: string | null;
  timestamp: number;
  quoted: MessageRow | undefined;
  /** `path` when the file is already in place (a campaign's attachment, shared by its messages). */
  media?: { kind: string; mime: string; fileName: string; size: number; path?: string };
  /** Written by the assistant or a campaign rather than a person (Stats tell them apart). */
  sentBy?: 'assistant' | 'campaign';
}

/** Our own message, `queued`, with the quote and media columns the renderer shows at once. */
export function insertOutgoingMessage(orm: Orm, m: NewOutgoingMessage): MessageRow {
  return orm
    .insert(messages)
    .values({
      accountId: m.accountId,
      chatId: m.chatId,
      waId: m.waId,
      fromMe: true,
      type: m.type,
      text: m.text,
      timestamp: m.timestamp,
      status: 'queued',
      quotedWaId: m.quoted?.waId ?? null,
      quotedFromMe: m.quoted ? m.quoted.fromMe : null,
      quotedText: m.quoted?.text ?? null,
      quotedType: m.quoted?.type ?? null,
      ...(m.media
        ? { mediaKind: m.media.kind, mediaMime: m.media.mime, mediaFileName: m.media.fileName, mediaSize: m.media.size, mediaState: 'ready' as const, mediaPath: m.media.path ?? null }
        : {}),
      sentBy: m.sentBy ?? null,
      createdAt: m.timestamp,
    })
    .returning()
    .get();
}

export function setMediaPath(orm: Orm, messageId: number, path: string): void {
  orm.update(messages).set({ mediaPath: path }).where(eq(messages.id, messageId)).run();
}

export function insertOutboxRow(orm: Orm, row: { messageId: number; accountId: string; payload: OutboxPayload; createdAt: number }): OutboxRow {
  return orm
    .insert(outbox)
    .values({ messageId: row.messageId, accountId: row.accountId, state: 'queued', payload: JSON.stringify(row.payload), createdAt: row.createdAt })
    .returning()
    .get();
}

// Every send reads and writes these rows several times: hand-written statements prepared once per
// connection (`prepared`), mapped back to drizzle's row shapes by `columnsOf`.
const MESSAGE = columnsOf(messages, 'm.', 'm_');
const MESSAGE_RETURNED = columnsOf(messages);
const OUTBOX = columnsOf(outbox, 'o.', 'o_');
const readMessage = (raw: RawRow | undefined, columns = MESSAGE_RETURNED): MessageRow | undefined => (raw ? columns.read(raw) : undefined);

export const getMessageById = (orm: Orm, id: number): MessageRow | undefined =>
  readMessage(prepared<[number], RawRow>(orm.$client, `SELECT ${MESSAGE.list} FROM messages m WHERE m.id = ?`).get(id), MESSAGE);

export const getOutboxRowForMessage = (orm: Orm, messageId: number): OutboxRow | undefined =>
  orm.select().from(outbox).where(eq(outbox.messageId, messageId)).get();

/** The account's oldest queued row: the worker sends strictly in this order. */
export function nextQueuedEntry(orm: Orm, accountId: string): OutboxEntry | undefined {
  const raw = prepared<[string], RawRow>(
    orm.$client,
    `SELECT ${OUTBOX.list}, ${MESSAGE.list} FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.account_id = ? ORDER BY o.id LIMIT 1`,
  ).get(accountId);
  if (!raw) return undefined;
  const row = { outbox: OUTBOX.read(raw), message: MESSAGE.read(raw) };
  // A `sending` row at the head is one the worker is busy with: nothing may overtake it.
  if (row.outbox.state !== 'queued') return undefined;
  return { ...row, payload: JSON.parse(row.outbox.payload) as OutboxPayload };
}

/** Step 1 of a send, committed before the socket is called: after a crash the row says it may have gone out. */
export function markSending(orm: Orm, entry: OutboxEntry): MessageRow {
  prepared<[number, number]>(orm.$client, "UPDATE outbox SET state = 'sending', attempts = ? WHERE id = ?").run(entry.outbox.attempts + 1, entry.outbox.id);
  const marked = prepared<[number], RawRow>(
    orm.$client,
    `UPDATE messages SET status = 'pending', error = NULL WHERE id = ? AND status = 'queued' RETURNING ${MESSAGE_RETURNED.list}`,
  ).get(entry.message.id);
  return readMessage(marked) ?? getMessageById(orm, entry.message.id)!;
}

/** WhatsApp took it: the row leaves the outbox; a receipt that already arrived (delivered, read, failed) is kept. */
export function completeSent(orm: Orm, outboxId: number, messageId: number, sent: { proto: Buffer | null; messageSecret: Buffer | null }): MessageRow | undefined {
  prepared<[number]>(orm.$client, 'DELETE FROM outbox WHERE id = ?').run(outboxId);
  const updated = prepared<[Buffer | null, Buffer | null, number], RawRow>(
    orm.$client,
    `UPDATE messages SET status = CASE WHEN status IN ('queued', 'pending') THEN 'sent' ELSE status END, error = NULL,
       proto = coalesce(?, proto), message_secret = coalesce(?, message_secret)
     WHERE id = ? RETURNING ${MESSAGE_RETURNED.list}`,
  ).get(sent.proto, sent.messageSecret, messageId);
  return readMessage(updated);
}

/** Back in line, in the same place (the outbox id keeps the order), to be tried again. */
export function requeue(orm: Orm, outboxId: number, messageId: number, error: string | null): MessageRow | undefined {
  orm.update(outbox).set({ state: 'queued' }).where(eq(outbox.id, outboxId)).run();
  return orm
    .update(messages)
    .set({ status: 'queued', error })
    .where(and(eq(messages.id, messageId), inArray(messages.status, ['queued', 'pending'])))
    .returning()
    .get();
}

/** Given up on: out of the outbox, the message says why. */
export function failOutgoing(orm: Orm, outboxId: number, messageId: number, error: string): MessageRow | undefined {
  orm.delete(outbox).where(eq(outbox.id, outboxId)).run();
  return orm.update(messages).set({ status: 'failed', error }).where(eq(messages.id, messageId)).returning().get();
}

export type CancelOutcome = { kind: 'not_found' } | { kind: 'not_queued' } | { kind: 'removed'; message: MessageRow };

/** Deletes a message that is still waiting in the outbox (the outbox row goes with it, by foreign key). */
export function removeQueued(orm: Orm, messageId: number): CancelOutcome {
  const message = getMessageById(orm, messageId);
  if (!message) return { kind: 'not_found' };
  const row = getOutboxRowForMessage(orm, messageId);
  if (!row || row.state !== 'queued') return { kind: 'not_queued' };
  orm.delete(messages).where(eq(messages.id, messageId)).run();
  return { kind: 'removed', message };
}

/** The chat's summary from its newest message, after one was taken away. */
export function refreshChatSummary(orm: Orm, chatId: number): ChatRow | undefined {
  const newest = orm
    .select({ timestamp: messages.timestamp, text: messages.text, type: messages.type })
    .from(messages)
    .where(eq(messages.chatId, chatId))
    .orderBy(desc(messages.timestamp), desc(messages.id))
    .limit(1)
    .get();
  return orm
    .update(chats)
    .set(
      newest
        ? { lastMessageAt: newest.timestamp, lastMessagePreview: newest.text ?? `[${newest.type}]` }
        : // Keep the time so the conversation stays listed; only the preview of the removed text goes.
          { lastMessagePreview: null },
    )
    .where(eq(chats.id, chatId))
    .returning()
    .get();
}

export interface Reconciliation {
  /** WhatsApp's echo or receipt shows it went out: done. */
  finished: number[];
  /** No sign it went out: queued again, to be sent with the same id (the recipient drops a copy). */
  requeued: number[];
}

/** Rows a crash left `sending`. Run at startup, before any worker runs. */
export function reconcileInterrupted(orm: Orm): Reconciliation {
  const interrupted = orm
    .select({ outboxId: outbox.id, messageId: messages.id, status: messages.status })
    .from(outbox)
    .innerJoin(messages, eq(messages.id, outbox.messageId))
    .where(eq(outbox.state, 'sending'))
    .all();
  const result: Reconciliation = { finished: [], requeued: [] };
  for (const row of interrupted) {
    if (row.status === 'queued' || row.status === 'pending') {
      requeue(orm, row.outboxId, row.messageId, null);
      result.requeued.push(row.messageId);
    } else {
      orm.delete(outbox).where(eq(outbox.id, row.outboxId)).run();
      result.finished.push(row.messageId);
    }
  }
  return result;
}

export const accountsWithQueue = (orm: Orm): string[] =>
  orm
    .selectDistinct({ accountId: outbox.accountId })
    .from(outbox)
    .all()
    .map((r) => r.accountId);

/** Our own JID for the account (WhatsApp-style message ids hash it), when the number is known. */
export function ownJid(orm: Orm, accountId: string): string | undefined {
  const phone = orm.select({ phone: accounts.phone }).from(accounts).where(eq(accounts.id, accountId)).get()?.phone;
  return phone ? `${phone}@s.whatsapp.net` : undefined;
}
