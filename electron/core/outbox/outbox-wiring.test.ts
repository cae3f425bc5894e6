import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, EventBatch, MessageDto } from '../../../shared/contract';
import { createCore, type Core } from '../create-core';
import type { MediaFetcher } from '../media/media-downloader';
import { fakeSocketFactory, type FakeSocket } from '../testing/fake-socket';
import { tempDir } from '../testing/temp-dir';
import { waitFor } from '../testing/wait-for';
import { customerJid, waMessage } from '../testing/wa-messages';
import type { PracticeServerFactory } from '../whatsapp/practice-server';
import { coreCaller } from '../testing/core-call';

const practiceServerFactory: PracticeServerFactory = async ({ recorderPath }) => ({
  wsUrl: 'ws://127.0.0.1:1/ws',
  recorderPath,
  simulateInbound: async () => ({ waId: 'SIM1' }),
  close: async () => undefined,
});

/** The whole core with scripted sockets: the account manager's connect hook, the outbox, the downloader and openMedia together. */
async function openCore(dataDir: string, fetchMedia: MediaFetcher) {
  const { factory, sockets } = fakeSocketFactory();
  const sentOptions: unknown[] = [];
  const core: Core = await createCore({
    dataDir,
    mode: 'headless',
    version: 'test',
    dataKey: randomBytes(32),
    logLevel: 'silent',
    validateResponses: true,
    socketFactory: (config) => {
      const socket = factory(config) as FakeSocket;
      const send = socket.sendMessage;
      socket.sendMessage = async (jid, content, options?: unknown) => {
        sentOptions.push(options);
        return send(jid, content);
      };
      return socket;
    },
    practiceServerFactory,
    mediaFetcher: fetchMedia,
  });
  const batches: EventBatch[] = [];
  core.subscribe((b) => batches.push(b));
  const call = coreCaller(core);
  return { core, sockets, sentOptions, batches, call };
}

describe('outbox and media wired in the core', () => {
  it('sends what was written offline when the account connects, and downloads a live message’s photo', async () => {
    const dataDir = tempDir('mostrador-wiring-');
    // The smallest JPEG header: the downloader keeps a photo only when its bytes are one.
    const photo = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
    const t = await openCore(dataDir, async () => photo);
    try {
      const account = await t.call<AccountDto>('accounts.addPractice', { label: 'Panadería' });
      const socket = await waitFor(() => t.sockets[0], { what: 'socket' });
      // A customer writes (with a photo) before the connection is fully open.
      socket.ev.emit('messages.upsert', {
        type: 'notify',
        messages: [
          waMessage({
            id: 'IN1',
            remoteJid: customerJid,
            pushName: 'Ana',
            message: { imageMessage: { mimetype: 'image/jpeg', fileLength: photo.length, mediaKey: Buffer.alloc(32, 1), directPath: '/x', url: 'https://mmg/x', caption: 'mira' } },
          }),
        ],
      });
      const chat = await waitFor(
        () =>
          t.batches
            .filter((b) => b.topic === 'chats.upserted')
            .flatMap((b) => b.items as ChatDto[])
            .find((c) => c.jid === customerJid),
        { what: 'chat' },
      );
      const received = await waitFor(
        async () => (await t.call<MessageDto[]>('messages.list', { chatId: chat.id })).find((m) => m.waId === 'IN1' && m.media?.state === 'ready'),
        { what: 'photo downloaded' },
      );
      expect(received.media?.url).toBe(`/media/${received.id}`);
      const file = t.core.openMedia(received.id);
      expect(file).toMatchObject({ mime: 'image/jpeg', size: photo.length, disposition: 'inline' });
      expect(readFileSync(file!.path)).toEqual(photo);
      expect(t.core.openMedia(received.id + 1000)).toBeNull();

      const first = await t.call<MessageDto>('messages.send', { chatId: chat.id, text: 'Hola Ana' });
      const second = await t.call<MessageDto>('messages.send', { chatId: chat.id, text: '¿Qué necesitas?', quotedId: received.id });
      expect([first.status, second.status]).toEqual(['queued', 'queued']);
      expect(socket.sent).toEqual([]);

      socket.ev.emit('connection.update', { connection: 'open' });
      await waitFor(() => socket.sent.length === 2, { what: 'both sent' });
      expect(socket.sent.map((s) => ('text' in s.content ? s.content.text : null))).toEqual(['Hola Ana', '¿Qué necesitas?']);
      expect(t.sentOptions).toMatchObject([{ messageId: first.waId }, { messageId: second.waId, quoted: { key: { id: 'IN1' } } }]);
      await waitFor(async () => (await t.call<MessageDto[]>('messages.list', { chatId: chat.id })).filter((m) => m.fromMe).every((m) => m.status === 'sent'), {
        what: 'sent status',
      });
      expect(account.id).toBeTruthy();
    } finally {
      await t.core.close();
    }

    // The file outlives the process, and the outbox is empty.
    const again = await openCore(dataDir, async () => photo);
    try {
      const chats = await again.call<ChatDto[]>('chats.list', {});
      const messages = await again.call<MessageDto[]>('messages.list', { chatId: chats[0]!.id });
      expect(messages.map((m) => [m.text, m.status])).toEqual([
        ['mira', 'received'],
        ['Hola Ana', 'sent'],
        ['¿Qué necesitas?', 'sent'],
      ]);
      expect(again.core.openMedia(messages[0]!.id)?.size).toBe(photo.length);
    } finally {
      await again.core.close();
    }
  });
});
