// A seeded history sync (real decoded proto WAMessages: Spanish text with accents, ~2% media with
// captions, ~5% quoting an earlier message) filed by our real `createInboxIngest().ingestHistory`
// (choice 'all') into a fresh migrated database, against raw prepared INSERTs of the very rows the
// ingest wrote, one transaction per chunk, into the same schema (FTS5 triggers included). A third
// copy without the FTS triggers shows what the index costs. Chunk by chunk, the three take turns,
// so a busy moment on the machine lands on all of them. Goal: ours ≥ 0.7 × the raw inserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { createEventBus } from '../electron/core/events/event-bus';
import { createInboxIngest } from '../electron/core/inbox/inbox-ingest';
import { historyChunks, planInbox, type SeedChunk } from '../electron/core/testing/seeded-inbox';
import { silentLogger } from '../electron/core/testing/silent-logger';
import { inboxOptionsFromEnv } from './inbox-fixture';
import { loadAverage } from './latency';

const CHUNK_MESSAGES = Number(process.env.BENCH_CHUNK_MESSAGES ?? 10_000);
const NOW = 1_735_689_600_000;

const plan = planInbox(inboxOptionsFromEnv());
const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-history-'));
// Gigabytes of copies: removed however the run ends.
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

function freshDatabase(name: string, { fts }: { fts: boolean }): Db {
  const db = openDatabase(join(root, name, 'mostrador.sqlite'));
  if (!fts) for (const t of ['messages_fts_insert', 'messages_fts_delete', 'messages_fts_update']) db.exec(`DROP TRIGGER ${t}`);
  const insert = db.prepare('INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const a of plan.accounts) insert.run(a.id, 'whatsapp', a.label, a.color, a.phone, NOW);
  return db;
}

const oursDb = freshDatabase('ours', { fts: true });
const rawDb = freshDatabase('raw', { fts: true });
const bareDb = freshDatabase('raw-no-fts', { fts: false });
const orm = toOrm(oursDb);
const ingest = createInboxIngest({ orm, bus: createEventBus(), logger: silentLogger(), now: () => NOW });

// The baseline writes every column of the rows the ingest produced (NULL where it left none), read
// back from our database after each chunk, so it tracks whatever the mapper files.
const columnsOf = (table: string) => (oursDb.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'id');
const messageColumns = columnsOf('messages');
const chatColumns = ['id', ...columnsOf('chats')];
const readMessages = oursDb.prepare<[number]>(`SELECT ${messageColumns.join(', ')} FROM messages WHERE id > ? ORDER BY id`).raw();
const readChats = oursDb.prepare<[number]>(`SELECT ${chatColumns.join(', ')} FROM chats WHERE id > ? ORDER BY id`).raw();
const maxId = (table: string) => (oursDb.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number);

function rawWriter(db: Db) {
  const insert = (table: string, columns: string[]) => db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const insertChat = insert('chats', chatColumns);
  const insertMessage = insert('messages', messageColumns);
  return db.transaction((chats: unknown[][], messages: unknown[][]) => {
    for (const row of chats) insertChat.run(row);
    for (const row of messages) insertMessage.run(row);
  });
}
const rawWrite = rawWriter(rawDb);
const bareWrite = rawWriter(bareDb);

const seconds = { generate: 0, ours: 0, raw: 0, rawNoFts: 0 };
const timed = (key: keyof typeof seconds, work: () => void) => {
  const t0 = process.hrtime.bigint();
  work();
  seconds[key] += Number(process.hrtime.bigint() - t0) / 1e9;
};

let stored = 0;
let chunks = 0;
let lastMessageId = 0;
let lastChatId = 0;
const source = historyChunks(plan, CHUNK_MESSAGES);
for (;;) {
  let next!: IteratorResult<SeedChunk>;
  timed('generate', () => (next = source.next()));
  if (next.done) break;
  const { accountId, chunk } = next.value;
  timed('ours', () => (stored += ingest.ingestHistory(accountId, chunk, { choice: 'all', now: NOW }).messages));
  const chats = readChats.all(lastChatId) as unknown[][];
  const messages = readMessages.all(lastMessageId) as unknown[][];
  lastChatId = maxId('chats');
  lastMessageId = maxId('messages');
  timed('raw', () => rawWrite.immediate(chats, messages));
  timed('rawNoFts', () => bareWrite.immediate(chats, messages));
  chunks += 1;
}

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;
const check = {
  messages: [oursDb, rawDb, bareDb].map((db) => count(db, 'SELECT count(*) FROM messages')),
  ftsHits: [oursDb, rawDb].map((db) => count(db, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'gracias'")),
};
if (stored !== plan.options.messages || check.messages.some((n) => n !== stored) || check.ftsHits[0] !== check.ftsHits[1]) {
  throw new Error(`the three databases disagree: stored ${stored} of ${plan.options.messages}, ${JSON.stringify(check)}`);
}
for (const db of [oursDb, rawDb, bareDb]) db.close();

const perSec = (s: number) => Math.round(stored / s);
console.log(
  JSON.stringify({
    bench: 'history-ingest',
    messages: stored,
    chats: plan.chats.length,
    accounts: plan.accounts.length,
    chunks,
    ours: { name: 'createInboxIngest().ingestHistory choice=all', messagesPerSec: perSec(seconds.ours), seconds: Number(seconds.ours.toFixed(2)) },
    baseline: { name: 'raw prepared INSERT, same rows, same schema with FTS5 triggers, 1 tx/chunk', messagesPerSec: perSec(seconds.raw), seconds: Number(seconds.raw.toFixed(2)) },
    ratio: Number((seconds.raw / seconds.ours).toFixed(3)),
    goal: 0.7,
    met: seconds.raw / seconds.ours >= 0.7,
    context: {
      rawNoFts: { messagesPerSec: perSec(seconds.rawNoFts), seconds: Number(seconds.rawNoFts.toFixed(2)) },
      ftsTriggerShareOfRaw: Number((1 - seconds.rawNoFts / seconds.raw).toFixed(3)),
      generateSeconds: Number(seconds.generate.toFixed(1)),
    },
    loadAverage: loadAverage(),
  }),
);
