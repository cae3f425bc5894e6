// Inbox reads on the seeded 1 M-message / 50 k-chat database, through the contract's dispatcher
// (zod parsing, the handler, the drizzle store, the DTO mapping) against the minimal raw SQL for
// the same answer, interleaved call by call in the same run. Goals (p99): list ≤ 1 ms, open a chat
// and page back ≤ 1 ms, word search ≤ 10 ms, prefix search ≤ 50 ms.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../shared/result';
import { createCore } from '../electron/core';
import { seedSearchWords } from '../electron/core/testing/seeded-inbox';
import { seededRandom } from '../electron/core/testing/seeded-random';
import { scriptedWhatsAppFactory } from '../electron/core/testing/scripted-whatsapp';
import { cachedInboxDatabase, copyIntoDataDir } from './inbox-fixture';
import { loadAverage, msSince, summarize } from './latency';

const CALLS = Math.max(1000, Number(process.env.BENCH_CALLS ?? 1000));
const WARMUP = 50;

const fixture = cachedInboxDatabase();
const { plan } = fixture;

// The real core (composition root, dispatcher, handlers) over a private copy of the database; the
// ten seeded numbers get scripted sockets that sit at the QR step and reach no network.
const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-queries-'));
// Gigabytes of copies: removed however the run ends.
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
copyIntoDataDir(fixture, dataDir);
const core = await createCore({
  dataDir,
  mode: 'headless',
  version: 'bench',
  dataKey: randomBytes(32),
  logLevel: 'silent',
  // As in production (NODE_ENV=production): requests are parsed, responses are not re-checked.
  validateResponses: false,
  whatsappSocketFactory: scriptedWhatsAppFactory(),
});
const dispatch = core.dispatch;
// The baselines read the same file over their own connection (WAL: readers do not block).
const db = new Database(join(dataDir, 'mostrador.sqlite'), { readonly: true });

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A case stops early (and says so) past this many seconds, so a slow path cannot stall the run. */
const CASE_SECONDS = Number(process.env.BENCH_CASE_SECONDS ?? 40);

/** Runs `ours` and `raw` alternately (which goes first alternates too), WARMUP times unmeasured first. */
async function compare(calls: number, ours: ((i: number) => Promise<unknown>) | null, raw: (i: number) => unknown) {
  const started = process.hrtime.bigint();
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  const runOurs = async (i: number, keep: boolean) => {
    if (!ours) return;
    const t0 = process.hrtime.bigint();
    await ours(i);
    if (keep) oursMs.push(msSince(t0));
  };
  const runRaw = (i: number, keep: boolean) => {
    const t0 = process.hrtime.bigint();
    raw(i);
    if (keep) rawMs.push(msSince(t0));
  };
  let stoppedEarly = false;
  for (let i = 0; i < WARMUP + calls; i++) {
    const keep = i >= WARMUP;
    if (i % 2 === 0) {
      await runOurs(i, keep);
      runRaw(i, keep);
    } else {
      runRaw(i, keep);
      await runOurs(i, keep);
    }
    if (msSince(started) > CASE_SECONDS * 1000) {
      stoppedEarly = true;
      break;
    }
  }
  return { ours: ours ? summarize(oursMs) : null, raw: summarize(rawMs), ...(stoppedEarly ? { stoppedEarlyAfterSeconds: CASE_SECONDS } : {}) };
}

const verdict = (p99: number | undefined, goal: number) => ({ goalP99Ms: goal, met: p99 !== undefined && p99 <= goal });

// --- 1. The conversation list, first page: the pinned chats, then the 50 newest others ---------
// Unary `+`: without it SQLite walks chats_archived_last_message over every chat and sorts.
const rawPinned = db.prepare('SELECT * FROM chats WHERE pinned_at IS NOT NULL AND +archived = 0 AND +last_message_at IS NOT NULL ORDER BY pinned_at DESC, id DESC');
const rawNewest = db.prepare(
  'SELECT * FROM chats WHERE archived = 0 AND +pinned_at IS NULL AND last_message_at IS NOT NULL ORDER BY last_message_at DESC, id DESC LIMIT 50',
);
const rawList = () => [...rawPinned.all(), ...rawNewest.all()];
const firstPage = await call<unknown[]>('chats.list', { limit: 50 });
if (firstPage.length !== rawList().length) throw new Error(`the first page has ${firstPage.length} chats, the raw SQL ${rawList().length}`);
const list = await compare(CALLS, () => call('chats.list', { limit: 50 }), rawList);

