import { MAX_MEDIA_BASE64, MAX_MEDIA_BYTES, type MethodRequest } from '../../../shared/contract';

export type SendableKind = MethodRequest<'messages.sendMedia'>['kind'];

export const MAX_FILE_BYTES = MAX_MEDIA_BYTES;

export interface FileLike {
  name: string;
  type: string;
  size: number;
}

export type FileVerdict = { ok: true; kind: SendableKind; mime: string; fileName: string } | { ok: false; reason: 'tooLarge' | 'empty' };

/** Photos WhatsApp shows inline; other image types (SVG, TIFF, HEIC…) travel as documents. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** image/* → image, audio/* → audio, video/* → video, anything else → document. */
export function kindOfFile(mime: string): SendableKind {
  const type = mime.toLowerCase();
  if (INLINE_IMAGES.has(type)) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'document';
}

export function fitsSizeLimit(size: number): boolean {
  return size <= MAX_FILE_BYTES && 4 * Math.ceil(size / 3) <= MAX_MEDIA_BASE64;
}

/** What the composer sends for a picked or dropped file, or why it refuses it. */
export function classifyFile(file: FileLike): FileVerdict {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (!fitsSizeLimit(file.size)) return { ok: false, reason: 'tooLarge' };
  // Browsers leave the type empty for extensions they do not know.
  const mime = file.type.trim().length >= 3 ? file.type.trim() : 'application/octet-stream';
  return { ok: true, kind: kindOfFile(mime), mime, fileName: shortenFileName(file.name.trim() || 'file') };
}

/** The contract allows 255 characters; keep the extension when cutting. */
export function shortenFileName(name: string, max = 255): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return name.slice(0, max - ext.length) + ext;
}

/** "1.2 MB", "340 KB", "12 B" — decimal units, as WhatsApp shows them. */
export function formatFileSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
