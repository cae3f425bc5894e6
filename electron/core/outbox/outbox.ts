import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateMessageIDV2, type AnyMessageContent, type MiscMessageGenerationOptions, type WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { chatDto, getChat, noteMessageInChat, type ChatRow } from '../inbox/chat-store';
import { messageDtoOf, type MessageRow } from '../inbox/message-store';
import { checkOutgoingFile, extensionFor, isSharedMedia, mediaAccountDir, mediaRelativePath, resolveMediaPath } from '../media/media-files';
import { systemClock, type Clock } from '../whatsapp/account-supervisor';
import { encodeSent, outgoingContent, quotedWAMessage } from './outgoing-content';
import {
  accountsWithQueue,
  completeSent,
  failOutgoing,
  getMessageById,
  insertOutboxRow,
  insertOutgoingMessage,
  markSending,
  nextQueuedEntry,
  ownJid,
  reconcileInterrupted,
  refreshChatSummary,
  removeQueued,
  requeue,
  setMediaPath,
  type OutboxEntry,
  type OutboxPayload,
} from './outbox-store';
import { errorText, isTransientSendError } from './send-errors';

/** The part of a Baileys socket the outbox sends with. */
export interface OutboxSocket {
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
}

export interface OutboxDeps {
  orm: Orm;
  bus: EventBus;
  logger: Logger;
  dataDir: string;
  /** The account's socket while it is connected, else undefined. */
  socketFor: (accountId: string) => OutboxSocket | undefined;
  clock?: Clock;
  /** WhatsApp-style message ids; tests pin them. */
  newMessageId?: (ownJid: string | undefined) => string;
  /** How long `close()` waits for a send in flight before leaving it to the next start's reconciliation. */
  closeTimeoutMs?: number;
}

export type MediaSendKind = 'image' | 'video' | 'audio' | 'document';

export interface SendMediaRequest {
  chatId: number;
  kind: MediaSendKind;
  fileName: string;
  mime: string;
  dataBase64: string;
  caption?: string;
  quotedId?: number;
}

/** A message that fails for a transient reason this many times is given up on (marked failed). */
export const MAX_SEND_ATTEMPTS = 8;
const RETRY_BASE_MS = 2_000;
const RETRY_CAP_MS = 60_000;

interface AccountWorker {
  running: Promise<void> | undefined;
  /** Asked to drain while it was already draining: look again when done. */
  again: boolean;
  retryTimer: unknown;
}

/**
 * The offline-first outbox. A message is stored `queued` with its final WhatsApp id at once, and a
 * worker per account sends the account's rows strictly in order while it is connected. A row is
 * marked `sending` (message `pending`) and committed before the socket is called, so a crash never
 * loses track of a send; at the next start such rows are finished (WhatsApp's echo or receipt is
 * stored) or sent again with the same id, which the recipient's phone deduplicates.
 */
