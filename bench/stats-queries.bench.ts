// Stats calls on the seeded 1 M-message / 50 k-chat database, through the contract's dispatcher,
// for the last 30 days and the last 365 days of the data, against the same figure computed
// straight from the messages table (what the rollups save). Goals (p99): ≤ 50 ms for 30 days,
// ≤ 200 ms for a year; and the resident memory the Stats screen adds.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../shared/result';
import { createCore } from '../electron/core';
import { scriptedWhatsAppFactory } from '../electron/core/testing/scripted-whatsapp';
import { cachedInboxDatabase, copyIntoDataDir } from './inbox-fixture';
import { loadAverage, msSince, summarize } from './latency';

const CALLS = Number(process.env.BENCH_STATS_CALLS ?? 200);
const BASELINE_CALLS = Number(process.env.BENCH_STATS_BASELINE_CALLS ?? 10);
const DAY = 86_400_000;
const timeZone = 'America/Mexico_City';

const fixture = cachedInboxDatabase();
const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-stats-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
copyIntoDataDir(fixture, dataDir);

const rss = () => process.memoryUsage().rss;
const rssBefore = rss();
const t0 = process.hrtime.bigint();
const core = await createCore({
  dataDir,
  mode: 'headless',
  version: 'bench',
  dataKey: randomBytes(32),
  logLevel: 'silent',
  validateResponses: false,
  whatsappSocketFactory: scriptedWhatsAppFactory(),
});
async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await core.dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

// The fixture was filed like a history import: every chat's response times are computed in the
// background first (what a workstation does once after a big import).
let pending = Infinity;
while (pending > 0) {
  pending = (await call<{ pendingConversations: number }>('stats.responses', { from: 0, to: DAY, timeZone })).pendingConversations;
  await new Promise((r) => setTimeout(r, 200));
}
const catchUpSeconds = Number((msSince(t0) / 1000).toFixed(1));
const rssAfterCatchUp = rss();

const db = new Database(join(dataDir, 'mostrador.sqlite'), { readonly: true });
const newest = db.prepare('SELECT max(last_message_at) FROM chats').pluck().get() as number;
const to = Math.ceil(newest / DAY) * DAY;
const periods = { days30: { from: to - 30 * DAY, to, timeZone }, days365: { from: to - 365 * DAY, to, timeZone } };

// Baselines: the same figures straight from the messages (no timestamp index: a scan of the table).
const rawActivity = db.prepare('SELECT timestamp / 3600000 AS hour, sum(1 - from_me), sum(from_me) FROM messages WHERE timestamp >= ? AND timestamp < ? GROUP BY hour');
const rawResponses = db.prepare(`SELECT count(*) FROM (
  SELECT from_me, lag(from_me) OVER (PARTITION BY chat_id ORDER BY timestamp, id) AS before FROM messages WHERE timestamp >= ? AND timestamp < ?
) WHERE from_me = 1 AND before = 0`);

async function measure(calls: number, run: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < calls + 5; i++) {
    const start = process.hrtime.bigint();
    await run();
    if (i >= 5) samples.push(msSince(start));
  }
  return summarize(samples);
}

const results: Record<string, unknown> = {};
for (const [name, period] of Object.entries(periods)) {
  const goal = name === 'days30' ? 50 : 200;
  const activity = await measure(CALLS, () => call('stats.activity', period));
  const responses = await measure(CALLS, () => call('stats.responses', period));
  results[name] = {
    activity: { ours: activity, baselineFromMessages: await measure(BASELINE_CALLS, () => rawActivity.all(period.from, period.to)), goalP99Ms: goal, met: activity.p99Ms <= goal },
    responses: { ours: responses, baselineFromMessages: await measure(BASELINE_CALLS, () => rawResponses.get(period.from, period.to)), goalP99Ms: goal, met: responses.p99Ms <= goal },
  };
}
const conversations = await measure(CALLS, () => call('stats.conversations', {}));
const live = await measure(CALLS, () => call('stats.live', {}));
const sample = await call<{ totals: unknown }>('stats.activity', periods.days365);
const rssAfterCalls = rss();

db.close();
await core.close();

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
console.log(
  JSON.stringify({
    bench: 'stats-queries',
    messages: fixture.plan.options.messages,
    chats: fixture.plan.chats.length,
    path: 'core.dispatch (zod request parse, handler, rollup queries, local-time bucketing)',
    responseTimesCatchUpSeconds: catchUpSeconds,
    ...results,
    conversations: { ours: conversations, goalP99Ms: 50, met: conversations.p99Ms <= 50 },
    live: { ours: live, goalP99Ms: 50, met: live.p99Ms <= 50 },
    yearTotals: sample.totals,
    residentMemoryMb: { beforeCore: mb(rssBefore), afterCatchUp: mb(rssAfterCatchUp), afterStatsCalls: mb(rssAfterCalls), addedByStatsCalls: mb(rssAfterCalls - rssAfterCatchUp) },
    loadAverage: loadAverage(),
  }),
);
process.exit(0);
