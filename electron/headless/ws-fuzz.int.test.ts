import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { methodNames, methods } from '../../shared/contract';
import type { WireServerFrame } from '../../shared/wire';
import { createCore, type Core } from '../core';
import { arbitraryFor, arbitraryJson } from '../core/testing/contract-fuzz';
import { scriptedWhatsAppFactory } from '../core/testing/scripted-whatsapp';
import { randomBytesFrom, seededRandom } from '../core/testing/seeded-random';
import { MAX_FRAME_BYTES, startHeadlessServer } from './headless-server';

// Hostile traffic from a browser that holds a valid session: every contract method with fuzzed
// payloads, plus frames that break the WebSocket protocol itself. The server must answer every
// call with a typed Result, close only the offending connection, and still serve afterwards.
// Replay a failure with MOSTRADOR_FUZZ_SEED=<the seed printed below>.

const SEED = Number(process.env.MOSTRADOR_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLS = 4_500;
const HOSTILE_CONNECTIONS = 300;
const token = 't'.repeat(40);

// ---- a raw client: frames the ws library would never send -------------------------------------

interface FrameOptions {
  fin?: boolean;
  mask?: boolean;
  rsv?: number;
  /** Claims this length in the header whatever the payload is. */
  declaredLength?: number;
}

function frame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 255);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** Server → client frames (unmasked), enough to read small answers and the close code. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = buffer[offset]! & 0x0f;
    let length = buffer[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (buffer.length < start + 2) break;
      length = buffer.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (buffer.length < start + 8) break;
      length = Number(buffer.readBigUInt64BE(start));
      start += 8;
    }
    if (buffer.length < start + length) break;
    frames.push({ opcode, payload: buffer.subarray(start, start + length) });
    offset = start + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

interface RawConnection {
  socket: Socket;
  write(data: Buffer): void;
  /** Resolves with the close code the server sent (null if it just hung up) once the socket ends. */
  closed: Promise<number | null>;
  results: WireServerFrame[];
  pongs: number;
}

