import type { WAMessage } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { setImmediate as settle } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { InboxIngest } from '../inbox/inbox-ingest';
import { createSecretBox } from '../secrets/secret-box';
import { FakeClock } from '../testing/fake-clock';
import { closedWith, fakeSocketFactory, type FakeSocket } from '../testing/fake-socket';
import { silentLogger } from '../testing/silent-logger';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { customerJid, waMessage } from '../testing/wa-messages';
import { createAccountSupervisor, type RuntimeStatus } from './account-supervisor';
import { createSqliteAuthState } from './auth-state';
import { decideReconnect } from './reconnect-policy';

const random = () => 0.5;

function setup(extra: { resolveUrl?: () => Promise<string | undefined> } = {}) {
  const { db } = openTestDatabase();
  addAccount(db, 'acc-1');
  const auth = createSqliteAuthState(db, createSecretBox(randomBytes(32)), 'acc-1');
  const clock = new FakeClock();
  const { factory, sockets } = fakeSocketFactory();
  const statuses: RuntimeStatus[] = [];
  const profiles: { phone: string | null; pushName: string | null }[] = [];
  const upserts: { accountId: string; messages: WAMessage[]; type: string }[] = [];
  const ingest: InboxIngest = {
    ingestUpsert: (accountId, messages, type) => {
      upserts.push({ accountId, messages, type });
      return [];
    },
    ingestUpdates: () => undefined,
  };
  const supervisor = createAccountSupervisor({
    accountId: 'acc-1',
    auth,
    socketFactory: factory,
    ingest,
    loadMessage: () => undefined,
    onStatus: (s) => statuses.push(s),
    onProfile: (p) => profiles.push(p),
    logger: silentLogger(),
    clock,
    random,
    ...extra,
  });
  const latest = () => statuses.at(-1);
  const socket = (index: number): FakeSocket => {
    const s = sockets[index];
    if (!s) throw new Error(`socket ${index} was not created (${sockets.length} made)`);
    return s;
  };
  /** Starts the supervisor and lets its async connect make the first socket. */
  const started = async () => {
    supervisor.start();
    await settle();
    return socket(0);
  };
  const close = async (s: FakeSocket, statusCode: number) => {
    s.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: closedWith(statusCode), date: new Date() } });
    await settle();
  };
  return { db, auth, clock, sockets, statuses, profiles, upserts, supervisor, latest, socket, started, close };
}

