import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, EventBatch, MessageDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { blockablePracticeServers } from './testing/blockable-practice-servers';
import { recordedOutboundTexts } from './testing/recorded-sends';
import { tempDir } from './testing/temp-dir';
import { waitFor } from './testing/wait-for';
import { coreCaller } from './testing/core-call';

// Real Baileys over its real protocol against crabline, with the network taken away and given back.
describe('the outbox over crabline', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const open = async (dataDir: string, dataKey: Buffer, blocked: boolean) => {
    const servers = await blockablePracticeServers({ blocked });
    const core: Core = await createCore({
      dataDir,
      mode: 'headless',
      version: 'test',
      dataKey,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'warn',
      validateResponses: true,
      practiceServerFactory: servers.factory,
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await core.close();
      await servers.close();
    };
    cleanups.push(close);
    const batches: EventBatch[] = [];
    core.subscribe((b) => batches.push(b));
    const call = coreCaller(core);
    const state = (id: string) =>
      batches
        .filter((b) => b.topic === 'account.status')
        .flatMap((b) => b.items as AccountDto[])
        .filter((a) => a.id === id)
        .at(-1)?.state;
    const messages = (chatId: number) => call<MessageDto[]>('messages.list', { chatId });
    return { core, servers, batches, call, state, messages, close };
  };

  it('keeps a message written offline through a restart and sends it exactly once on reconnect', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('mostrador-int-outbox-');
    const dataKey = randomBytes(32);
    const text = `Pedido listo ${randomBytes(3).toString('hex')}`;

    const first = await open(dataDir, dataKey, false);
    const account = await first.call<AccountDto>('accounts.addPractice', { label: 'Panadería' });
    await waitFor(() => first.state(account.id) === 'connected', { what: 'connected', timeoutMs: 30_000 });
    const recorder = join(dataDir, 'practice', `${account.id}.jsonl`);
    await first.call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 1234 5678', text: '¿Está mi pedido?' });
    const chat = await waitFor(
      () =>
        first.batches
          .filter((b) => b.topic === 'chats.upserted')
          .flatMap((b) => b.items as ChatDto[])
          .find((c) => c.jid === '525512345678@s.whatsapp.net'),
      { what: 'chat' },
    );

    // The network goes away; the person writes anyway.
    first.servers.block();
    await waitFor(() => first.state(account.id) === 'reconnecting', { what: 'reconnecting' });
    const queued = await first.call<MessageDto>('messages.send', { chatId: chat.id, text });
    expect(queued).toMatchObject({ fromMe: true, text, status: 'queued' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await first.messages(chat.id)).find((m) => m.id === queued.id)?.status).toBe('queued');
    await first.close();
    expect(recordedOutboundTexts(recorder)).not.toContain(text);

    // Restart, still offline: the message is still waiting, with the same WhatsApp id.
    const second = await open(dataDir, dataKey, true);
    await waitFor(() => second.state(account.id) === 'reconnecting', { what: 'offline after restart', timeoutMs: 30_000 });
    const afterRestart = (await second.messages(chat.id)).find((m) => m.id === queued.id);
    expect(afterRestart).toMatchObject({ waId: queued.waId, status: 'queued' });

    // The network comes back: the account reconnects by itself and the outbox drains.
    second.servers.unblock();
    await waitFor(() => second.state(account.id) === 'connected', { what: 'reconnected', timeoutMs: 30_000 });
    await waitFor(async () => (await second.messages(chat.id)).find((m) => m.id === queued.id)?.status === 'sent', { what: 'sent', timeoutMs: 20_000 });
    await waitFor(() => recordedOutboundTexts(recorder).includes(text), { what: 'recorded by the server' });
    await new Promise((r) => setTimeout(r, 500));
    expect(recordedOutboundTexts(recorder).filter((t) => t === text)).toHaveLength(1);
    // The 'append' echo did not make a second copy.
    expect((await second.messages(chat.id)).filter((m) => m.text === text)).toHaveLength(1);

    // Both directions still work.
    await second.call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 1234 5678', text: '¡Gracias!' });
    await waitFor(async () => (await second.messages(chat.id)).some((m) => m.text === '¡Gracias!'), { what: 'inbound after reconnect' });
    const reply = await second.call<MessageDto>('messages.send', { chatId: chat.id, text: 'A usted' });
    expect(['queued', 'pending']).toContain(reply.status);
    await waitFor(() => recordedOutboundTexts(recorder).includes('A usted'), { what: 'reply recorded' });
    await waitFor(async () => (await second.messages(chat.id)).find((m) => m.id === reply.id)?.status === 'sent', { what: 'reply sent' });
    expect(recordedOutboundTexts(recorder).filter((t) => t === 'A usted')).toHaveLength(1);
  });
});
