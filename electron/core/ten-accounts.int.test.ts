import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, ChatDto, EventBatch, MessageDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { tempDir } from './testing/temp-dir';
import { waitFor } from './testing/wait-for';
import { coreCaller } from './testing/core-call';

const TEN = 10;

// Ten real Baileys sockets, each against its own crabline server, in one core.
describe('ten practice accounts', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  const open = async (dataDir: string, dataKey: Buffer) => {
    const c = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey, logLevel: process.env.TEST_LOG_LEVEL ?? 'warn', validateResponses: true });
    core = c;
    const batches: EventBatch[] = [];
    c.subscribe((b) => batches.push(b));
    const call = coreCaller(c);
    const statuses = () => batches.filter((b) => b.topic === 'account.status').flatMap((b) => b.items as AccountDto[]);
    const latest = (id: string) => statuses().filter((a) => a.id === id).at(-1)?.state;
    const connectedCount = (ids: string[]) => ids.filter((id) => latest(id) === 'connected').length;
    return { core: c, batches, call, statuses, latest, connectedCount };
  };

  it('come back connected after a restart without a QR, and an eleventh is refused', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('mostrador-int-ten-');
    const dataKey = randomBytes(32);

    const first = await open(dataDir, dataKey);
    const ids: string[] = [];
    for (let i = 1; i <= TEN; i++) ids.push((await first.call<AccountDto>('accounts.addPractice', { label: `Sucursal ${i}` })).id);
    await waitFor(() => first.connectedCount(ids) === TEN, { what: 'ten connected', timeoutMs: 60_000 });
    await first.core.close();
    core = undefined;

    const second = await open(dataDir, dataKey);
    expect((await second.call<AccountDto[]>('accounts.list')).map((a) => a.id).sort()).toEqual([...ids].sort());
    await waitFor(() => second.connectedCount(ids) === TEN, { what: 'ten reconnected from stored auth', timeoutMs: 60_000 });
    // Stored auth is enough: nobody was asked to scan or type a code.
    expect(second.statuses().filter((a) => a.state === 'waiting_qr')).toEqual([]);
    expect(second.batches.filter((b) => b.topic === 'account.pairing')).toEqual([]);

    const refused = await second.core.dispatch('accounts.addPractice', { label: 'Una más' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } });
    expect(await second.call<AccountDto[]>('accounts.list')).toHaveLength(TEN);

    // The ten keep running: all still connected, and the last one still receives.
    const seen = second.statuses().length;
    const last = ids.at(-1)!;
    await second.call('practice.simulateInbound', { accountId: last, customerName: 'Rosa', phone: '+34 612 345 678', text: '¿Abren el domingo?' });
    await waitFor(async () => {
      const chats = await second.call<ChatDto[]>('chats.list', { accountId: last });
      const chat = chats.find((c) => c.jid === '34612345678@s.whatsapp.net');
      return chat && (await second.call<MessageDto[]>('messages.list', { chatId: chat.id })).some((m) => m.text === '¿Abren el domingo?');
    }, { what: 'message on the tenth account' });
    expect(second.connectedCount(ids)).toBe(TEN);
    expect(second.statuses().slice(seen).filter((a) => a.state !== 'connected')).toEqual([]);
  });
});
