import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignRecipientDto } from '../../../shared/contract';
import { accountDto } from '../../../shared/testing/dto-fixtures';
import type { SyncEvent } from '../../../shared/sync/protocol';
import { addNote } from '../agent-tools/notes-store';
import { createEventBus } from '../events/event-bus';
import { createSecretBox } from '../secrets/secret-box';
import { silentLogger } from '../testing/silent-logger';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { waitFor } from '../testing/wait-for';
import { SyncHttpError, type SyncClient } from './sync-client';
import { createSyncEngine, type SyncEngine } from './sync-engine';

/** A server stand-in: records every push; `fail` decides per call whether it throws. */
function fakeClient(fail: (call: number) => SyncHttpError | undefined = () => undefined) {
  const pushes: SyncEvent[][] = [];
  const client: SyncClient = {
    enrol: async () => ({ workstationId: 'w1', token: 'secret-token-secret-token' }),
    push: async (_url, _token, events) => {
      pushes.push([...events]);
      const error = fail(pushes.length);
      if (error) throw error;
      return { accepted: events.map((e) => e.id), duplicates: [], cursor: String(pushes.length) };
    },
    pull: async () => ({ events: [], cursor: '0', more: false }),
  };
  return { client, pushes };
}

describe('sync engine', () => {
  let engine: SyncEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  const setup = (client: SyncClient, timings: { batchWindowMs?: number; firstBackoffMs?: number } = {}) => {
    const { db, orm } = openTestDatabase();
    addAccount(db, 'acc');
    db.prepare("UPDATE accounts SET phone = '5215500000000' WHERE id = 'acc'").run();
    const chatId = db.prepare("INSERT INTO chats (account_id, jid) VALUES ('acc', '5215512345678@s.whatsapp.net') RETURNING id").pluck().get() as number;
    const bus = createEventBus();
    engine = createSyncEngine({
      orm,
      bus,
      box: createSecretBox(randomBytes(32)),
      logger: silentLogger(),
      listAccounts: () => [],
      client,
      timings: { batchWindowMs: 100, pullIntervalMs: 60_000, firstBackoffMs: 50, maxBackoffMs: 200, ...timings },
    });
    bus.tap(engine.onEvent);
    const note = (text: string) => bus.emit('notes.upserted', addNote(orm, chatId, text, 1));
    return { db, orm, bus, note, engine };
  };

  it('records nothing while sync is off', () => {
    const { client, pushes } = fakeClient();
    const { db, note } = setup(client);
    note('antes de conectar');
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    expect(engine!.status()).toMatchObject({ configured: false, waiting: 0 });
    expect(pushes).toHaveLength(0);
  });

  it('sends 120 changes in three requests of at most 50, in order, and keeps the token sealed', async () => {
    const { client, pushes } = fakeClient();
    const { db, note } = setup(client);
    await engine!.connect({ url: 'http://server', enrolmentToken: 'enrolment-token-123', agentName: 'Ana' });
    for (let i = 0; i < 120; i++) note(`nota ${i}`);
    await waitFor(() => engine!.status().waiting === 0 && pushes.reduce((n, p) => n + p.length, 0) === 120, { what: 'drained' });
    expect(pushes.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pushes.flat().map((e) => (e.payload as { text: string }).text)).toEqual(Array.from({ length: 120 }, (_, i) => `nota ${i}`));
    const sealed = db.prepare('SELECT token_sealed FROM sync_config').pluck().get() as Buffer;
    expect(sealed.includes(Buffer.from('secret-token-secret-token'))).toBe(false);
  });

  it('sends an account state at once on the priority lane, ahead of changes waiting for their batch', async () => {
    const { client, pushes } = fakeClient();
    const { bus, note } = setup(client, { batchWindowMs: 30_000 });
    await engine!.connect({ url: 'http://server', enrolmentToken: 'enrolment-token-123', agentName: null });
    note('espera su lote');
    bus.emit('account.status', accountDto({ id: 'acc', phone: '5215500000000', state: 'disconnected' }));
    await waitFor(() => pushes.length > 0, { timeoutMs: 1_000, what: 'the priority push' });
    expect(pushes[0]!.map((e) => e.kind)).toEqual(['accountStatus', 'noteAdded']);
    expect(pushes[0]![0]!.payload).toEqual({ account: '5215500000000', label: 'Account acc', status: 'disconnected' });
    // The same state again is not news.
    bus.emit('account.status', accountDto({ id: 'acc', phone: '5215500000000', state: 'disconnected' }));
    await new Promise((r) => setTimeout(r, 100));
    expect(pushes).toHaveLength(1);
  });

  it('retries a failed batch with backoff and the same event ids, while the changes wait', async () => {
    const { client, pushes } = fakeClient((call) => (call <= 3 ? new SyncHttpError(0, 'UNREACHABLE', 'The server could not be reached (ECONNREFUSED).') : undefined));
    const { note } = setup(client);
    await engine!.connect({ url: 'http://server', enrolmentToken: 'enrolment-token-123', agentName: null });
    note('uno');
    note('dos');
    await waitFor(() => pushes.length === 2, { what: 'a retry' });
    expect(engine!.status()).toMatchObject({ connected: false, waiting: 2, lastError: 'The server could not be reached (ECONNREFUSED).' });
    await waitFor(() => engine!.status().waiting === 0, { what: 'drained once the server is back' });
    expect(pushes).toHaveLength(4);
    const ids = pushes.map((p) => p.map((e) => e.id).join());
    expect(new Set(ids).size).toBe(1);
    expect(engine!.status()).toMatchObject({ connected: true, lastError: null });
  });

  it('drops a batch the server will never take (400) instead of blocking the queue', async () => {
    const { client, pushes } = fakeClient((call) => (call === 1 ? new SyncHttpError(400, 'BAD_REQUEST', 'Invalid events.0.payload') : undefined));
    const { note } = setup(client);
    await engine!.connect({ url: 'http://server', enrolmentToken: 'enrolment-token-123', agentName: null });
    note('rechazada');
    await waitFor(() => pushes.length === 1 && engine!.status().waiting === 0, { what: 'dropped' });
    note('siguiente');
    await waitFor(() => pushes.length === 2, { what: 'the next change still goes' });
    expect(pushes[1]!.map((e) => (e.payload as { text: string }).text)).toEqual(['siguiente']);
  });

  it('sends each state a campaign recipient reaches once, with the campaign and the account’s number', async () => {
    const { client, pushes } = fakeClient();
    const { db, bus } = setup(client);
    await engine!.connect({ url: 'http://server', enrolmentToken: 'enrolment-token-123', agentName: null });
    const campaignId = db
      .prepare("INSERT INTO campaigns (name, status, template, pacing, window, start_at, created_at) VALUES ('Buen Fin', 'running', 'Hola', '{}', '{}', 0, 0) RETURNING id")
      .pluck()
      .get() as number;
    const recipient = (state: CampaignRecipientDto['state'], accountId: string | null = 'acc'): CampaignRecipientDto => ({
      id: 7,
      campaignId,
      accountId,
      phone: '5215512345678',
      name: 'Ana',
      state,
      reason: null,
      variant: '1',
      messageId: null,
      queuedAt: null,
      repliedAt: null,
      optedOutAt: null,
    });
    bus.emit('campaigns.recipient', recipient('pending'));
    bus.emit('campaigns.recipient', { ...recipient('skipped', null), id: 8 });
    for (const state of ['sending', 'sent', 'sent', 'delivered'] as const) bus.emit('campaigns.recipient', recipient(state));
    await waitFor(() => engine!.status().waiting === 0 && pushes.flat().length === 3, { what: 'three results sent' });
    expect(pushes.flat().map((e) => [e.kind, (e.payload as { state: string }).state])).toEqual([
      ['campaignResult', 'sending'],
      ['campaignResult', 'sent'],
      ['campaignResult', 'delivered'],
    ]);
    expect(pushes.flat()[2]!.payload).toEqual({ account: '5215500000000', campaignId, campaign: 'Buen Fin', phone: '5215512345678', state: 'delivered', reason: null, variant: '1' });
  });
});
