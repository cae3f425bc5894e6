import type { MediaFile } from './media-files';

/** `/media/<message id>`: the same path in the browser (headless) and in Electron (`app://mostrador/media/<id>`). */
export const MEDIA_PATH_PREFIX = '/media/';

/** The message id a `/media/<id>` pathname names, or null when it is not one. */
export function mediaIdFromPath(pathname: string): number | null {
  if (!pathname.startsWith(MEDIA_PATH_PREFIX)) return null;
  const rest = pathname.slice(MEDIA_PATH_PREFIX.length);
  if (!/^[1-9][0-9]{0,15}$/.test(rest)) return null;
  const id = Number(rest);
  return Number.isSafeInteger(id) ? id : null;
}

export type ByteRange = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One `Range: bytes=…` range (what media elements ask for when seeking). Several ranges, another
 * unit or a malformed header are ignored, as RFC 9110 allows: the whole file is sent.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** `attachment; filename="…"; filename*=UTF-8''…` with an ASCII fallback that cannot break the header. */
export function contentDisposition(file: Pick<MediaFile, 'disposition' | 'fileName'>): string {
  if (!file.fileName) return file.disposition;
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(file.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${file.disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file of a message never changes once it is ready; private because it is someone's conversation. */
export const MEDIA_CACHE_CONTROL = 'private, max-age=86400';

/** Status and (lower-case) headers for serving `file` (or the part of it `range` asks for). */
export function mediaResponse(file: MediaFile, rangeHeader: string | null | undefined): { status: 200 | 206 | 416; headers: Record<string, string>; range: { start: number; end: number } | null } {
  const common = {
    'content-type': file.mime,
    'cache-control': MEDIA_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    // Opened on its own (not through <img>/<video>), a customer's file is a sandboxed document: no script, no origin.
    'content-security-policy': 'sandbox',
    'content-disposition': contentDisposition(file),
    'accept-ranges': 'bytes',
  };
  const range = parseByteRange(rangeHeader, file.size);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'content-range': `bytes */${file.size}`, 'content-length': '0' }, range: null };
  }
  if (range.kind === 'partial') {
    return {
      status: 206,
      headers: { ...common, 'content-range': `bytes ${range.start}-${range.end}/${file.size}`, 'content-length': String(range.end - range.start + 1) },
      range: { start: range.start, end: range.end },
    };
  }
  return { status: 200, headers: { ...common, 'content-length': String(file.size) }, range: null };
}
