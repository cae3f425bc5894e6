// The workstation's sync engine against a real central server (PGlite): (1) HTTP requests needed
// for 1,000 changes with batching, against one request per change (the baseline, same run, same
// server); (2) latency from a change to the server's answer, normal lane (waits for a batch, up to
// 5 s) and priority lane (account states), with the product's default timings.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AccountDto } from '../shared/contract';
import { MAX_BATCH_EVENTS } from '../shared/sync/protocol';
import { addNote } from '../electron/core/agent-tools/notes-store';
import { openDatabase } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { createEventBus } from '../electron/core/events/event-bus';
import { createSecretBox } from '../electron/core/secrets/secret-box';
import { createSyncClient, type SyncClient } from '../electron/core/sync/sync-client';
import { createSyncEngine } from '../electron/core/sync/sync-engine';
import { outboxCounts } from '../electron/core/sync/sync-store';
import { startServer } from '../server/start-server';
import { mintEnrolmentToken } from '../server/sync-store';
import { serverClient } from '../server/testing/server-client';
import { loadAverage, msSince, summarize } from './latency';

const EVENTS = 1_000;
const NORMAL_SAMPLES = Number(process.env.BENCH_NORMAL_SAMPLES ?? 4);
const PRIORITY_SAMPLES = Number(process.env.BENCH_PRIORITY_SAMPLES ?? 20);

const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-sync-'));
const server = await startServer({ dataDir: join(dir, 'server'), logger: { error: () => undefined } });
const enrolment = await mintEnrolmentToken(server.db.db);

const db = openDatabase(join(dir, 'ws.sqlite'));
const orm = toOrm(db);
db.prepare("INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES ('acc', 'whatsapp', 'Caja', '#25a244', '5215500000000', 1)").run();
const chatId = db.prepare("INSERT INTO chats (account_id, jid) VALUES ('acc', '5215512345678@s.whatsapp.net') RETURNING id").pluck().get() as number;

// Counts the push requests and notes when each event id was answered by the server.
let pushRequests = 0;
const answeredAt = new Map<string, bigint>();
const real = createSyncClient();
const counting: SyncClient = {
  ...real,
  async push(url, token, events) {
    pushRequests++;
    const answer = await real.push(url, token, events);
    const at = process.hrtime.bigint();
    for (const id of [...answer.accepted, ...answer.duplicates]) answeredAt.set(id, at);
    return answer;
  },
};
const bus = createEventBus();
const account: AccountDto = {
  id: 'acc', kind: 'whatsapp', label: 'Caja', color: '#25a244', phone: '5215500000000', pushName: null, avatar: null,
  settings: { history: 'recent', rejectCalls: false, rejectCallReply: null, ignoreGroups: false, sendReadReceipts: true, appearOnline: false },
  state: 'connected', attempt: null, nextRetryAt: null, reason: null, createdAt: 1, reachOutLockedUntil: null,
};
const engine = createSyncEngine({ orm, bus, box: createSecretBox(randomBytes(32)), logger: pino({ level: 'silent' }), listAccounts: () => [], client: counting, timings: { pullIntervalMs: 60_000 } });
bus.tap(engine.onEvent);
await engine.connect({ url: server.url, enrolmentToken: enrolment, agentName: 'Bench' });

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 2));
};
const lastOutboxId = () => db.prepare("SELECT event_id FROM sync_outbox ORDER BY id DESC LIMIT 1").pluck().get() as string;

// (1) 1,000 notes written as fast as an agent-facing burst can: the engine batches them.
pushRequests = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < EVENTS; i++) bus.emit('notes.upserted', addNote(orm, chatId, `nota ${i}`, Date.now()));
await until(() => outboxCounts(orm).total === 0);
const batchedRequests = pushRequests;
const batchedMs = msSince(t0);

// Baseline: the same 1,000 changes, one request each.
const client = serverClient(server.url);
const { token } = await client.enrol(enrolment, 'Baseline');
const t1 = process.hrtime.bigint();
let baselineRequests = 0;
for (let i = 0; i < EVENTS; i++) {
  await client.push(token, [{ id: randomUUID(), occurredAt: Date.now(), kind: 'noteAdded', payload: { account: '5215500000000', jid: '5215512345678@s.whatsapp.net', key: randomUUID(), text: `nota ${i}`, at: Date.now() } }]);
  baselineRequests++;
}
const baselineMs = msSince(t1);

// (2) Latency from the change to the server's answer.
const latency = async (change: () => void, samples: number) => {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    change();
    const id = lastOutboxId();
    await until(() => answeredAt.has(id));
    out.push(Number(answeredAt.get(id)! - started) / 1e6);
    await new Promise((r) => setTimeout(r, 20));
  }
  return summarize(out);
};
const normal = await latency(() => bus.emit('notes.upserted', addNote(orm, chatId, 'latencia', Date.now())), NORMAL_SAMPLES);
let flips = 0;
const priority = await latency(() => bus.emit('account.status', { ...account, state: flips++ % 2 === 0 ? 'reconnecting' : 'connected' }), PRIORITY_SAMPLES);

console.log(
  JSON.stringify({
    bench: 'sync-batching-latency',
    what: 'push requests for 1,000 changes, batched (engine) vs one per change; change → server latency per lane',
    events: EVENTS,
    batchSize: MAX_BATCH_EVENTS,
    baselineOnePerEvent: { requests: baselineRequests, ms: Math.round(baselineMs) },
    batched: { requests: batchedRequests, ms: Math.round(batchedMs) },
    fewerRequestsPct: Number((100 * (1 - batchedRequests / baselineRequests)).toFixed(1)),
    normalLane: normal,
    priorityLane: priority,
    load: loadAverage(),
  }),
);

await engine.close();
db.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