function rawConnect(port: number, cookie: string, origin: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1');
    let upgraded = false;
    let pending: Buffer = Buffer.alloc(0);
    let closeCode: number | null = null;
    const connection: RawConnection = {
      socket,
      write: (data) => {
        if (!socket.destroyed) socket.write(data);
      },
      closed: new Promise((done) => socket.once('close', () => done(closeCode))),
      results: [],
      pongs: 0,
    };
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(
        [
          'GET /ws HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: ${origin}`,
          `Cookie: ${cookie}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString();
        if (!head.startsWith('HTTP/1.1 101')) {
          reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        pending = pending.subarray(end + 4);
        resolve(connection);
      }
      const { frames, rest } = readFrames(pending);
      pending = rest;
      for (const f of frames) {
        if (f.opcode === 0x8) closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : null;
        else if (f.opcode === 0xa) connection.pongs += 1;
        else if (f.opcode === 0x1) connection.results.push(JSON.parse(f.payload.toString()) as WireServerFrame);
      }
    });
  });
}

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;

type Expectation = { closes: number | null } | { answers: number };

interface HostileCase {
  name: string;
  /** Frames written; counted in the total. */
  frames: (random: () => number) => Buffer[];
  expect: Expectation;
}

const call = (id: number) => Buffer.from(JSON.stringify({ id, method: 'app.info', payload: {} }));
const splitInto = (data: Buffer, parts: number) => {
  const size = Math.max(1, Math.ceil(data.length / parts));
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return chunks;
};
const fragmented = (data: Buffer, parts: number, interleavePing = false) => {
  const chunks = splitInto(data, parts);
  return chunks.flatMap((chunk, i) => {
    const f = frame(i === 0 ? TEXT : CONTINUATION, chunk, { fin: i === chunks.length - 1 });
    return interleavePing && i === 0 ? [f, frame(PING, Buffer.from('x'))] : [f];
  });
};

const hostileCases: HostileCase[] = [
  { name: 'invalid UTF-8 (3 bytes)', frames: () => [frame(TEXT, Buffer.from([0xff, 0xfe, 0xfd]))], expect: { closes: 1007 } },
  { name: 'overlong UTF-8', frames: () => [frame(TEXT, Buffer.from([0xc0, 0xaf]))], expect: { closes: 1007 } },
  { name: 'lone surrogate in UTF-8', frames: () => [frame(TEXT, Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))], expect: { closes: 1007 } },
  {
    name: 'invalid UTF-8 split across fragments',
    frames: () => [frame(TEXT, Buffer.from('{"id":1,"method":"'), { fin: false }), frame(CONTINUATION, Buffer.from([0xe2, 0x28, 0xa1]))],
    expect: { closes: 1007 },
  },
  { name: 'oversize frame (header)', frames: () => [frame(TEXT, Buffer.alloc(64), { declaredLength: MAX_FRAME_BYTES + 1 })], expect: { closes: 1009 } },
  {
    name: 'oversize message (fragments)',
    frames: () => [frame(TEXT, Buffer.alloc(1024), { fin: false }), frame(CONTINUATION, Buffer.alloc(64), { declaredLength: MAX_FRAME_BYTES })],
    expect: { closes: 1009 },
  },
  { name: 'continuation with nothing to continue', frames: () => [frame(CONTINUATION, call(1))], expect: { closes: 1002 } },
  { name: 'new message inside a fragmented one', frames: () => [frame(TEXT, Buffer.from('{"id":'), { fin: false }), frame(TEXT, call(1))], expect: { closes: 1002 } },
  { name: 'reserved opcode', frames: () => [frame(0x3, call(1))], expect: { closes: 1002 } },
  { name: 'reserved control opcode', frames: () => [frame(0xb, Buffer.alloc(0))], expect: { closes: 1002 } },
  { name: 'RSV1 without an extension', frames: () => [frame(TEXT, call(1), { rsv: 4 })], expect: { closes: 1002 } },
  { name: 'unmasked client frame', frames: () => [frame(TEXT, call(1), { mask: false })], expect: { closes: 1002 } },
  { name: 'control frame over 125 bytes', frames: () => [frame(PING, Buffer.alloc(126))], expect: { closes: 1002 } },
  { name: 'fragmented control frame', frames: () => [frame(PING, Buffer.from('a'), { fin: false })], expect: { closes: 1002 } },
  { name: 'close with an invalid code', frames: () => [frame(CLOSE, Buffer.from([0x03, 0xe7]))], expect: { closes: 1002 } },
  { name: 'close with an invalid UTF-8 reason', frames: () => [frame(CLOSE, Buffer.from([0x03, 0xe8, 0xff, 0xfe]))], expect: { closes: 1007 } },
  { name: 'garbage after the handshake', frames: (r) => [randomBytesFrom(r, 64)], expect: { closes: null } },
  {
    name: 'binary frames are refused with a typed error',
    frames: (r) => Array.from({ length: 8 }, () => frame(BINARY, randomBytesFrom(r, 1 + Math.floor(r() * 300)))),
    expect: { answers: 8 },
  },
  {
    name: 'text that is not a request',
    frames: (r) => Array.from({ length: 8 }, () => frame(TEXT, Buffer.from(JSON.stringify(arbitraryJson(r))))),
    expect: { answers: 8 },
  },
  {
    name: 'a call in fragments, a ping in between',
    frames: (r) => [...fragmented(call(41), 2 + Math.floor(r() * 6), true), ...fragmented(call(42), 3)],
    expect: { answers: 2 },
  },
  { name: 'multibyte characters split across fragments', frames: () => fragmented(Buffer.from('{"id":5,"method":"ñandú","payload":"👩‍👩‍👧"}'), 9), expect: { answers: 1 } },
];

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

describe(`browser mode under hostile frames (seed ${SEED})`, () => {
  let dataDir: string;
  let rendererDir: string;
  let core: Core;
  let server: Awaited<ReturnType<typeof startHeadlessServer>>;
  let cookie = '';
  let origin = '';
  const connectionErrors: string[] = [];

  beforeAll(async () => {
    console.log(`ws fuzz seed ${SEED} (replay: MOSTRADOR_FUZZ_SEED=${SEED})`);
    dataDir = mkdtempSync(join(tmpdir(), 'mostrador-fuzz-'));
    rendererDir = mkdtempSync(join(tmpdir(), 'mostrador-fuzz-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mostrador</title>');
    core = await createCore({
      dataDir,
      mode: 'headless',
      version: 'fuzz',
      dataKey: randomBytes(32),
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      validateResponses: true,
      whatsappSocketFactory: scriptedWhatsAppFactory(),
      // No practice server: practice numbers stay reconnecting and reach no network.
      practiceServerFactory: async () => {
        throw new Error('no practice server in the fuzz test');
      },
      assistantTimeoutMs: 1_000,
    });
    server = await startHeadlessServer({ core, rendererDir, token, host: '127.0.0.1', port: 0, onConnectionError: (e) => connectionErrors.push(String((e as { code?: string }).code ?? e.message)) });
    origin = `http://127.0.0.1:${server.port}`;
    const res = await fetch(`${origin}/?token=${token}`, { redirect: 'manual' });
    cookie = String(res.headers.get('set-cookie')).split(';')[0]!;
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const openClient = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { cookie, origin } });
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return ws;
  };

  const appInfoAnswered = async () => {
    const ws = await openClient();
    const answer = new Promise<WireServerFrame>((resolve) => ws.on('message', (d) => resolve(JSON.parse(d.toString()) as WireServerFrame)));
    ws.send(JSON.stringify({ id: 1, method: 'app.info', payload: {} }));
    const frame = await answer;
    ws.close();
    return frame;
  };

  it(`answers ${CALLS} fuzzed calls over every method, closes only broken connections, and still serves`, { timeout: 60_000 }, async () => {
    const random = seededRandom(SEED);
    expect(await appInfoAnswered()).toMatchObject({ type: 'result', id: 1, result: { ok: true } });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    let framesSent = 0;

    // 1. Calls: every method in turn, payloads shaped like its schema (or not), 16 in flight.
    const ws = await openClient();
    const answers = new Map<number, { method: string; ok: boolean; code?: string }>();
    const waiting = new Map<number, () => void>();
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as WireServerFrame;
      if (f.type !== 'result' || f.id === null) return;
      const sent = waiting.get(f.id);
      if (!sent) return;
      waiting.delete(f.id);
      answers.set(f.id, { method: '', ok: f.result.ok, ...(f.result.ok ? {} : { code: f.result.error.code }) });
      sent();
    });
    const sentMethod = new Map<number, string>();
    let next = 0;
    const lane = async () => {
      while (next < CALLS) {
        const id = ++next;
        const method = methodNames[id % methodNames.length]!;
        const schema = methods[method].request;
        const payload = random() < 0.9 ? arbitraryFor(schema, random) : arbitraryJson(random);
        sentMethod.set(id, method);
        const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
        ws.send(JSON.stringify({ id, method, payload }));
        framesSent += 1;
        await answered;
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    ws.close();
    const unanswered = [...sentMethod.keys()].filter((id) => !answers.has(id));
    expect(unanswered).toEqual([]);
    const internal = [...answers].filter(([, a]) => a.code === 'INTERNAL').map(([id]) => sentMethod.get(id));
    expect(internal, 'calls answered INTERNAL (an unexpected exception in a handler)').toEqual([]);
    const reachedHandlers = [...answers.values()].filter((a) => a.code !== 'BAD_REQUEST').length;

    // 2. Protocol breakage, one connection per case, several at once.
    const mismatches: string[] = [];
    const runCase = async (c: HostileCase) => {
      const raw = await rawConnect(server.port, cookie, origin);
      const frames = c.frames(random);
      framesSent += frames.length;
      for (const f of frames) raw.write(f);
      if ('closes' in c.expect) {
        const timer = setTimeout(() => raw.socket.destroy(), 5_000);
        const code = await raw.closed;
        clearTimeout(timer);
        if (c.expect.closes !== null && code !== c.expect.closes) mismatches.push(`${c.name}: closed with ${code}, expected ${c.expect.closes}`);
      } else {
        for (let i = 0; i < 250 && raw.results.length < c.expect.answers; i++) await new Promise((r) => setTimeout(r, 4));
        if (raw.results.length !== c.expect.answers) mismatches.push(`${c.name}: ${raw.results.length} answers, expected ${c.expect.answers}`);
        raw.socket.destroy();
      }
    };
    const queue = Array.from({ length: HOSTILE_CONNECTIONS }, (_, i) => hostileCases[i % hostileCases.length]!);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await runCase(c);
      }),
    );
    // A peer that resets in the middle of a frame.
    for (let i = 0; i < 20; i++) {
      const raw = await rawConnect(server.port, cookie, origin);
      raw.write(frame(TEXT, call(1)).subarray(0, 5));
      framesSent += 1;
      raw.socket.resetAndDestroy();
      await raw.closed;
    }
    expect(mismatches).toEqual([]);

    // 3. One real frame over the limit, every byte of it sent (zero mask key: the bytes stay as they are).
    const big = await rawConnect(server.port, cookie, origin);
    const header = frame(TEXT, Buffer.alloc(0), { declaredLength: MAX_FRAME_BYTES + 1, mask: false });
    header[1]! |= 0x80;
    big.write(Buffer.concat([header, Buffer.alloc(4)]));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent <= MAX_FRAME_BYTES && !big.socket.destroyed; sent += chunk.length) {
      if (!big.socket.write(chunk)) await new Promise((resolve) => big.socket.once('drain', resolve).once('close', resolve));
    }
    framesSent += 1;
    expect(await big.closed).toBe(1009);

    const seconds = (performance.now() - started) / 1000;
    // The server is alive, answers a valid call, and did not balloon.
    expect(await appInfoAnswered()).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { version: 'fuzz' } } });
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    expect(framesSent).toBeGreaterThanOrEqual(5_000);
    expect(rssAfter).toBeLessThan(rssBefore * 2);
    const codes = new Map<string, number>();
    for (const e of connectionErrors) codes.set(e, (codes.get(e) ?? 0) + 1);
    console.log(
      JSON.stringify({
        seed: SEED,
        frames: framesSent,
        calls: CALLS,
        reachedHandlers,
        hostileConnections: HOSTILE_CONNECTIONS + 20 + 1,
        seconds: Number(seconds.toFixed(2)),
        framesPerSecond: Math.round(framesSent / seconds),
        rssBeforeMb: Math.round(rssBefore / 2 ** 20),
        rssAfterMb: Math.round(rssAfter / 2 ** 20),
        connectionErrors: Object.fromEntries(codes),
        meanAnswerOk: mean([...answers.values()].map((a) => (a.ok ? 1 : 0))),
      }),
    );
  });
});
