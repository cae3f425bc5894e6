// The conversation list (chats.list, first page of 50) through the browser transport: a real core
// over a copy of the seeded 1 M-message / 50 k-chat database, the headless server (token cookie,
// WebSocket, JSON frames, zod parsing, the store), against a bare WebSocket server that answers
// each frame with a precomputed list of the same size, call by call in the same run. Goal: p99 ≤ 5 ms.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createCore } from '../electron/core';
import { scriptedWhatsAppFactory } from '../electron/core/testing/scripted-whatsapp';
import { startHeadlessServer } from '../electron/headless/headless-server';
import { copyIntoDataDir, cachedInboxDatabase } from './inbox-fixture';
import { sessionCookie } from './headless-session';
import { loadAverage, msSince, summarize } from './latency';

const CALLS = Math.max(1000, Number(process.env.BENCH_CALLS ?? 2000));
const WARMUP = 200;
const REQUEST = { limit: 50 };

/** A client that sends one frame at a time and resolves with the answer to its id. */
function client(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ call: (method: string, payload: unknown) => Promise<{ bytes: number; frame: unknown }>; close: () => void }>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const pending = new Map<number, (answer: { bytes: number; frame: unknown }) => void>();
    let nextId = 1;
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type?: string; id?: number };
      // Event batches (the accounts' status) share the socket; only answers settle a call.
      if (frame.type === 'result' && typeof frame.id === 'number') pending.get(frame.id)?.({ bytes: data.length, frame });
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        call: (method, payload) =>
          new Promise((done) => {
            const id = nextId++;
            pending.set(id, (answer) => {
              pending.delete(id);
              done(answer);
            });
            ws.send(JSON.stringify({ id, method, payload }));
          }),
        close: () => ws.close(),
      }),
    );
  });
}

const fixture = cachedInboxDatabase();
const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-list-ws-'));
// Gigabytes of copies: removed however the run ends.
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
copyIntoDataDir(fixture, dataDir);
const rendererDir = join(root, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');

// The ten seeded numbers get scripted sockets: they sit at the QR step and reach no network.
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
const coreOpenMs = Math.round(msSince(t0));
const token = randomBytes(24).toString('base64url');
const server = await startHeadlessServer({ core, rendererDir, token, host: '127.0.0.1', port: 0 });
const ours = await client(`ws://127.0.0.1:${server.port}/ws`, { cookie: await sessionCookie(server.port, token), origin: `http://127.0.0.1:${server.port}` });

const sample = await ours.call('chats.list', REQUEST);
const { result } = sample.frame as { result: { ok: boolean; value?: unknown[]; error?: unknown } };
if (!result.ok || (result.value?.length ?? 0) < 50) throw new Error(`chats.list did not answer a page of 50 chats (plus the pinned ones): ${JSON.stringify(result).slice(0, 300)}`);

// The baseline server parses each frame and answers the same list, stringified per call as the transport does.
const http = createServer();
const wss = new WebSocketServer({ server: http });
wss.on('connection', (ws) =>
  ws.on('message', (data: Buffer) => {
    const { id } = JSON.parse(data.toString()) as { id: number };
    ws.send(JSON.stringify({ type: 'result', id, result: { ok: true, value: result.value } }));
  }),
);
await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
const bare = await client(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
const echoed = await bare.call('chats.list', REQUEST);

const oursMs: number[] = [];
const bareMs: number[] = [];
const timed = async (side: typeof ours, into: number[], keep: boolean) => {
  const start = process.hrtime.bigint();
  await side.call('chats.list', REQUEST);
  if (keep) into.push(msSince(start));
};
for (let i = 0; i < WARMUP + CALLS; i++) {
  const keep = i >= WARMUP;
  if (i % 2 === 0) {
    await timed(ours, oursMs, keep);
    await timed(bare, bareMs, keep);
  } else {
    await timed(bare, bareMs, keep);
    await timed(ours, oursMs, keep);
  }
}

ours.close();
bare.close();
wss.close();
http.close();
await server.close();
await core.close();

const oursSummary = summarize(oursMs);
const bareSummary = summarize(bareMs);
console.log(
  JSON.stringify({
    bench: 'inbox-list-ws',
    messages: fixture.plan.options.messages,
    chats: fixture.plan.chats.length,
    method: 'chats.list {limit: 50}',
    rows: result.value!.length,
    answerBytes: sample.bytes,
    ours: oursSummary,
    baseline: { name: 'bare ws server answering the same list (JSON.parse + JSON.stringify per call)', answerBytes: echoed.bytes, ...bareSummary },
    ratioP99: Number((oursSummary.p99Ms / bareSummary.p99Ms).toFixed(2)),
    goalP99Ms: 5,
    met: oursSummary.p99Ms <= 5,
    context: { coreOpenMs, dbMb: fixture.sizeMb, fixtureBuildSeconds: fixture.buildSeconds },
    loadAverage: loadAverage(),
  }),
);
process.exit(0);
