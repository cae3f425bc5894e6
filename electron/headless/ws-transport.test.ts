import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventBatch } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { MAX_CALLS_IN_FLIGHT, serveContractOverSocket } from './ws-transport';

type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

interface Harness {
  client: WebSocket;
  server: WebSocket;
  /** Chunks the server's TCP socket handed to the operating system, one entry per write. */
  writes: number[];
  answers: { id: number | null; result: Result<unknown> }[];
  publish(batch: EventBatch): void;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function harness(dispatch: Dispatch): Promise<Harness> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const listeners = new Set<(batch: EventBatch) => void>();
  const writes: number[] = [];
  const connected = new Promise<WebSocket>((resolve) =>
    wss.on('connection', (ws) => {
      // Count what reaches the OS: one `_write` per chunk, or one `_writev` per group of chunks.
      const tcp = (ws as unknown as { _socket: Socket & { _write: Socket['_write']; _writev: NonNullable<Socket['_writev']> } })._socket;
      const write = tcp._write.bind(tcp);
      const writev = tcp._writev.bind(tcp);
      tcp._write = (chunk, encoding, callback) => {
        writes.push(1);
        write(chunk, encoding, callback);
      };
      tcp._writev = (chunks, callback) => {
        writes.push(chunks.length);
        writev(chunks, callback);
      };
      serveContractOverSocket(ws, {
        dispatch,
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      });
      resolve(ws);
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const answers: Harness['answers'] = [];
  client.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { type: string; id: number | null; result: Result<unknown> };
    if (frame.type === 'result') answers.push({ id: frame.id, result: frame.result });
  });
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  const server = await connected;
  closers.push(async () => {
    client.close();
    wss.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  writes.length = 0;
  return { client, server, writes, answers, publish: (batch) => listeners.forEach((listener) => listener(batch)) };
}

/** Sends frames so they reach the server in one read (the client's socket corked around them). */
function sendTogether(client: WebSocket, frames: unknown[]) {
  const tcp = (client as unknown as { _socket: Socket })._socket;
  tcp.cork();
  for (const frame of frames) client.send(JSON.stringify(frame));
  tcp.uncork();
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

const echo: Dispatch = async (_method, payload) => ({ ok: true, value: payload });

describe('contract over one WebSocket', () => {
  it('answers calls read together in one write, each in its own frame with its own id', async () => {
    const t = await harness(echo);
    sendTogether(
      t.client,
      Array.from({ length: 10 }, (_, i) => ({ id: i + 1, method: 'settings.get', payload: { n: i } })),
    );
    await until(() => t.answers.length === 10);
    expect(t.answers.map((a) => a.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(t.answers.map((a) => a.result)).toEqual(Array.from({ length: 10 }, (_, i) => ({ ok: true, value: { n: i } })));
    expect(t.writes).toHaveLength(1);
  });

  it('never holds a finished answer back for a call still running', async () => {
    let finishSlow: (result: Result<unknown>) => void = () => {};
    const t = await harness((method, payload) => (method === 'slow' ? new Promise((resolve) => (finishSlow = resolve)) : echo(method, payload)));
    sendTogether(t.client, [
      { id: 1, method: 'slow', payload: {} },
      { id: 2, method: 'fast', payload: {} },
      { id: 3, method: 'fast', payload: {} },
    ]);
    await until(() => t.answers.length === 2);
    expect(t.answers.map((a) => a.id)).toEqual([2, 3]);
    finishSlow({ ok: true, value: 'done' });
    await until(() => t.answers.length === 3);
    expect(t.answers[2]).toEqual({ id: 1, result: { ok: true, value: 'done' } });
  });

  it('keeps events and answers in the order they were produced', async () => {
    const t = await harness(echo);
    const frames: string[] = [];
    t.client.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: number; topic?: string };
      frames.push(frame.type === 'event' ? `event:${frame.topic}` : `result:${frame.id}`);
    });
    t.client.send(JSON.stringify({ id: 1, method: 'a', payload: {} }));
    await until(() => frames.length === 1);
    t.publish({ topic: 'chats.upserted', items: [] });
    t.client.send(JSON.stringify({ id: 2, method: 'b', payload: {} }));
    await until(() => frames.length === 3);
    expect(frames).toEqual(['result:1', 'event:chats.upserted', 'result:2']);
  });

  it(`stops reading at ${MAX_CALLS_IN_FLIGHT} calls in flight and answers every call once they finish`, async () => {
    const waiting: (() => void)[] = [];
    const t = await harness(
      (_method, payload) =>
        new Promise((resolve) => {
          waiting.push(() => resolve({ ok: true, value: payload }));
        }),
    );
    const total = MAX_CALLS_IN_FLIGHT + 8;
    sendTogether(
      t.client,
      Array.from({ length: total }, (_, i) => ({ id: i + 1, method: 'x', payload: i })),
    );
    await until(() => waiting.length >= MAX_CALLS_IN_FLIGHT);
    expect(t.server.isPaused).toBe(true);
    while (t.answers.length < total) {
      waiting.splice(0).forEach((finish) => finish());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(new Set(t.answers.map((a) => a.id)).size).toBe(total);
    expect(t.server.isPaused).toBe(false);
  });
});
