import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, EventBatch, MessageDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { recordedOutboundTexts } from './testing/recorded-sends';
import { waitFor } from './testing/wait-for';
import { coreCaller } from './testing/core-call';

// Real Baileys over its real protocol against crabline's local WhatsApp server.
describe('practice account over crabline', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mostrador-int-'));
  const dataKey = randomBytes(32);
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const open = async () => {
    const c = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey, logLevel: process.env.TEST_LOG_LEVEL ?? 'warn', validateResponses: true });
    const batches: EventBatch[] = [];
    c.subscribe((b) => batches.push(b));
    const call = coreCaller(c);
    const latestAccount = (id: string) =>
      batches
        .filter((b) => b.topic === 'account.status')
        .flatMap((b) => b.items as AccountDto[])
        .filter((a) => a.id === id)
        .at(-1);
    return { core: c, batches, call, latestAccount };
  };

  it('receives a customer message, replies, and comes back after a restart', async () => {
    const first = await open();
    core = first.core;
    const account = await first.call<AccountDto>('accounts.addPractice', { label: 'Panadería' });
    await waitFor(() => first.latestAccount(account.id)?.state === 'connected', { what: 'connected' });

    await first.call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 1234 5678', text: 'Hola, ¿tienen pan?' });
    // The chat reaches subscribers as an event: nobody polls.
    const chat = await waitFor(
      () => first.batches.filter((b) => b.topic === 'chats.upserted').flatMap((b) => b.items as ChatDto[]).find((c) => c.jid === '525512345678@s.whatsapp.net'),
      { what: 'chat event' },
    );
    expect(chat.title).toBe('Ana');
    expect(chat.unreadCount).toBe(1);

    const reply = await first.call<MessageDto>('messages.send', { chatId: chat.id, text: 'Sí, hasta las 8' });
    // The outbox answers at once; the send itself follows (the account is connected).
    expect(reply).toMatchObject({ fromMe: true, text: 'Sí, hasta las 8' });
    expect(['queued', 'pending']).toContain(reply.status);
    const recorder = join(dataDir, 'practice', `${account.id}.jsonl`);
    await waitFor(() => recordedOutboundTexts(recorder).includes('Sí, hasta las 8'), { what: 'recorded reply' });
    await waitFor(async () => (await first.call<MessageDto[]>('messages.list', { chatId: chat.id })).find((m) => m.id === reply.id)?.status === 'sent', {
      what: 'reply sent',
    });
    // The 'append' echo of our own send does not make a second copy.
    await new Promise((r) => setTimeout(r, 300));
    expect((await first.call<MessageDto[]>('messages.list', { chatId: chat.id })).map((m) => m.text)).toEqual(['Hola, ¿tienen pan?', 'Sí, hasta las 8']);

    await first.core.close();
    core = undefined;

    const second = await open();
    core = second.core;
    expect((await second.call<AccountDto[]>('accounts.list')).map((a) => a.id)).toEqual([account.id]);
    await waitFor(() => second.latestAccount(account.id)?.state === 'connected', { what: 'reconnected after restart' });
    const messages = await second.call<MessageDto[]>('messages.list', { chatId: chat.id });
    expect(messages.map((m) => m.text)).toEqual(['Hola, ¿tienen pan?', 'Sí, hasta las 8']);

    // The conversation keeps working after the restart, in both directions.
    await second.call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 1234 5678', text: '¿Y mañana?' });
    await waitFor(async () => (await second.call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.text === '¿Y mañana?'), { what: 'inbound after restart' });
    await second.call<MessageDto>('messages.send', { chatId: chat.id, text: 'Mañana también' });
    await waitFor(() => recordedOutboundTexts(recorder).includes('Mañana también'), { what: 'reply after restart recorded' });

    // Removing the account tells every window once, and nothing about it follows.
    await second.call('accounts.remove', { accountId: account.id });
    await waitFor(() => second.batches.some((b) => b.topic === 'account.removed'), { what: 'account.removed event' });
    await new Promise((r) => setTimeout(r, 200));
    const removedAt = second.batches.findIndex((b) => b.topic === 'account.removed');
    expect(second.batches.slice(removedAt + 1).filter((b) => b.topic === 'account.status')).toEqual([]);
    expect(await second.call('chats.list', {})).toEqual([]);
  });
});
