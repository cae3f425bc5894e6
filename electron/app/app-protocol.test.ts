import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  mimeTypeFor,
  resolveRendererPath,
  resolveRendererRequest,
  type MediaFiles,
  type RendererFileSystem,
} from './app-protocol';

const root = path.resolve('/srv/mostrador/dist/renderer');
const existing = new Set(['index.html', 'assets/index-abc.js', 'assets/index-abc.css', 'favicon.svg'].map((f) => path.join(root, f)));
const isFile = async (filePath: string) => existing.has(filePath);
const get = (url: string) => resolveRendererRequest(root, { url, method: 'GET' }, isFile);

describe('renderer path resolution', () => {
  it('maps a path inside the folder to its file', () => {
    expect(resolveRendererPath(root, '/assets/index-abc.js')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets/index-abc.js'),
      spaFallbackAllowed: false,
    });
    expect(resolveRendererPath(root, '/')).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
  });

  it('refuses ../ traversal, plain or percent-encoded', () => {
    for (const pathname of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/etc/passwd',
      '/..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/%2e%2e%2f%2e%2e%2fsecret',
    ]) {
      expect(resolveRendererPath(root, pathname), pathname).toEqual({ ok: false, status: 403 });
    }
  });

  it('refuses a sibling folder that only shares the prefix', () => {
    expect(resolveRendererPath(root, '/..%2frenderer-private%2fkey')).toEqual({ ok: false, status: 403 });
  });

  it('refuses backslashes, NUL and malformed escapes', () => {
    expect(resolveRendererPath(root, '/..%5c..%5csecret')).toEqual({ ok: false, status: 403 });
    expect(resolveRendererPath(root, '/index.html%00.png')).toEqual({ ok: false, status: 403 });
    expect(resolveRendererPath(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });
});

describe('renderer request resolution', () => {
  it('serves existing files with their MIME type', async () => {
    expect(await get('app://mostrador/assets/index-abc.js')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets/index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(await get('app://mostrador/favicon.svg')).toMatchObject({ ok: true, mimeType: 'image/svg+xml' });
  });

  it('falls back to index.html for client-side routes (no extension)', async () => {
    for (const url of ['app://mostrador/', 'app://mostrador', 'app://mostrador/chats/42', 'app://mostrador/campaigns?tab=2']) {
      expect(await get(url), url).toEqual({ ok: true, filePath: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    }
  });

  it('answers 404 for a missing asset instead of serving index.html as script', async () => {
    expect(await get('app://mostrador/assets/missing.js')).toEqual({ ok: false, status: 404 });
  });

  it('refuses encoded traversal that survives URL parsing', async () => {
    expect(await get('app://mostrador/..%2f..%2fetc%2fpasswd')).toEqual({ ok: false, status: 403 });
    expect(await get('app://mostrador/%2e%2e%2fsecret.txt')).toEqual({ ok: false, status: 403 });
  });

  it('keeps ../ that the URL parser folds away inside the folder', async () => {
    // `app://mostrador/../../etc/passwd` parses to `/etc/passwd`: inside the root, so not a leak.
    expect(await get('app://mostrador/../../etc/passwd')).toEqual({ ok: true, filePath: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(await get('app://mostrador/../../etc/passwd.txt')).toEqual({ ok: false, status: 404 });
  });

  it('refuses other hosts, ports and methods', async () => {
    expect(await get('app://other/index.html')).toEqual({ ok: false, status: 404 });
    expect(await get('app://mostrador:81/index.html')).toEqual({ ok: false, status: 404 });
    expect(await resolveRendererRequest(root, { url: 'app://mostrador/index.html', method: 'POST' }, isFile)).toEqual({ ok: false, status: 405 });
  });
});

describe('content security policy', () => {
  it('is exactly the agreed strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('never allows inline or eval scripts', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('mime types', () => {
  it('knows the types a Vite build emits and defaults to octet-stream', () => {
    expect(mimeTypeFor('a/b.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('LICENSE')).toBe('application/octet-stream');
  });
});

describe('app protocol handler (real files)', () => {
  let dir: string;
  let rendererDir: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mostrador-protocol-'));
    rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mostrador</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
    const files: RendererFileSystem = {
      isFile: async (p) => (await fs.promises.stat(p).catch(() => null))?.isFile() ?? false,
      readFile: (p) => fs.promises.readFile(p),
    };
    handler = createAppProtocolHandler(rendererDir, files);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves a file with its content type and the CSP header', async () => {
    const response = await handler({ url: 'app://mostrador/assets/app.js', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for a route and the CSP with it', async () => {
    const response = await handler({ url: 'app://mostrador/inbox/7', method: 'GET' });
    expect(await response.text()).toContain('<title>Mostrador</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the folder, and errors carry the CSP too', async () => {
    const response = await handler({ url: 'app://mostrador/..%2fsecret.txt', method: 'GET' });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('app protocol handler (media)', () => {
  const bytes = new TextEncoder().encode('0123456789');
  const media: MediaFiles = {
    open: (id) => (id === 5 ? { path: '/data/media/acc/5.ogg', mime: 'audio/ogg', size: 10, fileName: null, disposition: 'inline' } : null),
    read: async (_path, range) => (range ? bytes.slice(range.start, range.end + 1) : bytes),
  };
  const files: RendererFileSystem = { isFile: async (p) => p.endsWith('index.html'), readFile: async () => new TextEncoder().encode('<title>app</title>') };
  const handler = createAppProtocolHandler('/srv/renderer', files, media);

  it('serves app://mostrador/media/<id> through the core, with its type, size and private caching', async () => {
    const response = await handler({ url: 'app://mostrador/media/5', method: 'GET' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('0123456789');
    expect(response.headers.get('content-type')).toBe('audio/ogg');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // A customer's file opened on its own is a sandboxed document: no script, no origin.
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('answers a byte range so audio and video can seek', async () => {
    const response = await handler({ url: 'app://mostrador/media/5', method: 'GET', headers: new Headers({ range: 'bytes=4-' }) });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 4-9/10');
    expect(await response.text()).toBe('456789');
  });

  it('answers 404 for an unknown or malformed id instead of the app page', async () => {
    for (const url of ['app://mostrador/media/6', 'app://mostrador/media/x', 'app://mostrador/media/..%2f..%2fsecret']) {
      const response = await handler({ url, method: 'GET' });
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('');
    }
  });
});
