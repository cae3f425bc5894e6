import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventBatch } from '../../shared/contract';
import type { MediaFile } from '../core';
import { fail, ok, type Result } from '../../shared/result';
import type { WireServerFrame } from '../../shared/wire';
import { startHeadlessServer } from './headless-server';

const token = 'a'.repeat(40);

/** A fake core: answers `app.info`, refuses the rest, lets the test push events and serves the files in `media`. */
function fakeCore() {
  const listeners = new Set<(batch: EventBatch) => void>();
  const media = new Map<number, MediaFile>();
  return {
    media,
    openMedia: (id: number) => media.get(id) ?? null,
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
    healthy: true,
    health() {
      return {
        status: this.healthy ? ('ok' as const) : ('failing' as const),
        version: 't',
        mode: 'headless' as const,
        uptimeSeconds: 1,
        database: { ok: this.healthy, sizeBytes: 4096 },
        accounts: [{ id: 'a1', kind: 'practice' as const, state: 'connected' as const }],
        outboxWaiting: 0,
      };
    },
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'mostrador_outbox_waiting 0\n' }),
  };
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, method }, (res) => {
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
    writeFileSync(join(rendererDir, 'voice.ogg'), '0123456789');
    writeFileSync(join(rendererDir, 'factura.pdf'), '%PDF-1.4');
    core.media.set(7, { path: join(rendererDir, 'voice.ogg'), mime: 'audio/ogg', size: 10, fileName: null, disposition: 'inline' });
    core.media.set(8, { path: join(rendererDir, 'factura.pdf'), mime: 'application/pdf', size: 8, fileName: 'factura año.pdf', disposition: 'attachment' });
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

  it('gives each browser its own session id, never the token, Secure behind HTTPS', async () => {
    const first = String((await get(server.port, `/?token=${token}`)).headers['set-cookie']);
    const second = String((await get(server.port, `/?token=${token}`)).headers['set-cookie']);
    expect(first).not.toContain(token);
    expect(first.split(';')[0]).not.toBe(second.split(';')[0]);
    expect(first).toMatch(/Max-Age=2592000/);
    expect(first).not.toMatch(/Secure/i);
    const proxied = String((await get(server.port, `/?token=${token}`, { 'x-forwarded-proto': 'https' })).headers['set-cookie']);
    expect(proxied).toMatch(/; Secure/i);
    // The token itself is not a session.
    expect((await get(server.port, '/', { cookie: `mostrador_session=${token}` })).status).toBe(401);
  });

  it('signs one browser out: its cookie stops working and its open tab is disconnected', async () => {
    const other = String((await get(server.port, `/?token=${token}`)).headers['set-cookie']).split(';')[0]!;
    const leaving = String((await get(server.port, `/?token=${token}`)).headers['set-cookie']).split(';')[0]!;
    const tab = connect(server.port, { cookie: leaving, origin });
    await tab.opened;
    const closed = new Promise<number>((resolve) => tab.ws.once('close', (code) => resolve(code)));
    expect((await get(server.port, '/logout', { cookie: leaving, origin })).status).toBe(405);
    const out = await get(server.port, '/logout', { cookie: leaving, origin }, 'POST');
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect(await closed).toBe(1008);
    expect((await get(server.port, '/', { cookie: leaving })).status).toBe(401);
    await expect(connect(server.port, { cookie: leaving, origin }).opened).rejects.toThrow(/401/);
    expect((await get(server.port, '/', { cookie: other })).status).toBe(200);
    // Another site cannot sign the person out.
    expect((await get(server.port, '/logout', { cookie: other, origin: 'http://evil.example' }, 'POST')).status).toBe(421);
    expect((await get(server.port, '/', { cookie: other })).status).toBe(200);
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

  it('refuses a media file without the session cookie', async () => {
    const res = await get(server.port, '/media/7');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('0123456789');
  });

  it('serves a media file with its type, size, private caching and nosniff', async () => {
    const res = await get(server.port, '/media/7', { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toBe('0123456789');
    expect(res.headers).toMatchObject({
      'content-type': 'audio/ogg',
      'content-length': '10',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'content-disposition': 'inline',
      'accept-ranges': 'bytes',
    });
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
  });

  it('answers a byte range (seeking in audio and video) and refuses one past the end', async () => {
    const part = await get(server.port, '/media/7', { cookie, range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('2345');
    expect(part.headers['content-range']).toBe('bytes 2-5/10');
    const tail = await get(server.port, '/media/7', { cookie, range: 'bytes=-3' });
    expect(tail.body).toBe('789');
    expect((await get(server.port, '/media/7', { cookie, range: 'bytes=10-' })).status).toBe(416);
  });

  it('sends documents as attachments under their own name', async () => {
    const res = await get(server.port, '/media/8', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="factura a_o.pdf"; filename*=UTF-8''factura%20a%C3%B1o.pdf`);
    const head = await get(server.port, '/media/8', { cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('8');
    expect(head.body).toBe('');
  });

  it('answers 404 for unknown or malformed media ids and never falls back to the app', async () => {
    for (const path of ['/media/9', '/media/abc', '/media/7/..', '/media/%2e%2e%2fvoice.ogg', '/media/', '/media/007']) {
      const res = await get(server.port, path, { cookie });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('Mostrador</title>');
    }
    expect((await get(server.port, '/media/7', { cookie }, 'POST')).status).toBe(405);
  });
  it('serves /health and /metrics to the session or to the token as a bearer, and to nobody else', async () => {
    expect((await get(server.port, '/health')).status).toBe(401);
    expect((await get(server.port, '/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
    // A bearer opens the monitoring endpoints only, never the app.
    expect((await get(server.port, '/', { authorization: `Bearer ${token}` })).status).toBe(401);
    const health = await get(server.port, '/health', { authorization: `Bearer ${token}` });
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toBe('application/json');
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', accounts: [{ id: 'a1', state: 'connected' }] });
    const metrics = await get(server.port, '/metrics', { cookie });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(metrics.body).toContain('mostrador_outbox_waiting 0');
    expect((await get(server.port, '/health', { cookie }, 'POST')).status).toBe(405);
  });

  it('answers 503 while the database is failing', async () => {
    core.healthy = false;
    try {
      const health = await get(server.port, '/health', { cookie });
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'failing', database: { ok: false } });
    } finally {
      core.healthy = true;
    }
  });
});
