import { proto, type WAMessage } from '@whiskeysockets/baileys';
import type { EventBatch, EventItem, EventTopic } from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { upsertChat } from '../inbox/chat-store';
import { createMediaDownloader, type MediaDownloaderDeps, type MediaFetcher } from '../media/media-downloader';
import { silentLogger } from './silent-logger';
import { tempDir } from './temp-dir';
import { addAccount, openTestDatabase } from './test-database';

export interface ReceivedMedia {
  kind?: 'image' | 'document' | 'audio';
  mime?: string;
  size?: number;
  fileName?: string;
  /** Leave the media columns empty, as an older mapper would: the proto alone says it is media. */
  bare?: boolean;
}

/**
 * The media downloader over a real SQLite file with one account and chat, a fetcher the test
 * scripts (`fetches` records each WhatsApp message asked for) and no real pauses between tries.
 */
export function openMediaHarness(options: { deps?: Partial<MediaDownloaderDeps> } = {}) {
  const { db, orm } = openTestDatabase();
  const accountId = 'acc-1';
  addAccount(db, accountId);
  const chat = upsertChat(orm, accountId, '5215512345678@s.whatsapp.net');
  const bus = createEventBus();
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const dataDir = tempDir('mostrador-media-');
  const fetches: WAMessage[] = [];
  const answers: ((message: WAMessage) => ReturnType<MediaFetcher>)[] = [];
  const sleeps: number[] = [];
  const downloader = createMediaDownloader({
    orm,
    bus,
    logger: silentLogger(),
    dataDir,
    fetchMedia: async (message) => {
      fetches.push(message);
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer');
      return answer(message);
    },
    reuploadFor: () => undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options.deps,
  });
  let sequence = 0;
  return {
    db,
    orm,
    dataDir,
    accountId,
    chat,
    downloader,
    fetches,
    sleeps,
    /** The next fetches answer these, in order (throw inside to fail one). */
    answer(...next: ((message: WAMessage) => ReturnType<MediaFetcher>)[]) {
      answers.push(...next);
    },
    /** A customer's message with a file, stored as the inbox stores it (media state `none`). */
    receive(media: ReceivedMedia = {}): number {
      const kind = media.kind ?? 'image';
      const mime = media.mime ?? (kind === 'image' ? 'image/jpeg' : kind === 'audio' ? 'audio/ogg; codecs=opus' : 'application/pdf');
      const size = media.size ?? 5;
      const body = { mimetype: mime, fileLength: size, mediaKey: Buffer.alloc(32, 1), directPath: '/v/t62/x', url: 'https://mmg.whatsapp.net/x' };
      const content: proto.IMessage =
        kind === 'image'
          ? { imageMessage: body }
          : kind === 'audio'
            ? { audioMessage: { ...body, ptt: true } }
            : { documentMessage: { ...body, fileName: media.fileName ?? 'factura.pdf' } };
      const columns = media.bare
        ? { kind: null, mime: null, size: null, state: null, fileName: null }
        : { kind: kind === 'audio' ? 'voice' : kind, mime, size, state: 'none', fileName: kind === 'document' ? (media.fileName ?? 'factura.pdf') : null };
      const row = db
        .prepare(
          `INSERT INTO messages (account_id, chat_id, wa_id, from_me, sender_jid, type, timestamp, status, proto,
             media_kind, media_mime, media_size, media_state, media_file_name)
           VALUES (?, ?, ?, 0, ?, ?, 1700000000000, 'received', ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          accountId,
          chat.id,
          `MEDIA${++sequence}`,
          chat.jid,
          `${kind}Message`,
          Buffer.from(proto.Message.encode(content).finish()),
          columns.kind,
          columns.mime,
          columns.size,
          columns.state,
          columns.fileName,
        ) as { id: number };
      return row.id;
    },
    row: (id: number) =>
      db
        .prepare('SELECT media_state AS state, media_path AS path, media_size AS size, media_kind AS kind, media_mime AS mime, error FROM messages WHERE id = ?')
        .get(id) as { state: string | null; path: string | null; size: number | null; kind: string | null; mime: string | null; error: string | null },
    emitted<T extends EventTopic>(topic: T): EventItem<T>[] {
      bus.flush();
      return batches.filter((b) => b.topic === topic).flatMap((b) => b.items as EventItem<T>[]);
    },
  };
}
