import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventBatch } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { WireServerFrame } from '../../shared/wire';
import { startHeadlessServer } from './headless-server';

const token = 'a'.repeat(40);

/** A fake core: answers `app.info`, refuses the rest, and lets the test push events. */
function fakeCore() {
  const listeners = new Set<(batch: EventBatch) => void>();
  return {
    calls: [] as { method: string; payload: unknown }[],
    async dispatch(method: string, payload: unknown): Promise<Result<unknown>> {
      this.calls.push({ method, payload });
      return method === 'app.info' ? ok({ version: 't', mode: 'headless', dataDir: '/x' }) : fail({ code: 'UNKNOWN_METHOD', message: method });
    },
    subscribe(listener: (batch: EventBatch) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(batch: EventBatch) {
      for (const l of listeners) l(batch);
    },
    listenerCount: () => listeners.size,
  };
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(port: number, headers: Record<string, string>) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
  const frames: WireServerFrame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as WireServerFrame));
  return {
    ws,
    frames,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    }),
    next: async (count: number) => {
      for (let i = 0; i < 100 && frames.length < count; i++) await new Promise((r) => setTimeout(r, 20));
      return frames.slice(0, count);
    },
  };
}

describe('headless server', () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'mostrador-renderer-'));
  const core = fakeCore();
  let server: Awaited<ReturnType<typeof startHeadlessServer>>;
  let cookie = '';
  let origin = '';

  beforeAll(async () => {
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mostrador</title>');
    server = await startHeadlessServer({ core, rendererDir, token, host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('refuses a browser without the token', async () => {
    const res = await get(server.port, '/');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain(token);
  });

  it('refuses a wrong token', async () => {
    expect((await get(server.port, `/?token=${'b'.repeat(40)}`)).status).toBe(401);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await get(server.port, `/inbox?token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/inbox');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    cookie = setCookie.split(';')[0]!;
    const page = await get(server.port, '/inbox', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Mostrador</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect((await get(server.port, '/', { cookie, host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses a WebSocket without the session cookie or from another origin', async () => {
    await expect(connect(server.port, { origin }).opened).rejects.toThrow(/401/);
    await expect(connect(server.port, { cookie, origin: 'http://evil.example' }).opened).rejects.toThrow(/401/);
  });

  it('carries calls, answers malformed frames with a typed error and keeps the connection', async () => {
    const client = connect(server.port, { cookie, origin });
    await client.opened;
    client.ws.send('not json');
    client.ws.send(JSON.stringify({ id: 'x', method: 'app.info' }));
    client.ws.send(JSON.stringify({ id: 7, method: 'app.info', payload: {} }));
    const frames = await client.next(3);
    expect(frames[0]).toMatchObject({ type: 'result', id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(frames[1]).toMatchObject({ type: 'result', id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(frames[2]).toEqual({ type: 'result', id: 7, result: { ok: true, value: { version: 't', mode: 'headless', dataDir: '/x' } } });
    expect(core.calls.at(-1)).toEqual({ method: 'app.info', payload: {} });
    client.ws.close();
  });

  it('pushes event batches and unsubscribes when the tab goes away', async () => {
    const before = core.listenerCount();
    const client = connect(server.port, { cookie, origin });
    await client.opened;
    expect(core.listenerCount()).toBe(before + 1);
    core.emit({ topic: 'chats.upserted', items: [] });
    expect(await client.next(1)).toEqual([{ type: 'event', topic: 'chats.upserted', items: [] }]);
    client.ws.close();
    for (let i = 0; i < 50 && core.listenerCount() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(core.listenerCount()).toBe(before);
  });
});
