import Database from 'better-sqlite3';
import { WAMessageStatus } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountDto, CampaignDto, CampaignRecipientDto } from '../../../shared/contract';
import { createCore, databasePath } from '../create-core';
import { coreCaller } from '../testing/core-call';
import { fakeSocketFactory, type FakeSocket } from '../testing/fake-socket';
import { tempDir } from '../testing/temp-dir';
import { waitFor } from '../testing/wait-for';

const pacing = { minDelaySec: 2, maxDelaySec: 2, pauseEvery: 1000, pauseMinSec: 0, pauseMaxSec: 0, hourlyCap: 1000, dailyCap: 1000, warmup: false, failureBrakePct: 100 };
const window = { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] };
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startCore(dataDir: string, dataKey: Buffer) {
  const { factory, sockets } = fakeSocketFactory();
  const core = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey, logLevel: 'silent', validateResponses: true, whatsappSocketFactory: factory });
  return { core, sockets, call: coreCaller(core) };
}

async function connect(sockets: FakeSocket[], index: number, call: ReturnType<typeof coreCaller>): Promise<FakeSocket> {
  const socket = await waitFor(() => sockets[index], { what: `socket ${index}` });
  socket.user = { id: '5215500000000:4@s.whatsapp.net', name: 'Panadería' };
  // What Baileys saves when the QR is scanned: a linked number reconnects by itself after a restart.
  socket.ev.emit('creds.update', { me: socket.user });
  socket.ev.emit('connection.update', { connection: 'open' });
  await waitFor(async () => (await call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'connected' });
  return socket;
}

const lockOf = async (call: ReturnType<typeof coreCaller>) => (await call<AccountDto[]>('accounts.list'))[0]!.reachOutLockedUntil;

// The whole core over the contract with a scripted real number: Baileys' own events in, the
// account DTO and the campaign out, and the lock kept in the database across a restart.
describe("WhatsApp's reach-out lock wired in the core", () => {
  it("follows connection.update's reachoutTimeLock: set with its end, lifted when no longer active", { timeout: 20_000 }, async () => {
    const { core, sockets, call } = await startCore(tempDir('mostrador-reach-out-'), randomBytes(32));
    try {
      await call('accounts.addWhatsApp', { label: 'Panadería' });
      const socket = await connect(sockets, 0, call);
      const ends = Date.now() + 2 * HOUR;
      socket.ev.emit('connection.update', { reachoutTimeLock: { isActive: true, timeEnforcementEnds: new Date(ends) } });
      await waitFor(async () => (await lockOf(call)) === ends, { what: 'lock set' });
      socket.ev.emit('connection.update', { reachoutTimeLock: { isActive: false } });
      await waitFor(async () => (await lockOf(call)) === null, { what: 'lock lifted' });
    } finally {
      await core.close();
    }
  });

  it('a 463 on a first contact locks the number until WhatsApp says, sends nothing again, and the lock survives a restart', { timeout: 40_000 }, async () => {
    const dataDir = tempDir('mostrador-reach-out-');
    const dataKey = randomBytes(32);
    let run: Awaited<ReturnType<typeof startCore>> | undefined = await startCore(dataDir, dataKey);
    const ends = Date.now() + 5 * HOUR;
    let campaign: CampaignDto;
    try {
      const { sockets, call } = run;
      await call('accounts.addWhatsApp', { label: 'Panadería' });
      const socket = await connect(sockets, 0, call);
      const csv = Buffer.from('telefono;nombre\n+52 55 6000 1000;Ana\n+52 55 6000 1001;Luis\n').toString('base64');
      await call('campaigns.parseFile', { draftId: 'draft-lock', fileName: 'c.csv', dataBase64: csv });
      const audience = { kind: 'file', draftId: 'draft-lock', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] };
      const [account] = await call<AccountDto[]>('accounts.list');
      campaign = await call<CampaignDto>('campaigns.create', { name: 'Nuevos', audience, template: 'Hola {{nombre}}', accountIds: [account!.id], pacing, window });
      await waitFor(() => socket.sent.length >= 1, { what: 'first send', timeoutMs: 15_000 });

      // WhatsApp refuses it as Baileys reports it; asked until when, it names the lock's end.
      socket.timelock = { isActive: true, timeEnforcementEnds: new Date(ends) };
      const fetchesBefore = socket.timelockFetches;
      const readOnly = new Database(databasePath(dataDir), { readonly: true });
      const waId = readOnly.prepare("SELECT wa_id FROM messages WHERE from_me = 1 AND sent_by = 'campaign'").pluck().get() as string;
      readOnly.close();
      socket.ev.emit('messages.update', [
        { key: { remoteJid: socket.sent[0]!.jid, fromMe: true, id: waId }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463', 'Your account has been restricted'] } },
      ]);
      await waitFor(async () => (await lockOf(call)) === ends, { what: 'lock until the end WhatsApp gave' });
      expect(socket.timelockFetches - fetchesBefore).toBe(1);
      await sleep(4_000);
      expect(socket.sent).toHaveLength(1);
      const { items } = await call<{ items: CampaignRecipientDto[] }>('campaigns.recipients', { id: campaign.id });
      expect(items.map((r) => [r.state, r.reason])).toEqual([
        ['pending', 'reach_out_locked'],
        ['pending', null],
      ]);
      await run.core.close();
      run = undefined;

      // After a restart the lock is still known before WhatsApp says anything, and nothing goes.
      run = await startCore(dataDir, dataKey);
      expect(await lockOf(run.call)).toBe(ends);
      const again = await connect(run.sockets, 0, run.call);
      await sleep(4_000);
      expect(again.sent).toHaveLength(0);
      expect(await lockOf(run.call)).toBe(ends);
      // Waiting for the lock, not braked: it goes on by itself once the lock ends.
      expect(await run.call<CampaignDto>('campaigns.get', { id: campaign.id })).toMatchObject({ status: 'running', counts: { pending: 2, failed: 0 }, accounts: [{ pausedReason: null }] });
    } finally {
      await run?.core.close();
    }
  });
});
