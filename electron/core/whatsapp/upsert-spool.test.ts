import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as settle } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { defaultAccountSettings, type MessageDto } from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { createInboxIngest } from '../inbox/inbox-ingest';
import { createSecretBox } from '../secrets/secret-box';
import { FakeClock } from '../testing/fake-clock';
import { fakeSocketFactory } from '../testing/fake-socket';
import { silentLogger } from '../testing/silent-logger';
import { tempDir } from '../testing/temp-dir';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { customerJid, waMessage } from '../testing/wa-messages';
import { createAccountSupervisor, SPOOL_RETRY_FIRST_MS, type InboxSink } from './account-supervisor';
import { createSqliteAuthState } from './auth-state';
import { openUpsertSpool } from './upsert-spool';

// A disk that fills up while customers write: SQLite's own SQLITE_FULL (the database may not grow
// past max_page_count), a real spool file, the real inbox.

function rig() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  const spoolPath = join(tempDir('mostrador-spool-'), 'spool', 'acc-1.jsonl');
  const box = createSecretBox(randomBytes(32));
  const auth = createSqliteAuthState(db, box, 'acc-1');
  auth.saveCreds({ registered: true, me: { id: '5215512345678:12@s.whatsapp.net' } });
  const ingest = createInboxIngest({ orm, bus: createEventBus(), logger: silentLogger() });
  const added: MessageDto[] = [];
  const inbox: InboxSink = {
    ...ingest,
    ingestUpsert: async (...args: Parameters<typeof ingest.ingestUpsert>) => {
      const stored = await ingest.ingestUpsert(...args);
      added.push(...stored);
      return stored;
    },
  };
  const problems: boolean[] = [];
  const clock = new FakeClock();
  const start = () => {
    const { factory, sockets } = fakeSocketFactory();
    const supervisor = createAccountSupervisor({
      accountId: 'acc-1',
      openAuth: () => createSqliteAuthState(db, box, 'acc-1'),
      wipeAuth: () => undefined,
      socketFactory: factory,
      inbox,
      loadMessage: () => undefined,
      settings: () => defaultAccountSettings,
      onStatus: () => undefined,
      onPairing: () => undefined,
      onHistory: () => undefined,
      onConnected: () => undefined,
      spool: openUpsertSpool(spoolPath, silentLogger()),
      onStorageProblem: (failing) => problems.push(failing),
      logger: silentLogger(),
      clock,
    });
    supervisor.start();
    return { supervisor, sockets };
  };
  const diskFull = () => {
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
  };
  const spaceBack = () => db.pragma('max_page_count = 1073741823');
  const stored = () => (db.prepare("SELECT wa_id AS id, text FROM messages WHERE account_id = 'acc-1' ORDER BY wa_id").all() as { id: string; text: string }[]);
  return { db, spoolPath, clock, added, problems, start, diskFull, spaceBack, stored };
}

const customerSays = (id: string, text: string, seconds: number) => waMessage({ id, remoteJid: customerJid, message: { conversation: text }, seconds, pushName: 'Ana' });

