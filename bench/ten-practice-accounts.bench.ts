// Ten practice accounts coming back from stored auth after a restart: time until all ten are
// `connected` and the resident memory they hold, against ONE account reconnecting from stored
// auth in the same run (so the ratio says how well ten scale). Each practice account runs its
// own crabline server in this process, as in the product.
//
// Every phase runs in its own child process so one phase's heap and loaded code do not count
// in the next one's RSS: `seed` adds the accounts (10 in one data dir, 1 in another) and
// closes; `measure` reopens one data dir and reports.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountDto } from '../shared/contract';
import type { Result } from '../shared/result';
import { createCore, type Core } from '../electron/core';

const TEN = 10;
const TIMEOUT_MS = 120_000;

interface PhaseResult {
  accounts: number;
  connectMs: number;
  rssBeforeMb: number;
  rssDeltaMb: number;
  heapUsedDeltaMb: number;
}

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

const openCore = (dataDir: string, dataKey: Buffer) =>
  createCore({ dataDir, mode: 'headless', version: 'bench', dataKey, logLevel: 'silent', validateResponses: false });

async function call<T>(core: Core, method: string, payload: unknown = {}): Promise<T> {
  const result = (await core.dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Resolves once `count` accounts are connected, judged from `account.status` events. */
function allConnected(core: Core, count: number, initial: AccountDto[] = []): Promise<void> {
  const states = new Map(initial.map((a) => [a.id, a.state]));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`only ${[...states.values()].filter((s) => s === 'connected').length}/${count} connected: ${JSON.stringify([...states.values()])}`));
    }, TIMEOUT_MS);
    const check = () => {
      if ([...states.values()].filter((s) => s === 'connected').length < count) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve();
      return true;
    };
    const unsubscribe = core.subscribe((batch) => {
      if (batch.topic !== 'account.status') return;
      for (const account of batch.items as AccountDto[]) states.set(account.id, account.state);
      check();
    });
    check();
  });
}

async function seed(dataDir: string, dataKey: Buffer, count: number) {
  const core = await openCore(dataDir, dataKey);
  const connected = allConnected(core, count);
  for (let i = 0; i < count; i++) await call(core, 'accounts.addPractice', { label: `Práctica ${i + 1}` });
  await connected;
  await core.close();
}

async function measure(dataDir: string, dataKey: Buffer, count: number): Promise<PhaseResult> {
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const core = await openCore(dataDir, dataKey);
  // Events emitted inside createCore came before anyone listened: start from the list.
  const connected = allConnected(core, count, await call<AccountDto[]>(core, 'accounts.list'));
  await connected;
  const connectMs = performance.now() - t0;
  const { rss, heapUsed } = process.memoryUsage();
  await core.close();
  return { accounts: count, connectMs: Math.round(connectMs), rssBeforeMb: mb(rssBefore), rssDeltaMb: mb(rss - rssBefore), heapUsedDeltaMb: mb(heapUsed - heapBefore) };
}

function phase<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

const [role, keyHex, ...dirsAndCounts] = process.argv.slice(2);
if (role === 'seed' || role === 'measure') {
  const key = Buffer.from(keyHex!, 'hex');
  let result: PhaseResult | undefined;
  for (let i = 0; i < dirsAndCounts.length; i += 2) {
    const [dir, count] = [dirsAndCounts[i]!, Number(dirsAndCounts[i + 1])];
    if (role === 'seed') await seed(dir, key, count);
    else result = await measure(dir, key, count);
  }
  console.log(JSON.stringify(result ?? {}));
  // crabline's servers or Baileys' timers must not keep a finished phase alive.
  process.exit(0);
} else {
  const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-ten-'));
  try {
    const key = randomBytes(32).toString('hex');
    const tenDir = join(root, 'ten');
    const oneDir = join(root, 'one');
    phase(['seed', key, tenDir, String(TEN), oneDir, '1']);
    const one = phase<PhaseResult>(['measure', key, oneDir, '1']);
    const ten = phase<PhaseResult>(['measure', key, tenDir, String(TEN)]);
    console.log(
      JSON.stringify({
        bench: 'ten-practice-accounts',
        accounts: TEN,
        ours: { name: 'reopen-10-from-stored-auth', connectMs: ten.connectMs, rssDeltaMb: ten.rssDeltaMb, heapUsedDeltaMb: ten.heapUsedDeltaMb, rssBeforeMb: ten.rssBeforeMb },
        baseline: { name: 'reopen-1-from-stored-auth', connectMs: one.connectMs, rssDeltaMb: one.rssDeltaMb, heapUsedDeltaMb: one.heapUsedDeltaMb, rssBeforeMb: one.rssBeforeMb },
        // 1.0 = ten take no longer than one; 10 = they come back one after another.
        ratioConnectTime: Number((ten.connectMs / one.connectMs).toFixed(2)),
        rssPerAccountMb: Number(((ten.rssDeltaMb - one.rssDeltaMb) / (TEN - 1)).toFixed(1)),
      }),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
