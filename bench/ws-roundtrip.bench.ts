// Contract round trip over the browser-mode WebSocket against a bare WebSocket JSON echo, in the
// same run. Ours is the whole product path: the renderer's client (renderer/api/ws-transport.ts,
// over `ws` instead of the browser's WebSocket), the session cookie, the server transport, the
// dispatcher (zod request parse, handler, response validation off as in production) and a real
// SQLite read (`settings.get` with stored settings). The baseline is a bare `ws` client and a
// server that parses each frame and answers it.
//
// Two shapes: one call at a time (a person clicking), and 32 calls in flight (the renderer asking
// for everything a screen needs at once; 32 is the server's limit per connection). The two sides
// alternate in rounds and the figure is the median of the per-round ratios, so a load spike on
// this shared machine lands on both sides of a pair instead of on one side of the comparison.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createCore } from '../electron/core';
import { MAX_CALLS_IN_FLIGHT } from '../electron/headless/ws-transport';
import { startHeadlessServer } from '../electron/headless/headless-server';
import { createWsTransport, type WebSocketClass } from '../renderer/api/ws-transport';
import { sessionCookie } from './headless-session';
import { loadAverage } from './latency';

const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const WARMUP = 2000;

type Call = () => Promise<unknown>;

/** Calls per second with `concurrency` calls kept in flight until `total` have been answered. */
async function rate(call: Call, total: number, concurrency: number) {
  let started = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (started < total) {
      started += 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Rounds of A then B (B then A every other round); medians of each side and of the ratios. */
async function compare(ours: Call, bare: Call, concurrency: number) {
  await rate(ours, WARMUP, concurrency);
  await rate(bare, WARMUP, concurrency);
  const oursRates: number[] = [];
  const bareRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0 ? ours : bare;
    const second = first === ours ? bare : ours;
    const a = await rate(first, CALLS_PER_ROUND, concurrency);
    const b = await rate(second, CALLS_PER_ROUND, concurrency);
    const [o, r] = first === ours ? [a, b] : [b, a];
    oursRates.push(o);
    bareRates.push(r);
    ratios.push(o / r);
  }
  return {
    concurrency,
    callsPerSec: Math.round(median(oursRates)),
    baselineCallsPerSec: Math.round(median(bareRates)),
    ratioCallsPerSec: Number(median(ratios).toFixed(3)),
    ratioRange: [Number(Math.min(...ratios).toFixed(3)), Number(Math.max(...ratios).toFixed(3))],
  };
}

/** A bare client: one JSON.stringify per call, one JSON.parse per answer, a map of ids. */
async function bareClient(url: string): Promise<{ call: Call; close: () => void }> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { id: number; result: unknown };
    const resolve = pending.get(frame.id);
    pending.delete(frame.id);
    resolve?.(frame.result);
  });
  return {
    call: () =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method: 'settings.get', payload: {} }));
      }),
    close: () => ws.close(),
  };
}

async function bareServer() {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) =>
    ws.on('message', (data: Buffer) => {
      const { id } = JSON.parse(data.toString()) as { id: number };
      ws.send(JSON.stringify({ type: 'result', id, result: { ok: true, value: { language: 'es', theme: 'dark', reopenOnCustomerMessage: true } } }));
    }),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => {
      wss.close();
      http.close();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
const core = await createCore({ dataDir: join(dir, 'data'), mode: 'headless', version: 'bench', dataKey: randomBytes(32), logLevel: 'silent', validateResponses: false });
const token = randomBytes(24).toString('base64url');
const server = await startHeadlessServer({ core, rendererDir, token, host: '127.0.0.1', port: 0 });

// The renderer's own client; `ws` takes the headers a browser would send by itself.
const cookie = await sessionCookie(server.port, token);
const origin = `http://127.0.0.1:${server.port}`;
class SignedInWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { headers: { cookie, origin } });
  }
}
const transport = createWsTransport({ url: `ws://127.0.0.1:${server.port}/ws`, WebSocketImpl: SignedInWebSocket as unknown as WebSocketClass });
const oursCall: Call = async () => {
  const result = await transport.invoke('settings.get', {});
  if (!result.ok) throw new Error(`settings.get: ${result.error.code} ${result.error.message}`);
  return result.value;
};
// Stored settings, so the read parses rows as it does for anyone who chose a language.
const updated = await transport.invoke('settings.update', { language: 'es', theme: 'dark' });
if (!updated.ok) throw new Error(`settings.update: ${updated.error.code} ${updated.error.message}`);

const echo = await bareServer();
const bare = await bareClient(echo.url);

const sequential = await compare(oursCall, bare.call, 1);
const inFlight = await compare(oursCall, bare.call, MAX_CALLS_IN_FLIGHT);

transport.close();
bare.close();
echo.close();
await server.close();
await core.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: 'contract-roundtrip-ws',
    method: 'settings.get',
    callsPerRound: CALLS_PER_ROUND,
    rounds: ROUNDS,
    ...sequential,
    inFlight,
    baseline: { name: 'bare ws client + bare ws server (JSON.parse + JSON.stringify per frame)' },
    goalRatio: 0.7,
    met: sequential.ratioCallsPerSec >= 0.7 && inFlight.ratioCallsPerSec >= 0.7,
    loadAverage: loadAverage(),
  }),
);
