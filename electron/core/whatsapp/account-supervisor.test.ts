import type { WAMessage } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { setImmediate as settle } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { accountReasonCodes as reasonCodes, defaultAccountSettings, type AccountSettings, type HistoryProgressDto, type PairingDto } from '../../../shared/contract';
import { createSecretBox } from '../secrets/secret-box';
import { FakeClock } from '../testing/fake-clock';
import { closedWith, fakeSocketFactory, type FakeSocket } from '../testing/fake-socket';
import { silentLogger } from '../testing/silent-logger';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { customerJid, waMessage } from '../testing/wa-messages';
import { createAccountSupervisor, type RuntimeStatus } from './account-supervisor';
import { silentInbox } from '../testing/silent-inbox';
import { createSqliteAuthState, wipeSqliteAuth } from './auth-state';
import { decideReconnect, givesUpPairing, UNLINKED_MAX_ATTEMPTS } from './reconnect-policy';

const random = () => 0.5;

function setup(options: { resolveUrl?: () => Promise<string | undefined>; registered?: boolean; linkedByQr?: boolean; settings?: Partial<AccountSettings> } = {}) {
  const { settings: settingsPatch, registered, linkedByQr, ...extra } = options;
  const { db } = openTestDatabase();
  addAccount(db, 'acc-1');
  const box = createSecretBox(randomBytes(32));
  const openAuth = () => createSqliteAuthState(db, box, 'acc-1');
  let auth = openAuth();
  // A QR link gives creds a `me` but leaves `registered` false (Baileys sets it only for pairing codes).
  if (linkedByQr) auth.saveCreds({ me: { id: '5215512345678:12@s.whatsapp.net' } });
  else if (registered ?? true) auth.saveCreds({ registered: true, me: { id: '5215512345678:12@s.whatsapp.net' } });
  const clock = new FakeClock();
  const { factory, sockets } = fakeSocketFactory();
  const statuses: RuntimeStatus[] = [];
  const pairings: PairingDto[] = [];
  const histories: HistoryProgressDto[] = [];
  const connected: FakeSocket[] = [];
  const upserts: { accountId: string; messages: WAMessage[]; type: string }[] = [];
  const settings: AccountSettings = { ...defaultAccountSettings, ...settingsPatch };
  const inbox = silentInbox({
    ingestUpsert: (accountId, messages, type) => {
      upserts.push({ accountId, messages, type });
    },
    ingestHistory: (_accountId, chunk) => ({ chats: chunk.chats.length, messages: chunk.messages.length }),
  });
  const supervisor = createAccountSupervisor({
    accountId: 'acc-1',
    openAuth: () => {
      auth = openAuth();
      return auth;
    },
    wipeAuth: () => wipeSqliteAuth(db, 'acc-1'),
    socketFactory: factory,
    inbox,
    loadMessage: () => undefined,
    settings: () => settings,
    onStatus: (s) => statuses.push(s),
    onPairing: (p) => pairings.push(p),
    onHistory: (h) => histories.push(h),
    onConnected: (s) => connected.push(s as FakeSocket),
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
  return {
    db,
    openAuth,
    auth: () => auth,
    /** Damages the stored creds the way a bad disk or an edited file would. */
    breakAuth: () => db.prepare("UPDATE auth_creds SET sealed = x'01deadbeef' WHERE account_id = 'acc-1'").run(),
    clock,
    sockets,
    statuses,
    pairings,
    histories,
    connected,
    upserts,
    settings,
    supervisor,
    latest,
    socket,
    started,
    close,
  };
}

describe('account supervisor', () => {
  it('connects from a stored session without asking for a QR', async () => {
    const t = setup();
    await t.started();
    expect(t.latest()?.state).toBe('connecting');
    expect(t.pairings).toEqual([]);
  });

  it('shows each QR as Baileys rotates it, with how long it stays valid', async () => {
    const t = setup({ registered: false });
    const s = await t.started();
    expect(t.latest()?.state).toBe('waiting_qr');
    const start = t.clock.now();
    s.ev.emit('connection.update', { qr: '2@first' });
    t.clock.advance(60_000);
    s.ev.emit('connection.update', { qr: '2@second' });
    expect(t.pairings).toEqual([
      { accountId: 'acc-1', qr: '2@first', code: null, expiresAt: start + 60_000 },
      { accountId: 'acc-1', qr: '2@second', code: null, expiresAt: start + 80_000 },
    ]);
    expect(t.supervisor.pairing()?.qr).toBe('2@second');
  });

  it('a number never linked stops after a few failed tries and waits for "Vincular", instead of retrying for ever', async () => {
    // 515 comes right after a scan: it always goes on.
    expect(givesUpPairing(515, UNLINKED_MAX_ATTEMPTS + 5)).toBe(false);
    expect(givesUpPairing(428, UNLINKED_MAX_ATTEMPTS - 1)).toBe(false);
    const t = setup({ registered: false });
    let s = await t.started();
    for (let i = 1; i < UNLINKED_MAX_ATTEMPTS; i++) {
      // No internet: the socket closes before any QR arrives.
      await t.close(s, 428);
      expect(t.latest()?.state).toBe('reconnecting');
      t.clock.advance(10 * 60_000);
      await settle();
      s = t.sockets.at(-1)!;
    }
    await t.close(s, 428);
    expect(t.latest()).toMatchObject({ state: 'pairing_expired', reason: reasonCodes.pairingFailed });
    const made = t.sockets.length;
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(made);

    t.supervisor.reconnectNow();
    await settle();
    expect(t.sockets).toHaveLength(made + 1);
    expect(t.latest()?.state).toBe('waiting_qr');
  });

  it('a number linked by QR (registered stays false) keeps reconnecting after drops and never asks for a QR again', async () => {
    const t = setup({ linkedByQr: true });
    let s = await t.started();
    expect(t.latest()?.state).toBe('connecting');
    for (let i = 0; i < UNLINKED_MAX_ATTEMPTS + 2; i++) {
      await t.close(s, 428);
      expect(t.latest()?.state).toBe('reconnecting');
      t.clock.advance(10 * 60_000);
      await settle();
      s = t.sockets.at(-1)!;
    }
    expect(t.sockets).toHaveLength(UNLINKED_MAX_ATTEMPTS + 3);
    expect(t.statuses.some((st) => st.state === 'pairing_expired' || st.state === 'waiting_qr')).toBe(false);
  });

  it('waits for "Vincular" without making a socket, then pairs when asked', async () => {
    const t = setup({ registered: false });
    t.supervisor.waitForLink();
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(0);
    expect(t.latest()).toMatchObject({ state: 'pairing_expired', reason: reasonCodes.notLinked });
    t.supervisor.reconnectNow();
    await settle();
    expect(t.sockets).toHaveLength(1);
    expect(t.latest()?.state).toBe('waiting_qr');
  });

  it('says the pairing expired when the last QR runs out, and starts over only on "Try again"', async () => {
    const t = setup({ registered: false });
    const s = await t.started();
    s.ev.emit('connection.update', { qr: '2@first' });
    await t.close(s, 408);
    expect(t.latest()).toMatchObject({ state: 'pairing_expired', reason: reasonCodes.qrExpired });
    expect(t.pairings.at(-1)).toEqual({ accountId: 'acc-1', qr: null, code: null, expiresAt: null });
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(1);

    t.supervisor.reconnectNow();
    await settle();
    expect(t.sockets).toHaveLength(2);
    expect(t.latest()?.state).toBe('waiting_qr');
  });

  it('links by phone number: the code replaces the QR and later QRs do not overwrite it', async () => {
    const t = setup({ registered: false });
    const s = await t.started();
    s.ev.emit('connection.update', { qr: '2@first' });
    const pairing = await t.supervisor.requestPairingCode('34612345678');
    expect(s.pairingCodeRequests).toEqual(['34612345678']);
    expect(pairing).toEqual({ accountId: 'acc-1', qr: null, code: 'ABCD1234', expiresAt: null });
    s.ev.emit('connection.update', { qr: '2@second' });
    expect(t.supervisor.pairing()).toEqual(pairing);
  });

  it('a damaged stored session sends only this account to "needs a new QR"; Try again starts clean', async () => {
    const t = setup();
    t.breakAuth();
    t.supervisor.start();
    await settle();
    expect(t.latest()).toMatchObject({ state: 'logged_out', reason: reasonCodes.authUnreadable });
    expect(t.sockets).toHaveLength(0);

    t.supervisor.reconnectNow();
    await settle();
    expect(t.sockets).toHaveLength(1);
    expect(t.socket(0).config.auth.creds.registered).toBe(false);
    expect(t.latest()?.state).toBe('waiting_qr');
  });

  it('log out unlinks through the live socket and wipes the session', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('connection.update', { connection: 'open' });
    await t.supervisor.logout();
    expect(s.loggedOut).toBe(1);
    expect(t.latest()?.state).toBe('logged_out');
    expect(t.auth().hasStoredCreds()).toBe(false);
    expect(t.sockets).toHaveLength(1);
  });

  it('rejects calls when the account says so, and answers the caller', async () => {
    const t = setup({ settings: { rejectCalls: true, rejectCallReply: 'Solo mensajes, por favor' } });
    const s = await t.started();
    const call = { chatId: customerJid, from: customerJid, id: 'CALL1', date: new Date(), offline: false, status: 'offer' as const, isVideo: false, isGroup: false };
    s.ev.emit('call', [call, { ...call, id: 'CALL2', status: 'ringing' as const }]);
    await settle();
    await settle();
    expect(s.rejectedCalls).toEqual(['CALL1']);
    expect(s.sent).toEqual([{ jid: customerJid, content: { text: 'Solo mensajes, por favor' } }]);
  });

  it('leaves calls alone by default', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('call', [{ chatId: customerJid, from: customerJid, id: 'CALL1', date: new Date(), offline: false, status: 'offer', isVideo: false, isGroup: false }]);
    await settle();
    expect(s.rejectedCalls).toEqual([]);
  });

  it('passes the account settings to the socket: history, presence and ignored groups', async () => {
    const t = setup({ settings: { history: 'all', appearOnline: false, ignoreGroups: true } });
    const s = await t.started();
    expect(s.config.syncFullHistory).toBe(true);
    expect(s.config.markOnlineOnConnect).toBe(false);
    expect(s.config.shouldIgnoreJid('123456789-123@g.us')).toBe(true);
    expect(s.config.shouldIgnoreJid(customerJid)).toBe(false);
  });

  it('counts imported history across chunks and says when it is done', async () => {
    const t = setup();
    const s = await t.started();
    const chunk = (messages: number, progress: number, isLatest: boolean) => ({
      chats: [{ id: customerJid }],
      contacts: [],
      messages: Array.from({ length: messages }, (_, i) => waMessage({ id: `H${progress}-${i}`, remoteJid: customerJid, message: { conversation: 'x' } })),
      progress,
      isLatest,
    });
    s.ev.emit('messaging-history.set', chunk(3, 40, false));
    s.ev.emit('messaging-history.set', chunk(2, 100, true));
    await t.supervisor.drained();
    expect(t.histories).toEqual([
      { accountId: 'acc-1', chats: 1, messages: 3, percent: 40, done: false },
      { accountId: 'acc-1', chats: 2, messages: 5, percent: 100, done: true },
    ]);
  });

  it('is connected on open and hands the live socket over once', async () => {
    const t = setup();
    const s = await t.started();
    s.user = { id: '5215512345678:12@s.whatsapp.net', name: 'Panadería La Espiga' };
    s.ev.emit('connection.update', { connection: 'open' });
    expect(t.latest()).toEqual({ state: 'connected', attempt: null, nextRetryAt: null, reason: null });
    expect(t.connected).toEqual([s]);
    expect(t.supervisor.connectedSocket()).toBe(s);
  });

  it('saves every creds.update at once', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('creds.update', { me: { id: '5215512345678:12@s.whatsapp.net', name: 'Espiga' } });
    expect(t.openAuth().state.creds.me?.name).toBe('Espiga');
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
    await t.supervisor.drained();
    expect(t.statuses).toHaveLength(statusesBefore);
    expect(t.upserts).toHaveLength(0);
    expect(t.socket(1).listenerTotal()).toBeGreaterThan(0);
  });

  it.each([401, 403])('after %i marks the account logged out, wipes its auth and makes no new socket', async (code) => {
    const t = setup();
    const s = await t.started();
    await t.auth().state.keys.set({ 'lid-mapping': { '5215512345678': '204882711234567' } });

    await t.close(s, code);

    expect(t.latest()?.state).toBe('logged_out');
    expect(t.auth().hasStoredCreds()).toBe(false);
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
    await t.close(s, 428);
    expect(t.clock.pendingTimers).toBe(1);

    t.supervisor.stop();

    expect(t.clock.pendingTimers).toBe(0);
    expect(t.latest()?.state).toBe('disconnected');
    t.clock.advance(24 * 60 * 60_000);
    await settle();
    expect(t.sockets).toHaveLength(1);
    expect(t.auth().hasStoredCreds()).toBe(true);
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
    await t.supervisor.drained();
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

  it('stops with a clear reason, instead of going on unsaved, when the session cannot be written', async () => {
    const t = setup();
    const s = await t.started();
    s.ev.emit('connection.update', { connection: 'open' });
    t.db.prepare("CREATE TRIGGER full_disk BEFORE UPDATE ON auth_creds BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END").run();
    s.ev.emit('creds.update', { me: { id: '5215512345678:12@s.whatsapp.net', name: 'Otro' } });
    expect(t.latest()).toMatchObject({ state: 'broken', reason: reasonCodes.storageError });
    expect(s.listenerTotal()).toBe(0);
    t.db.prepare('DROP TRIGGER full_disk').run();
    expect(t.openAuth().state.creds.me?.name).toBeUndefined();
  });
});
