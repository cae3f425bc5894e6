import { randomBytes } from 'node:crypto';
import { setImmediate as settle } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EventBatch } from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { createSecretBox } from '../secrets/secret-box';
import { FakeClock } from '../testing/fake-clock';
import { fakeSocketFactory } from '../testing/fake-socket';
import { silentLogger } from '../testing/silent-logger';
import { tempDir } from '../testing/temp-dir';
import { openTestDatabase } from '../testing/test-database';
import { silentInbox } from '../testing/silent-inbox';
import type { PracticeServerFactory } from '../whatsapp/practice-server';
import { accountReasonCodes, MAX_ACCOUNTS } from '../../../shared/contract';
import { openDatabase } from '../db/open-database';
import { toOrm, type Orm } from '../db/orm';
import { createAccountManager } from './account-manager';

const inbox = silentInbox();

const practiceServerFactory: PracticeServerFactory = async ({ recorderPath }) => ({
  wsUrl: 'ws://127.0.0.1:1/ws',
  recorderPath,
  simulateInbound: async () => ({ waId: 'SIM1' }),
  close: async () => undefined,
});

function setup() {
  const { db, orm } = openTestDatabase();
  const bus = createEventBus(0);
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const { factory, sockets } = fakeSocketFactory();
  const manager = createAccountManager({
    orm,
    box: createSecretBox(randomBytes(32)),
    bus,
    inbox,
    logger: silentLogger(),
    dataDir: tempDir('mostrador-accounts-'),
    socketFactory: factory,
    practiceServerFactory,
    clock: new FakeClock(),
  });
  const events = (topic: EventBatch['topic']) => {
    bus.flush();
    return batches.filter((b) => b.topic === topic).flatMap((b): unknown[] => b.items);
  };
  return { db, orm, bus, manager, sockets, events };
}