describe('account supervisor', () => {
  it('shows waiting_qr when the socket offers a QR code', async () => {
    const t = setup();
    const s = await t.started();
    expect(t.latest()?.state).toBe('connecting');
    s.ev.emit('connection.update', { qr: '2@abc,def' });
    expect(t.latest()?.state).toBe('waiting_qr');
  });

  it('is connected on open and reports our own number and name', async () => {
    const t = setup();
    const s = await t.started();
    s.user = { id: '5215512345678:12@s.whatsapp.net', name: 'Panadería La Espiga' };
    s.ev.emit('connection.update', { connection: 'open' });
    expect(t.latest()).toEqual({ state: 'connected', attempt: null, nextRetryAt: null, reason: null });
    expect(t.profiles).toEqual([{ phone: '5215512345678', pushName: 'Panadería La Espiga' }]);
    expect(t.supervisor.connectedSocket()).toBe(s);
  });

  it('saves every creds.update at once', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('creds.update', { registered: true, me: { id: '5215512345678:12@s.whatsapp.net' } });
    expect(t.auth.hasStoredCreds()).toBe(true);
    expect(t.auth.state.creds.registered).toBe(true);
  });

  it('reconnects at once after 515 and leaves nothing listening on the old socket', async () => {
    const t = setup();
    const old = await t.started();
    await t.close(old, 515);

    expect(t.sockets).toHaveLength(2);
    expect(t.clock.pendingTimers).toBe(0);
    expect(old.listenerTotal()).toBe(0);
    expect(old.ended).toBe(1);

    const statusesBefore = t.statuses.length;
    old.ev.emit('connection.update', { connection: 'open' });
    old.ev.emit('messages.upsert', { messages: [waMessage({ id: 'OLD1', remoteJid: customerJid, message: { conversation: 'hola' } })], type: 'notify' });
    expect(t.statuses).toHaveLength(statusesBefore);
    expect(t.upserts).toHaveLength(0);
    expect(t.socket(1).listenerTotal()).toBeGreaterThan(0);
  });

  it.each([401, 403])('after %i marks the account logged out, wipes its auth and makes no new socket', async (code) => {
    const t = setup();
    const s = await t.started();
    t.auth.saveCreds();
    await t.auth.state.keys.set({ 'lid-mapping': { '5215512345678': '204882711234567' } });

    await t.close(s, code);

    expect(t.latest()?.state).toBe('logged_out');
    expect(t.auth.hasStoredCreds()).toBe(false);
    expect(t.db.prepare("SELECT count(*) FROM auth_keys WHERE account_id = 'acc-1'").pluck().get()).toBe(0);
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(1);
  });

  it('after 401 a new connection starts unpaired, so WhatsApp offers a new QR', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('creds.update', { me: { id: '5215512345678:12@s.whatsapp.net' }, registered: true });
    await t.close(s, 401);

    t.supervisor.reconnectNow();
    await settle();

    expect(t.sockets).toHaveLength(2);
    expect(t.socket(1).config.auth.creds.registered).toBe(false);
    expect(t.socket(1).config.auth.creds.me).toBeUndefined();
  });

  it('after 428 waits the back-off, shows when it will retry, and reconnects only when the clock fires', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('connection.update', { connection: 'open' });
    const decision = decideReconnect(428, 1, random);
    if (decision.action !== 'reconnect') throw new Error('428 must reconnect');
    const closedAt = t.clock.now();

    await t.close(s, 428);

    expect(t.latest()).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: closedAt + decision.delayMs });
    expect(t.sockets).toHaveLength(1);
    t.clock.advance(decision.delayMs - 1);
    await settle();
    expect(t.sockets).toHaveLength(1);
    t.clock.advance(1);
    await settle();
    expect(t.sockets).toHaveLength(2);
    expect(t.latest()?.state).toBe('connecting');
  });

  it('counts consecutive failures and resets the count once connected', async () => {
    const t = setup();
    await t.close(await t.started(), 428);
    t.clock.advance(60 * 60_000);
    await settle();
    await t.close(t.socket(1), 428);
    expect(t.latest()).toMatchObject({ state: 'reconnecting', attempt: 2 });

    t.clock.advance(60 * 60_000);
    await settle();
    t.socket(2).ev.emit('connection.update', { connection: 'open' });
    await t.close(t.socket(2), 428);
    expect(t.latest()).toMatchObject({ state: 'reconnecting', attempt: 1 });
  });

  it('after 440 backs off for the long "replaced" wait', async () => {
    const t = setup();
    const s = await t.started();
    const decision = decideReconnect(440, 1, random);
    if (decision.action !== 'reconnect') throw new Error('440 must reconnect');
    await t.close(s, 440);
    expect(t.latest()).toMatchObject({ state: 'reconnecting', nextRetryAt: t.clock.now() + decision.delayMs });
    expect(t.sockets).toHaveLength(1);
  });

  it('stop() cancels a pending retry and keeps the session', async () => {
    const t = setup();
    const s = await t.started();
    t.auth.saveCreds();
    await t.close(s, 428);
    expect(t.clock.pendingTimers).toBe(1);

    t.supervisor.stop();

    expect(t.clock.pendingTimers).toBe(0);
    expect(t.latest()?.state).toBe('disconnected');
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(1);
    expect(t.auth.hasStoredCreds()).toBe(true);
  });

  it('stop() detaches the live socket so its late close does not reconnect', async () => {
    const t = setup();
    const s = await t.started();
    t.supervisor.stop();
    expect(s.listenerTotal()).toBe(0);
    await t.close(s, 515);
    expect(t.sockets).toHaveLength(1);
    expect(t.latest()?.state).toBe('disconnected');
  });

  it('hands messages.upsert from the socket to the inbox ingest', async () => {
    const t = setup();
    const s = await t.started();
    const message = waMessage({ id: 'ABC123', remoteJid: customerJid, message: { conversation: 'Hola, ¿tienen pan?' }, pushName: 'Ana' });
    s.ev.emit('messages.upsert', { messages: [message], type: 'notify' });
    expect(t.upserts).toEqual([{ accountId: 'acc-1', messages: [message], type: 'notify' }]);
  });

  it('keeps one socket when reconnectNow() comes while a connect is still resolving its URL', async () => {
    const t = setup({ resolveUrl: async () => 'ws://127.0.0.1:1/ws' });
    t.supervisor.start();
    t.supervisor.reconnectNow();
    await settle();

    expect(t.sockets).toHaveLength(1);
    expect(t.socket(0).config.waWebSocketUrl).toBe('ws://127.0.0.1:1/ws');
  });

  it('keeps one socket when stopped and started again while a connect is still resolving its URL', async () => {
    const t = setup({ resolveUrl: async () => undefined });
    t.supervisor.start();
    t.supervisor.stop();
    t.supervisor.start();
    await settle();

    expect(t.sockets).toHaveLength(1);
  });

  it('does not schedule a retry when stopped while the server URL was failing', async () => {
    let fail: (error: Error) => void = () => undefined;
    const t = setup({ resolveUrl: () => new Promise((_, reject) => (fail = reject)) });
    t.supervisor.start();
    await settle();
    t.supervisor.stop();
    fail(new Error('practice server did not start'));
    await settle();

    expect(t.clock.pendingTimers).toBe(0);
    expect(t.latest()?.state).toBe('disconnected');
  });

  it('retries with back-off when the server URL cannot be resolved', async () => {
    let attempts = 0;
    const t = setup({
      resolveUrl: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('practice server did not start');
        return 'ws://127.0.0.1:1/ws';
      },
    });
    t.supervisor.start();
    await settle();
    expect(t.latest()).toMatchObject({ state: 'reconnecting', attempt: 1, reason: 'practice server did not start' });
    expect(t.sockets).toHaveLength(0);
    t.clock.advance(60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(1);
  });
});
