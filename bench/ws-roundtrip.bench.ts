// Contract round trip over the browser-mode WebSocket (token, zod parsing, dispatch, a real
// SQLite read) against a bare WebSocket JSON echo measured in the same run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createCore } from '../electron/core';
import { startHeadlessServer } from '../electron/headless/headless-server';

const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const WARMUP = 500;

async function measure(ws: WebSocket, makeFrame: (id: number) => string) {
  const pending = new Map<number, () => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number };
    if (typeof frame.id === 'number') pending.get(frame.id)?.();
  });
  const call = (id: number) =>
    new Promise<void>((resolve) => {
      pending.set(id, resolve);
      ws.send(makeFrame(id));
    });
  for (let i = 0; i < WARMUP; i++) await call(i);
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = WARMUP; i < WARMUP + CALLS; i++) {
    const t0 = process.hrtime.bigint();
    await call(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(3));
  return { callsPerSec: Math.round(CALLS / seconds), p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

const open = (url: string, headers: Record<string, string> = {}) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

async function baseline() {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => ws.on('message', (d) => ws.send(JSON.stringify({ ...JSON.parse(d.toString()), type: 'result' }))));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const ws = await open(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const result = await measure(ws, (id) => JSON.stringify({ id, method: 'echo', payload: {} }));
  ws.close();
  wss.close();
  http.close();
  return result;
}

async function contract() {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const core = await createCore({ dataDir: join(dir, 'data'), mode: 'headless', version: 'bench', dataKey: randomBytes(32), logLevel: 'silent', validateResponses: false });
  const token = randomBytes(24).toString('base64url');
  const server = await startHeadlessServer({ core, rendererDir, token, host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${server.port}`;
  const ws = await open(`ws://127.0.0.1:${server.port}/ws`, { cookie: `mostrador_session=${token}`, origin });
  const result = await measure(ws, (id) => JSON.stringify({ id, method: 'settings.get', payload: {} }));
  ws.close();
  await server.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const bare = await baseline();
const ours = await contract();
console.log(
  JSON.stringify({
    bench: 'contract-roundtrip-ws',
    calls: CALLS,
    method: 'settings.get',
    ...ours,
    baseline: { name: 'bare-ws-json-echo', ...bare },
    ratioCallsPerSec: Number((ours.callsPerSec / bare.callsPerSec).toFixed(3)),
  }),
);