// --- 2. Open a chat (newest 50) and page back one page -------------------------------------------
// Chats with two full pages, picked at random; each side draws its own sequence so neither warms
// the other's pages.
const deepChats = plan.chats.filter((c) => c.messages >= 100).map((c) => c.index + 1);
const pickChat = (seed: number) => {
  const random = seededRandom(seed);
  return () => deepChats[Math.floor(random() * deepChats.length)]!;
};
const rawOpen = db.prepare<[number]>('SELECT * FROM messages WHERE chat_id = ? ORDER BY timestamp DESC, id DESC LIMIT 50');
const rawBack = db.prepare<[number, number, number, number]>(
  'SELECT * FROM messages WHERE chat_id = ? AND (timestamp < ? OR (timestamp = ? AND id < ?)) ORDER BY timestamp DESC, id DESC LIMIT 50',
);
const openOurs: number[] = [];
const backOurs: number[] = [];
const openRaw: number[] = [];
const backRaw: number[] = [];
const oursChat = pickChat(1);
const rawChat = pickChat(2);
const openAndBack = await compare(
  CALLS,
  async (i) => {
    const chatId = oursChat();
    const t0 = process.hrtime.bigint();
    const page = await call<{ id: number }[]>('messages.list', { chatId, limit: 50 });
    const t1 = process.hrtime.bigint();
    const older = await call<unknown[]>('messages.list', { chatId, limit: 50, beforeId: page[0]!.id });
    if (i >= WARMUP) {
      openOurs.push(Number(t1 - t0) / 1e6);
      backOurs.push(msSince(t1));
    }
    if (older.length !== 50) throw new Error(`chat ${chatId}: page back has ${older.length} messages`);
  },
  (i) => {
    const chatId = rawChat();
    const t0 = process.hrtime.bigint();
    const page = rawOpen.all(chatId) as { id: number; timestamp: number }[];
    const t1 = process.hrtime.bigint();
    const oldest = page.at(-1)!;
    rawBack.all(chatId, oldest.timestamp, oldest.timestamp, oldest.id);
    if (i >= WARMUP) {
      openRaw.push(Number(t1 - t0) / 1e6);
      backRaw.push(msSince(t1));
    }
  },
);

// --- 3 and 4. Search: one word, and a 2–3 letter prefix, newest first, 50 hits ------------------
const plain = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');
const words = (seed: number) => {
  const random = seededRandom(seed);
  // Half typed without accents: the index folds them ("cancion" finds "canción").
  return () => {
    const word = seedSearchWords[Math.floor(random() * seedSearchWords.length)]!;
    return random() < 0.5 ? plain(word) : word;
  };
};
const prefixes = (seed: number) => {
  const random = seededRandom(seed);
  return () => plain(seedSearchWords[Math.floor(random() * seedSearchWords.length)]!).slice(0, random() < 0.5 ? 2 : 3);
};
// Newest first: the index is keyed by (time, id) (migration 0005), so FTS5 walks its doclist
// backwards and stops at 50 hits; the low 32 bits of the key are the message id.
const hitColumns = 'm.id, m.chat_id, m.account_id, m.from_me, m.sender_name, m.type, m.text, m.timestamp';
const rawSearch = db.prepare<[string]>(
  `SELECT ${hitColumns} FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid & 4294967295 WHERE messages_fts MATCH ? ORDER BY messages_fts.rowid DESC LIMIT 50`,
);
const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

const probe = await dispatch('search.query', { text: 'pedido', limit: 50 });
const searchNote = probe.ok
  ? undefined
  : `search.query is not usable yet (${probe.error.code}: ${probe.error.message}); ours is null, the raw FTS5 query is measured`;
const oursSearch = (next: () => string) => (probe.ok ? () => call('search.query', { text: next(), limit: 50 }) : null);

const wordOurs = words(3);
const wordRaw = words(4);
const word = await compare(CALLS, oursSearch(wordOurs), () => rawSearch.all(quote(wordRaw())));

const prefixOurs = prefixes(5);
const prefixRaw = prefixes(6);
// A prefix query goes to search.query as the person types it; the raw side adds FTS5's `*`.
const prefix = await compare(CALLS, oursSearch(() => `${prefixOurs()}*`), () => rawSearch.all(`${quote(prefixRaw())}*`));

const countMatches = db.prepare<[string]>('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck();
const matchCounts = Object.fromEntries(['pedido', 'gracias', 'cancion', 'de*', 'pe*', 'can*'].map((term) => [term, countMatches.get(term) as number]));

db.close();
await core.close();

const judged = (r: Awaited<ReturnType<typeof compare>>, goal: number) => ({
  ...(r.stoppedEarlyAfterSeconds ? { stoppedEarlyAfterSeconds: r.stoppedEarlyAfterSeconds } : {}),
  ours: r.ours,
  baseline: r.raw,
  ...verdict((r.ours ?? r.raw).p99Ms, goal),
  ...(r.ours ? { ratioP99: Number((r.ours.p99Ms / r.raw.p99Ms).toFixed(2)) } : { judgedOn: 'baseline' }),
});

console.log(
  JSON.stringify({
    bench: 'inbox-queries',
    messages: plan.options.messages,
    chats: plan.chats.length,
    accounts: plan.accounts.length,
    dbMb: fixture.sizeMb,
    fixtureBuildSeconds: fixture.buildSeconds,
    path: 'core.dispatch (zod request parse, handler, store, DTO), validateResponses off as in production',
    list: { call: 'chats.list {limit: 50}', rows: firstPage.length, baselineSql: [rawPinned.source, rawNewest.source], ...judged(list, 1) },
    openChat: {
      call: 'messages.list {chatId, limit: 50} then {beforeId}',
      chatsWithTwoPages: deepChats.length,
      open: { ours: summarize(openOurs), baseline: summarize(openRaw) },
      pageBack: { ours: summarize(backOurs), baseline: summarize(backRaw) },
      openPlusPageBack: judged(openAndBack, 1),
    },
    wordSearch: {
      ...(searchNote ? { note: searchNote } : {}),
      baselineSql: `${rawSearch.source} -- term quoted`,
      ...judged(word, 10),
    },
    prefixSearch: {
      ...(searchNote ? { note: searchNote } : {}),
      ...judged(prefix, 50),
    },
    ftsMatches: matchCounts,
    loadAverage: loadAverage(),
  }),
);
process.exit(0);