describe('account manager', () => {
  it(`refuses an account beyond ${MAX_ACCOUNTS} and leaves the others running`, async () => {
    const t = setup();
    for (let i = 0; i < MAX_ACCOUNTS; i++) t.manager.addWhatsApp(undefined, 'none');
    expect(() => t.manager.addPractice()).toThrow(expect.objectContaining({ code: 'LIMIT_REACHED' }));
    expect(() => t.manager.addWhatsApp(undefined, 'recent')).toThrow(expect.objectContaining({ code: 'LIMIT_REACHED' }));
    await settle();
    expect(t.manager.list()).toHaveLength(MAX_ACCOUNTS);
    expect(t.sockets).toHaveLength(MAX_ACCOUNTS);
  });

  it('a new WhatsApp number waits for its QR with the history choice it was given', async () => {
    const t = setup();
    const account = t.manager.addWhatsApp('Mostrador centro', 'all');
    await settle();
    expect(account).toMatchObject({ kind: 'whatsapp', label: 'Mostrador centro', phone: null, settings: { history: 'all' } });
    expect(t.manager.list()[0]?.state).toBe('waiting_qr');
    expect(t.sockets[0]?.config.syncFullHistory).toBe(true);
    expect(t.sockets[0]?.config.auth.creds.registered).toBe(false);
  });

  it('links by code only while waiting for pairing, with a normalised number', async () => {
    const t = setup();
    const account = t.manager.addWhatsApp(undefined, 'none');
    await settle();
    await expect(t.manager.requestPairingCode(account.id, 'no soy un número')).rejects.toMatchObject({ code: 'INVALID_PHONE' });
    const pairing = await t.manager.requestPairingCode(account.id, '+34 612 345 678');
    expect(pairing.code).toBe('ABCD1234');
    expect(t.sockets[0]?.pairingCodeRequests).toEqual(['34612345678']);
    const practice = t.manager.addPractice();
    await settle();
    await expect(t.manager.requestPairingCode(practice.id, '+34 612 345 678')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('saves label, colour and settings, and tells the renderer', async () => {
    const t = setup();
    const account = t.manager.addWhatsApp(undefined, 'none');
    const updated = t.manager.update(account.id, { label: 'Caja 2', color: '#1098AD', settings: { rejectCalls: true, rejectCallReply: 'Solo texto' } });
    expect(updated).toMatchObject({ label: 'Caja 2', color: '#1098ad', settings: { rejectCalls: true, rejectCallReply: 'Solo texto', history: 'none' } });
    expect(t.manager.list()[0]).toMatchObject({ label: 'Caja 2', settings: { rejectCalls: true } });
    expect(t.events('account.status').at(-1)).toMatchObject({ id: account.id, label: 'Caja 2' });
  });

  it('removing while keeping conversations hides the account, drops its session and keeps its chats', async () => {
    const t = setup();
    const account = t.manager.addPractice();
    await settle();
    t.db.prepare("INSERT INTO chats (account_id, jid, name, last_message_at) VALUES (?, '5215512345678@s.whatsapp.net', 'Ana', 5)").run(account.id);
    expect(await t.manager.remove(account.id, false)).toBe(true);
    expect(t.manager.list()).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM chats').pluck().get()).toBe(1);
    expect(t.db.prepare('SELECT count(*) FROM auth_creds').pluck().get()).toBe(0);
    expect(t.events('account.removed')).toEqual([{ id: account.id }]);
    await expect(t.manager.sendText(account.id, '5215512345678@s.whatsapp.net', 'hola')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_CONNECTED' });
  });

  it('removing with its conversations deletes them too', async () => {
    const t = setup();
    const account = t.manager.addPractice();
    t.db.prepare("INSERT INTO chats (account_id, jid, last_message_at) VALUES (?, '5215512345678@s.whatsapp.net', 5)").run(account.id);
    await t.manager.remove(account.id, true);
    expect(t.db.prepare('SELECT count(*) FROM chats').pluck().get()).toBe(0);
  });

  it('sends read receipts only when the account allows it and is connected', async () => {
    const t = setup();
    const account = t.manager.addPractice();
    await settle();
    const socket = t.sockets[0]!;
    const key = { remoteJid: '5215512345678@s.whatsapp.net', id: 'M1', fromMe: false };
    t.manager.sendReadReceipts(account.id, [key]);
    expect(socket.readKeys).toEqual([]);
    socket.ev.emit('connection.update', { connection: 'open' });
    t.manager.sendReadReceipts(account.id, [key]);
    await settle();
    expect(socket.readKeys).toEqual([key]);
    t.manager.update(account.id, { settings: { sendReadReceipts: false } });
    t.manager.sendReadReceipts(account.id, [{ ...key, id: 'M2' }]);
    await settle();
    expect(socket.readKeys).toEqual([key]);
  });

  it('refuses to send while the account is not connected', async () => {
    const t = setup();
    const account = t.manager.addPractice();
    await settle();
    await expect(t.manager.sendText(account.id, '5215512345678@s.whatsapp.net', 'hola')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_CONNECTED' });
  });

  it('at start-up a number never linked waits for "Vincular" while linked ones reconnect (a real SQLite file, reopened)', async () => {
    const { db, path } = openTestDatabase();
    const box = createSecretBox(randomBytes(32));
    const dataDir = tempDir('mostrador-accounts-');
    const clock = new FakeClock();
    const run = (orm: Orm) => {
      const { factory, sockets } = fakeSocketFactory();
      const manager = createAccountManager({ orm, box, bus: createEventBus(0), inbox, logger: silentLogger(), dataDir, socketFactory: factory, practiceServerFactory, clock });
      return { manager, sockets };
    };

    // First run: one number is scanned, one is left after "Hacerlo más tarde", plus a practice number.
    const first = run(toOrm(db));
    const scanned = first.manager.addWhatsApp('Caja', 'none');
    await settle();
    // What Baileys saves after a QR scan: `me`, and `registered` still false.
    first.sockets.at(-1)!.ev.emit('creds.update', { me: { id: '5215512345678:3@s.whatsapp.net', name: 'Caja' } });
    const later = first.manager.addWhatsApp('Sin escanear', 'none');
    const practice = first.manager.addPractice();
    await settle();
    expect(first.sockets).toHaveLength(3);
    await first.manager.close();
    db.close();

    // The app starts again on the same file.
    const reopened = openDatabase(path);
    onTestFinished(() => {
      if (reopened.open) reopened.close();
    });
    const second = run(toOrm(reopened));
    second.manager.startAll();
    await settle();
    clock.advance(24 * 60 * 60_000);
    await settle();
    const state = (id: string) => second.manager.list().find((a) => a.id === id);
    expect(state(later.id)).toMatchObject({ state: 'pairing_expired', reason: accountReasonCodes.notLinked });
    expect(state(scanned.id)?.state).toBe('connecting');
    expect(second.sockets).toHaveLength(2);
    expect(second.sockets.map((s) => s.config.auth.creds.me?.id ?? null)).toEqual(['5215512345678:3@s.whatsapp.net', expect.stringContaining(practice.phone!)]);

    // "Vincular" starts pairing at once.
    second.manager.reconnect(later.id);
    await settle();
    expect(second.sockets).toHaveLength(3);
    expect(state(later.id)?.state).toBe('waiting_qr');
    await second.manager.close();
  });
});
