import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import { trustedMime } from './sniff-media';
import type { EventBus } from '../events/event-bus';
import { getChat } from '../inbox/chat-store';
import { messageDtoOf, type MessageRow } from '../inbox/message-store';
import { getMessageById } from '../outbox/outbox-store';
import { errorText } from '../outbox/send-errors';
import { extensionFor, MAX_MEDIA_BYTES, mediaRelativePath, resolveMediaPath } from './media-files';
import { mediaInfoOf, type MediaInfo } from './media-info';
import { idsLeftDownloading, setMediaState } from './media-store';

/** Asks WhatsApp to upload a file again when its CDN copy expired (Baileys' `sock.updateMediaMessage`). */
export type Reupload = (message: WAMessage) => Promise<WAMessage>;

/** The download itself, behind a port so tests need neither WhatsApp's CDN nor its crypto. */
export type MediaFetcher = (message: WAMessage, reupload: Reupload | undefined) => Promise<Uint8Array | AsyncIterable<Uint8Array>>;

export interface MediaDownloaderDeps {
  orm: Orm;
  bus: EventBus;
  logger: Logger;
  dataDir: string;
  fetchMedia: MediaFetcher;
  /** The account's re-upload request while it is connected. */
  reuploadFor: (accountId: string) => Reupload | undefined;
  sleep?: (ms: number) => Promise<void>;
  /** Pauses between tries; one try more than pauses. */
  retryDelaysMs?: number[];
  /** Downloads at once, across accounts. */
  concurrency?: number;
  closeTimeoutMs?: number;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Downloads received media into `<dataDir>/media/<account>/<message id>.<ext>`: live messages on
 * their own (up to 16 MB), anything on request (`messages.retryMedia`). The state goes
 * downloading → ready or failed, each change told to the renderer. A file is written under a
 * `.part` name and renamed when complete, so a crash never leaves half a file that looks ready;
 * downloads a shutdown interrupted start again at the next start (`resume`).
 */
export function createMediaDownloader(deps: MediaDownloaderDeps) {
  const { orm, bus, logger, dataDir } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const delays = deps.retryDelaysMs ?? [2_000, 8_000];
  const concurrency = deps.concurrency ?? 2;
  const waiting: number[] = [];
  const wanted = new Set<number>();
  const active = new Set<Promise<void>>();
  let closing = false;
  let abandoned = false;

  const emit = (row: MessageRow | undefined) => {
    if (row) bus.emit('messages.upserted', messageDtoOf(orm, row));
  };
  // A download's outcome clears or sets `error` on received messages only: on ours it tells why a send failed.
  const errorPatch = (row: MessageRow, error: string | null) => (row.fromMe && error === null ? {} : { error });

  const waMessageOf = (row: MessageRow, info: MediaInfo): WAMessage => {
    const jid = getChat(orm, row.chatId)?.jid ?? '';
    const isGroup = jid.endsWith('@g.us');
    return {
      key: { remoteJid: jid, fromMe: row.fromMe, id: row.waId, ...(isGroup && !row.fromMe && row.senderJid ? { participant: row.senderJid } : {}) },
      message: info.message,
    };
  };

  const saveTo = async (data: Uint8Array | AsyncIterable<Uint8Array>, part: string) => {
    mkdirSync(dirname(part), { recursive: true });
    if (data instanceof Uint8Array) {
      await writeFile(part, data);
      return;
    }
    const out = createWriteStream(part);
    try {
      await pipeline(Readable.from(data), out);
    } catch (error) {
      // The file may still be opening when the source fails: let it close, so it can be removed.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      throw error;
    }
  };

  /** One message, up to `delays.length + 1` tries. */
  const download = async (id: number) => {
    for (let attempt = 1; ; attempt++) {
      if (closing) return; // stays `downloading`: resumed at the next start
      const row = getMessageById(orm, id);
      const info = row ? mediaInfoOf(row) : undefined;
      if (!row || !info) return;
      const relative = mediaRelativePath(row.accountId, `${row.id}.${extensionFor(info.mime, info.fileName)}`);
      const target = resolveMediaPath(dataDir, relative)!;
      const part = `${target}.part`;
      try {
        await saveTo(await deps.fetchMedia(waMessageOf(row, info), deps.reuploadFor(row.accountId)), part);
        if (abandoned) {
          rmSync(part, { force: true });
          return;
        }
        renameSync(part, target);
        const fresh = getMessageById(orm, id);
        if (!fresh) {
          rmSync(target, { force: true }); // deleted while it downloaded
          return;
        }
        const mime = await trustedMime(target, fresh.mediaMime ?? info.mime, fresh.mediaKind ?? info.kind);
        emit(setMediaState(orm, fresh, info, 'ready', { path: relative, size: statSync(target).size, mime, ...errorPatch(fresh, null) }));
        return;
      } catch (error) {
        rmSync(part, { force: true });
        if (abandoned) return;
        if (attempt > delays.length) {
          logger.warn({ err: error, messageId: id, attempts: attempt }, 'media: download failed');
          const fresh = getMessageById(orm, id);
          if (fresh) emit(setMediaState(orm, fresh, info, 'failed', errorPatch(fresh, errorText(error))));
          return;
        }
        logger.info({ err: error, messageId: id, attempt }, 'media: download failed, trying again');
        await sleep(delays[attempt - 1]!);
      }
    }
  };

  const pump = () => {
    while (!closing && active.size < concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      const job: Promise<void> = download(id)
        .catch((error: unknown) => logger.error({ err: error, messageId: id }, 'media: download job failed'))
        .finally(() => {
          active.delete(job);
          wanted.delete(id);
          pump();
        });
      active.add(job);
    }
  };

  const start = (row: MessageRow, info: MediaInfo) => {
    if (closing || wanted.has(row.id)) return;
    emit(setMediaState(orm, row, info, 'downloading', errorPatch(row, null)));
    wanted.add(row.id);
    waiting.push(row.id);
    pump();
  };

  const fileIsThere = (row: MessageRow) => {
    const path = resolveMediaPath(dataDir, row.mediaPath);
    return path !== null && existsSync(path);
  };

  return {
    /** A live message was just stored: fetch its media now unless it is large (that waits for a request). */
    consider(messageId: number): void {
      if (closing || wanted.has(messageId)) return;
      const row = getMessageById(orm, messageId);
      if (!row || (row.mediaState ?? 'none') !== 'none') return;
      const info = mediaInfoOf(row);
      if (!info) return;
      if (info.size !== null && info.size > MAX_MEDIA_BYTES) {
        if (row.mediaKind === null) emit(setMediaState(orm, row, info, 'none'));
        return;
      }
      start(row, info);
    },

    /** `messages.retryMedia`: downloads (again) on request, whatever its size. */
    retry(messageId: number): MessageDto {
      const row = getMessageById(orm, messageId);
      if (!row) throw new AppError('NOT_FOUND', `No message ${messageId}`);
      if (wanted.has(row.id) || (row.mediaState === 'ready' && fileIsThere(row))) return messageDtoOf(orm, row);
      const info = mediaInfoOf(row);
      if (!info) throw new AppError('BAD_REQUEST', 'This message has no file that can be downloaded');
      start(row, info);
      return messageDtoOf(orm, getMessageById(orm, row.id) ?? row);
    },

    /** Downloads a shutdown interrupted start again. */
    resume(): void {
      for (const id of idsLeftDownloading(orm)) {
        const row = getMessageById(orm, id);
        const info = row ? mediaInfoOf(row) : undefined;
        if (row && info) {
          wanted.add(id);
          waiting.push(id);
        } else if (row) {
          emit(setMediaState(orm, row, { kind: 'document', mime: null, fileName: null, size: null }, 'failed', { error: 'No file to download' }));
        }
      }
      pump();
    },

    /** Resolves once nothing is downloading (tests). */
    async idle(): Promise<void> {
      while (active.size > 0) await Promise.all([...active]);
    },

    /** Stops starting downloads; waits a little for those running, then lets them go without writing. */
    async close(): Promise<void> {
      closing = true;
      waiting.length = 0;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...active]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deps.closeTimeoutMs ?? 3_000);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
      abandoned = true;
    },
  };
}

export type MediaDownloader = ReturnType<typeof createMediaDownloader>;
