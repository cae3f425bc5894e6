import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import type { MediaFile } from '../core/media/media-files';
import { mediaIdFromPath, mediaResponse } from '../core/media/media-http';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { APP_HOST, APP_SCHEME } from './app-origin';

export { CONTENT_SECURITY_POLICY };

/**
 * `standard` gives the scheme real origins and relative URLs; `secure` makes it a secure context;
 * `codeCache` lets V8 cache our bundles. No `bypassCSP`, no `corsEnabled`: the scheme must obey
 * the policy above and stay unreadable from other origins.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererPathResolution =
  | { ok: true; filePath: string; spaFallbackAllowed: boolean }
  | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a request's still-encoded pathname to a file inside `rendererDir`, or refuses it.
 * Decoding happens before the containment check because `..%2f` and `%2e%2e%2f` are single URL
 * segments that the URL parser leaves alone but that decode into a traversal.
 */
export function resolveRendererPath(rendererDir: string, encodedPathname: string): RendererPathResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // Backslashes are separators on Windows and NUL truncates paths in native code; Vite never
  // emits either, so refusing them everywhere is simpler than reasoning per platform.
  if (decoded.includes('\\') || decoded.includes('\0')) return { ok: false, status: 403 };

  const root = path.resolve(rendererDir);
  const relativeRequest = decoded === '' || decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const filePath = path.resolve(root, relativeRequest);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { ok: false, status: 403 };
  }
  // A client-side route (`/chats/42`) has no extension; a missing asset (`/x.js`) does and must 404.
  return { ok: true, filePath, spaFallbackAllowed: path.extname(filePath) === '' };
}

export type RendererRequestResolution =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404 | 405 };

/**
 * Decides what to serve for one `app://` request. `isFile` is the only I/O, passed in so the
 * decision (host check, traversal refusal, SPA fallback) is tested without a disk.
 */
export async function resolveRendererRequest(
  rendererDir: string,
  request: { url: string; method: string },
  isFile: (filePath: string) => Promise<boolean>,
): Promise<RendererRequestResolution> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { ok: false, status: 405 };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') {
    return { ok: false, status: 404 };
  }
  const resolved = resolveRendererPath(rendererDir, url.pathname);
  if (!resolved.ok) return resolved;
  if (await isFile(resolved.filePath)) {
    return { ok: true, filePath: resolved.filePath, mimeType: mimeTypeFor(resolved.filePath) };
  }
  if (!resolved.spaFallbackAllowed) return { ok: false, status: 404 };
  const indexPath = path.join(path.resolve(rendererDir), 'index.html');
  if (!(await isFile(indexPath))) return { ok: false, status: 404 };
  return { ok: true, filePath: indexPath, mimeType: mimeTypeFor(indexPath) };
}

/** Headers on every response, errors included, so no response ever lacks the policy. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

export interface RendererFileSystem {
  isFile(filePath: string): Promise<boolean>;
  readFile(filePath: string): Promise<Uint8Array>;
}

/** Messages' files at `app://mostrador/media/<id>`, the same path the browser mode uses. */
export interface MediaFiles {
  /** The core's `openMedia`: null when unknown, not downloaded or outside the data folder. */
  open(messageId: number): MediaFile | null;
  /** The bytes of `filePath`, or of `range` (inclusive) when given. */
  read(filePath: string, range: { start: number; end: number } | null): ReadableStream<Uint8Array> | Promise<Uint8Array>;
}

/** `app://mostrador/media/<id>` → the message's file, or null when the URL is not a media URL at all. */
async function mediaResponseFor(request: { url: string; method: string; headers?: Headers }, media: MediaFiles): Promise<Response | null> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || !url.pathname.startsWith('/media/')) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: securityHeaders() });
  const id = mediaIdFromPath(url.pathname);
  const file = id === null ? null : media.open(id);
  if (!file) return new Response(null, { status: 404, headers: securityHeaders() });
  const { status, headers, range } = mediaResponse(file, request.headers?.get('range'));
  const body = request.method === 'HEAD' || status === 416 ? null : await media.read(file.path, range);
  return new Response(body, { status, headers: { ...securityHeaders(), ...headers } });
}

/** Builds the `protocol.handle` callback: a plain Request → Response function, testable as is. */
export function createAppProtocolHandler(rendererDir: string, files: RendererFileSystem, media?: MediaFiles) {
  return async (request: { url: string; method: string; headers?: Headers }): Promise<Response> => {
    try {
      const served = media ? await mediaResponseFor(request, media) : null;
      if (served) return served;
      const resolved = await resolveRendererRequest(rendererDir, request, files.isFile);
      if (!resolved.ok) return new Response(null, { status: resolved.status, headers: securityHeaders() });
      const body = request.method === 'HEAD' ? null : await files.readFile(resolved.filePath);
      return new Response(body, {
        status: 200,
        headers: {
          ...securityHeaders(),
          'content-type': resolved.mimeType,
          // Files are local and cheap to re-read; never risk a stale index.html after an update.
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return new Response(null, { status: 500, headers: securityHeaders() });
    }
  };
}

/** Call before `app.whenReady()`: Chromium only accepts privileged schemes at startup. */
export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Call after ready: serves `rendererDir` on `app://mostrador/`, and messages' files under `/media/<id>`. */
export function serveRendererOverAppScheme(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  files: RendererFileSystem,
  media?: MediaFiles,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, files, media));
}