describe('incoming messages while the disk is full', () => {
  it('keeps every message, says storage is full, and stores each once when space is back', async () => {
    const t = rig();
    const { supervisor, sockets } = t.start();
    await settle();
    const socket = sockets[0]!;
    socket.ev.emit('messages.upsert', { messages: [customerSays('OK1', 'hola', 1_700_000_001)], type: 'notify' });
    await supervisor.drained();
    expect(t.stored().map((m) => m.id)).toEqual(['OK1']);

    t.diskFull();
    const texts = Array.from({ length: 19 }, (_, i) => `mensaje ${i} ${'x'.repeat(2000)}`);
    for (const [i, text] of texts.entries()) socket.ev.emit('messages.upsert', { messages: [customerSays(`FULL${String(i).padStart(2, '0')}`, text, 1_700_000_010 + i)], type: 'notify' });
    await supervisor.drained();

    // SQLite refused the writes: nothing new is in the database, everything is in the spool, and the account says so.
    expect(t.stored().map((m) => m.id)).toEqual(['OK1']);
    expect(supervisor.storageFailing()).toBe(true);
    expect(t.problems).toEqual([true]);
    const spooled = readFileSync(t.spoolPath, 'utf8');
    for (let i = 0; i < 19; i++) expect(spooled).toContain(`FULL${String(i).padStart(2, '0')}`);

    // Still full at the first retry: nothing is lost, the back-off grows.
    t.clock.advance(SPOOL_RETRY_FIRST_MS);
    await supervisor.drained();
    expect(t.stored()).toHaveLength(1);

    // Space is back: the next retry stores every message once, in order, and the warning goes away.
    t.spaceBack();
    // A copy of one of them arrives again meanwhile (WhatsApp retries, a replay): still stored once.
    socket.ev.emit('messages.upsert', { messages: [customerSays('FULL03', texts[3]!, 1_700_000_013)], type: 'notify' });
    t.clock.advance(2 * SPOOL_RETRY_FIRST_MS);
    await supervisor.drained();
    await supervisor.drained();
    const ids = t.stored().map((m) => m.id);
    expect(ids).toEqual(['FULL00', 'FULL01', 'FULL02', 'FULL03', 'FULL04', 'FULL05', 'FULL06', 'FULL07', 'FULL08', 'FULL09', 'FULL10', 'FULL11', 'FULL12', 'FULL13', 'FULL14', 'FULL15', 'FULL16', 'FULL17', 'FULL18', 'OK1']);
    expect(t.added.map((m) => m.waId).filter((id) => id === 'FULL03')).toEqual(['FULL03']);
    expect(t.stored().find((m) => m.id === 'FULL07')?.text).toBe(texts[7]);
    expect(supervisor.storageFailing()).toBe(false);
    expect(t.problems).toEqual([true, false]);
    // Nothing pending: the spool is emptied, not left to grow.
    expect(statSync(t.spoolPath).size).toBe(0);
    supervisor.stop();
  });

  it('replays what was spooled before a crash on the next start, once', async () => {
    const t = rig();
    const first = t.start();
    await settle();
    t.diskFull();
    first.sockets[0]!.ev.emit('messages.upsert', { messages: [customerSays('CRASH1', 'llegó antes del corte', 1_700_000_100)], type: 'notify' });
    first.sockets[0]!.ev.emit('messages.upsert', { messages: [customerSays('CRASH2', 'y otro', 1_700_000_101)], type: 'append' });
    await first.supervisor.drained();
    // The process dies here (no stop, no flush); the disk gets space while it is down.
    t.spaceBack();
    expect(existsSync(t.spoolPath)).toBe(true);

    const second = t.start();
    await settle();
    await second.supervisor.drained();
    expect(t.stored().map((m) => m.id)).toEqual(['CRASH1', 'CRASH2']);
    expect(statSync(t.spoolPath).size).toBe(0);

    // A third start finds nothing to replay and stores nothing twice.
    const third = t.start();
    await settle();
    await third.supervisor.drained();
    expect(t.added.map((m) => m.waId)).toEqual(['CRASH1', 'CRASH2']);
    for (const s of [first, second, third]) s.supervisor.stop();
  });

  it('keeps a message in memory when even the spool cannot be written, and stores it later', async () => {
    // A file where the spool's folder should be: every append fails (ENOTDIR), as on a full disk.
    const blocker = join(tempDir('mostrador-spool-'), 'spool');
    writeFileSync(blocker, '');
    const spool = openUpsertSpool(join(blocker, 'acc-1.jsonl'), silentLogger());
    const entry = spool.add([customerSays('MEM1', 'hola', 1)], 'notify');
    expect(spool.pending()).toEqual([entry]);
    spool.done(entry);
    expect(spool.pending()).toEqual([]);
  });
});
