import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proto } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, CampaignDto, ChatDto } from '../../shared/contract';
import { createCore } from './create-core';
import { coreCaller } from './testing/core-call';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './testing/fake-openai-server';
import { fakeSocketFactory } from './testing/fake-socket';
import { waitFor } from './testing/wait-for';
import { waMessage } from './testing/wa-messages';

const pacing = { minDelaySec: 2, maxDelaySec: 2, pauseEvery: 1000, pauseMinSec: 0, pauseMaxSec: 0, hourlyCap: 1000, dailyCap: 1000, warmup: false, failureBrakePct: 100 };
const window = { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] };

/** Log lines as pino writes them, parsed. */
function capturedLog() {
  const lines: { level: number; msg?: string; time: number; err?: { message?: string } }[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

// Closing the workstation while everything is busy: a campaign between sends, the outbox with
// messages in flight, the assistant waiting for a slow model. Nothing may throw or log an error
// after close(), in particular no timer may reach the closed database.
describe('closing the core mid-work', () => {
  let openai: FakeOpenAiServer | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mostrador-shutdown-'));
  afterEach(async () => {
    await openai?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops producers, flushes, closes sockets and the database, and nothing runs afterwards', { timeout: 30_000 }, async () => {
    openai = await startFakeOpenAiServer({ fallback: () => ({ reply: ['Un momento'], delayMs: 1_500 }) });
    const log = capturedLog();
    const { factory, sockets } = fakeSocketFactory();
    const core = await createCore({
      dataDir,
      mode: 'headless',
      version: 'test',
      dataKey: randomBytes(32),
      logLevel: 'info',
      logDestination: log.destination,
      validateResponses: true,
      assistantDebounceMs: 50,
      whatsappSocketFactory: factory,
    });
    const call = coreCaller(core);
    const account = await call<AccountDto>('accounts.addWhatsApp', { label: 'Caja' });
    const socket = await waitFor(() => sockets[0], { what: 'socket' });
    socket.user = { id: '5215500000000:4@s.whatsapp.net', name: 'Caja' };
    socket.ev.emit('connection.update', { connection: 'open' });
    await waitFor(async () => (await call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'connected' });
    await call('assistant.update', { accountId: account.id, apiKey: 'sk-x', settings: { enabled: true, baseUrl: openai.baseUrl, model: 'm', knowledge: 'Pan', tone: 'Amable' } });

    // A customer asks: the assistant is waiting for the (slow) model when we close.
    socket.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [waMessage({ id: 'Q1', remoteJid: '5215511112222@s.whatsapp.net', message: { conversation: '¿Hay pan?' }, seconds: Math.floor(Date.now() / 1000) })],
    });
    const chat = await waitFor(async () => (await call<ChatDto[]>('chats.list', {}))[0], { what: 'chat' });
    // The outbox holds messages; a campaign of 30 is between sends.
    for (let i = 0; i < 5; i++) await call('messages.send', { chatId: chat.id, text: `mensaje ${i}` });
    const csv = Buffer.from(['telefono', ...Array.from({ length: 30 }, (_, i) => `+52 55 6000 ${String(1000 + i)}`)].join('\n')).toString('base64');
    await call('campaigns.parseFile', { draftId: 'draft-shutdown', fileName: 'c.csv', dataBase64: csv });
    await call<CampaignDto>('campaigns.create', {
      name: 'Cierre',
      audience: { kind: 'file', draftId: 'draft-shutdown', phoneColumns: [0], variables: [] },
      template: 'Hola, hay pan dulce.',
      accountIds: [account.id],
      pacing,
      window,
    });
    await waitFor(() => socket.sent.some((s) => s.jid.startsWith('52556000')), { what: 'the campaign sending', timeoutMs: 10_000 });
    await waitFor(() => openai!.requests.length > 0, { what: 'the model asked' });

    const closedAt = Date.now();
    const closing = core.close();
    // WhatsApp's acks of what went out keep arriving while the core shuts down, at every stage of it.
    let ack = proto.WebMessageInfo.Status.SERVER_ACK;
    const acks = setInterval(() => {
      ack = Math.min(ack + 1, proto.WebMessageInfo.Status.PLAYED);
      socket.ev.emit('messages.update', socket.sentKeys.map((key) => ({ key, update: { status: ack } })));
    }, 5);
    await closing.finally(() => clearInterval(acks));
    // Long enough for any timer left behind (summaries, counts, pacing, the slow model) to fire.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const sentAfterClose = socket.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.sent.length).toBe(sentAfterClose);
    const problems = log.lines.filter((l) => l.level >= 50 || (l.time >= closedAt && l.level >= 40));
    expect(problems).toEqual([]);
  });
});