export function createOutbox(deps: OutboxDeps) {
  const { orm, bus, logger, dataDir } = deps;
  const clock = deps.clock ?? systemClock;
  const newMessageId = deps.newMessageId ?? ((jid: string | undefined) => generateMessageIDV2(jid));
  const workers = new Map<string, AccountWorker>();
  /** No new sends start. */
  let stopping = false;
  /** The database may be closed: a late answer from the socket writes nothing. */
  let abandoned = false;

  const inTransaction = <T>(work: () => T): T => orm.$client.transaction(work).immediate();
  const emitMessage = (row: MessageRow | undefined) => {
    if (row) bus.emit('messages.upserted', messageDtoOf(orm, row));
  };
  const emitChat = (row: ChatRow | undefined) => {
    if (row) bus.emit('chats.upserted', chatDto(orm, row));
  };

  const reconciled = reconcileInterrupted(orm);
  if (reconciled.finished.length + reconciled.requeued.length > 0) {
    logger.info(reconciled, 'outbox: sends interrupted by the last shutdown reconciled');
    for (const id of [...reconciled.finished, ...reconciled.requeued]) emitMessage(getMessageById(orm, id));
  }

  const workerFor = (accountId: string) => {
    let worker = workers.get(accountId);
    if (!worker) {
      worker = { running: undefined, again: false, retryTimer: undefined };
      workers.set(accountId, worker);
    }
    return worker;
  };

  const scheduleRetry = (accountId: string, attempts: number) => {
    const worker = workerFor(accountId);
    if (stopping || worker.retryTimer !== undefined) return;
    const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
    worker.retryTimer = clock.setTimeout(() => {
      worker.retryTimer = undefined;
      kick(accountId);
    }, delay);
  };

  /** Sends one row; answers whether the worker should go on to the next. */
  const sendOne = async (socket: OutboxSocket, entry: OutboxEntry): Promise<boolean> => {
    const { message } = entry;
    const chat = getChat(orm, message.chatId);
    const pending = inTransaction(() => markSending(orm, entry));
    emitMessage(pending);
    let sent: WAMessage | undefined;
    let failure: unknown;
    try {
      if (!chat) throw new Error('The conversation is gone');
      const content = outgoingContent(entry.payload, dataDir);
      const quotedRow = entry.payload.quotedId !== undefined ? getMessageById(orm, entry.payload.quotedId) : undefined;
      const quoted = quotedRow ? quotedWAMessage(quotedRow, chat) : undefined;
      sent = await socket.sendMessage(chat.jid, content, { messageId: message.waId, ...(quoted ? { quoted } : {}) });
    } catch (error) {
      failure = error ?? new Error('sendMessage failed');
    }
    if (abandoned) return false;
    if (failure === undefined) {
      emitMessage(inTransaction(() => completeSent(orm, entry.outbox.id, message.id, encodeSent(sent))));
      return true;
    }
    const attempts = entry.outbox.attempts + 1;
    if (isTransientSendError(failure) && attempts < MAX_SEND_ATTEMPTS) {
      logger.info({ err: failure, accountId: message.accountId, messageId: message.id, attempts }, 'outbox: send failed for now, kept in the queue');
      emitMessage(inTransaction(() => requeue(orm, entry.outbox.id, message.id, null)));
      // A dropped connection brings the queue back on reconnect; a live one is retried after a pause.
      scheduleRetry(message.accountId, attempts);
      return false;
    }
    logger.warn({ err: failure, accountId: message.accountId, messageId: message.id, attempts }, 'outbox: message could not be sent');
    emitMessage(inTransaction(() => failOutgoing(orm, entry.outbox.id, message.id, errorText(failure))));
    return true;
  };

  /** Sends the account's queue if it is connected; cheap to call often. */
  function kick(accountId: string): void {
    if (stopping) return;
    const worker = workerFor(accountId);
    if (worker.running) {
      worker.again = true;
      return;
    }
    if (worker.retryTimer !== undefined) {
      clock.clearTimeout(worker.retryTimer);
      worker.retryTimer = undefined;
    }
    worker.again = false;
    // Decided synchronously: with nothing to send the worker stays idle, and the first row is
    // marked `sending` before kick() returns.
    const first = nextSendable(accountId);
    if (!first) return;
    let finished = false;
    const running = (async () => {
      try {
        for (let next: typeof first | undefined = first; next; next = stopping ? undefined : nextSendable(accountId)) {
          if (!(await sendOne(next.socket, next.entry))) break;
        }
      } catch (error) {
        logger.error({ err: error, accountId }, 'outbox: worker failed');
      } finally {
        finished = true;
        worker.running = undefined;
      }
      if (worker.again && !stopping && !abandoned) kick(accountId);
    })();
    // A failure before the first await has already finished the run: it must not look busy forever.
    if (!finished) worker.running = running;
  }

  const nextSendable = (accountId: string) => {
    const socket = deps.socketFor(accountId);
    const entry = socket ? nextQueuedEntry(orm, accountId) : undefined;
    return socket && entry ? { socket, entry } : undefined;
  };

  const requireChat = (chatId: number): ChatRow => {
    const chat = getChat(orm, chatId);
    if (!chat) throw new AppError('NOT_FOUND', `No conversation ${chatId}`);
    return chat;
  };

  const requireQuoted = (quotedId: number | undefined, chat: ChatRow): MessageRow | undefined => {
    if (quotedId === undefined) return undefined;
    const quoted = getMessageById(orm, quotedId);
    if (!quoted) throw new AppError('NOT_FOUND', `No message ${quotedId}`);
    if (quoted.chatId !== chat.id) throw new AppError('BAD_REQUEST', 'A reply can only quote a message of the same conversation');
    return quoted;
  };

  /** Tells the renderer, starts the worker, and answers the freshest state (it may be `pending` already). */
  const announce = (message: MessageRow, chat: ChatRow | undefined): MessageDto => {
    emitMessage(message);
    emitChat(chat);
    kick(message.accountId);
    return messageDtoOf(orm, getMessageById(orm, message.id) ?? message);
  };

  return {
    /** `messages.send`: stored and queued now, sent when the account is connected. */
    queueText(request: { chatId: number; text: string; quotedId?: number; sentBy?: 'assistant' | 'campaign' }): MessageDto {
      const chat = requireChat(request.chatId);
      const quoted = requireQuoted(request.quotedId, chat);
      const at = clock.now();
      const waId = newMessageId(ownJid(orm, chat.accountId));
      const payload: OutboxPayload = { kind: 'text', text: request.text, ...(quoted ? { quotedId: quoted.id } : {}) };
      const { message, chatRow } = inTransaction(() => {
        const message = insertOutgoingMessage(orm, {
          accountId: chat.accountId,
          chatId: chat.id,
          waId,
          type: 'text',
          text: request.text,
          timestamp: at,
          quoted,
          ...(request.sentBy ? { sentBy: request.sentBy } : {}),
        });
        insertOutboxRow(orm, { messageId: message.id, accountId: chat.accountId, payload, createdAt: at });
        return { message, chatRow: noteMessageInChat(orm, chat.id, message, false) };
      });
      return announce(message, chatRow);
    },

    /** `messages.sendMedia`: the file is kept under the data folder (it is ready: it is local) and queued like a text. */
    async queueMedia(request: SendMediaRequest): Promise<MessageDto> {
      const chat = requireChat(request.chatId);
      const quoted = requireQuoted(request.quotedId, chat);
      const { mime, bytes } = checkOutgoingFile(request);

      const at = clock.now();
      const waId = newMessageId(ownJid(orm, chat.accountId));
      const ext = extensionFor(mime, request.fileName);
      const dir = mediaAccountDir(dataDir, chat.accountId);
      mkdirSync(dir, { recursive: true });
      const part = join(dir, `out-${waId}.part`);
      await writeFile(part, bytes);
      // WhatsApp audio has no caption: one given is dropped rather than shown but never sent.
      const caption = request.kind !== 'audio' && request.caption ? request.caption : undefined;
      let finalPath: string | null = null;
      try {
        const { message, chatRow } = inTransaction(() => {
          const inserted = insertOutgoingMessage(orm, {
            accountId: chat.accountId,
            chatId: chat.id,
            waId,
            type: `${request.kind}Message`,
            text: caption ?? (request.kind === 'document' ? request.fileName : null),
            timestamp: at,
            quoted,
            media: { kind: request.kind, mime, fileName: request.fileName, size: bytes.length },
          });
          const relative = mediaRelativePath(chat.accountId, `out-${inserted.id}.${ext}`);
          finalPath = resolveMediaPath(dataDir, relative);
          if (!finalPath) throw new Error('media path outside the data folder');
          renameSync(part, finalPath);
          setMediaPath(orm, inserted.id, relative);
          const payload: OutboxPayload = {
            kind: 'media',
            media: request.kind,
            path: relative,
            mime,
            fileName: request.fileName,
            ...(caption ? { caption } : {}),
            ...(quoted ? { quotedId: quoted.id } : {}),
          };
          insertOutboxRow(orm, { messageId: inserted.id, accountId: chat.accountId, payload, createdAt: at });
          return { message: getMessageById(orm, inserted.id)!, chatRow: noteMessageInChat(orm, chat.id, inserted, false) };
        });
        return announce(message, chatRow);
      } catch (error) {
        rmSync(part, { force: true });
        if (finalPath) rmSync(finalPath, { force: true });
        throw error;
      }
    },

    /** `messages.cancel`: only a message still waiting can be taken back; one being sent cannot. */
    cancel(messageId: number): { cancelled: boolean } {
      const outcome = inTransaction(() => {
        const removed = removeQueued(orm, messageId);
        return removed.kind === 'removed' ? { ...removed, chat: refreshChatSummary(orm, removed.message.chatId) } : removed;
      });
      if (outcome.kind === 'not_found') throw new AppError('NOT_FOUND', `No message ${messageId}`);
      if (outcome.kind === 'not_queued') return { cancelled: false };
      const stored = outcome.message.mediaPath;
      const path = stored && !isSharedMedia(stored) ? resolveMediaPath(dataDir, stored) : null;
      if (path) rmSync(path, { force: true });
      bus.emit('messages.removed', { id: outcome.message.id, chatId: outcome.message.chatId });
      emitChat(outcome.chat);
      return { cancelled: true };
    },

    /** Sends the account's queue (call when it connects). */
    kick,

    /** Starts every account's queue that can be sent now (the others start when they connect). */
    start() {
      for (const accountId of accountsWithQueue(orm)) kick(accountId);
    },

    /** Resolves once no worker is sending (tests). */
    async idle() {
      for (;;) {
        const running = [...workers.values()].map((w) => w.running).filter((p): p is Promise<void> => p !== undefined);
        if (running.length === 0) return;
        await Promise.all(running);
      }
    },

    /**
     * Stops taking rows. A send in flight is awaited (up to `closeTimeoutMs`); one still unanswered
     * stays `sending` and is reconciled at the next start, never half-recorded.
     */
    async close() {
      stopping = true;
      for (const worker of workers.values()) {
        if (worker.retryTimer !== undefined) clock.clearTimeout(worker.retryTimer);
        worker.retryTimer = undefined;
      }
      const running = [...workers.values()].map((w) => w.running).filter((p): p is Promise<void> => p !== undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(running),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deps.closeTimeoutMs ?? 5_000);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
      abandoned = true;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
