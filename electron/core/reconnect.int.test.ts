import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, EventBatch, MessageDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { proxiedPracticeServers } from './testing/cuttable-proxy';
import { tempDir } from './testing/temp-dir';
import { waitFor } from './testing/wait-for';
import { coreCaller } from './testing/core-call';

// Real Baileys over its real protocol against crabline, through a TCP proxy the test can cut:
// crabline has no admin endpoint that drops a connection.
describe('a practice account whose connection drops', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('reconnects by itself after a dropped socket, with one socket at a time, and keeps receiving', { timeout: 90_000 }, async () => {
    const { factory, proxies } = proxiedPracticeServers();
    core = await createCore({
      dataDir: tempDir('mostrador-int-reconnect-'),
      mode: 'headless',
      version: 'test',
      dataKey: randomBytes(32),
      logLevel: process.env.TEST_LOG_LEVEL ?? 'warn',
      validateResponses: true,
      practiceServerFactory: factory,
    });
    const batches: EventBatch[] = [];
    core.subscribe((b) => batches.push(b));
    const c = core;
    const call = coreCaller(c);
    const statuses = (id: string) =>
      batches
        .filter((b) => b.topic === 'account.status')
        .flatMap((b) => b.items as AccountDto[])
        .filter((a) => a.id === id);

    const account = await call<AccountDto>('accounts.addPractice', { label: 'Ferretería' });
    await waitFor(() => statuses(account.id).at(-1)?.state === 'connected', { what: 'first connection', timeoutMs: 30_000 });
    const proxy = proxies.get(`${account.phone}@s.whatsapp.net`);
    if (!proxy) throw new Error(`no proxy for ${account.phone}; have ${[...proxies.keys()].join(', ')}`);
    expect(proxy.stats()).toMatchObject({ open: 1, accepted: 1 });

    const beforeDrop = statuses(account.id).length;
    proxy.cut();

    const reconnecting = await waitFor(() => statuses(account.id).slice(beforeDrop).find((a) => a.state === 'reconnecting'), { what: 'reconnecting' });
    expect(reconnecting.attempt).toBe(1);
    expect(reconnecting.nextRetryAt).toBeGreaterThan(Date.now() - 1_000);
    await waitFor(() => statuses(account.id).at(-1)?.state === 'connected', { what: 'connected again', timeoutMs: 30_000 });
    // The new socket is the only one: the dropped one is gone, no extra ones were opened.
    expect(proxy.stats()).toEqual({ open: 1, maxOpen: 1, accepted: 2 });

    // A customer writes after the reconnect and the message lands in the inbox.
    await call('practice.simulateInbound', { accountId: account.id, customerName: 'Luis', phone: '+52 55 8765 4321', text: '¿Tienen tornillos?' });
    const chat = await waitFor(
      () =>
        batches
          .filter((b) => b.topic === 'chats.upserted')
          .flatMap((b) => b.items as ChatDto[])
          .find((ch) => ch.jid === '525587654321@s.whatsapp.net'),
      { what: 'chat after reconnect' },
    );
    await waitFor(async () => (await call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.text === '¿Tienen tornillos?'), {
      what: 'message after reconnect',
    });

    // It stays settled: no late second socket, no further state changes.
    const settled = statuses(account.id).length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(statuses(account.id).slice(settled).map((a) => a.state)).not.toContain('reconnecting');
    expect(proxy.stats()).toEqual({ open: 1, maxOpen: 1, accepted: 2 });
  });
});
