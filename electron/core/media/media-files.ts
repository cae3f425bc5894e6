import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import { messages } from '../db/schema';

/** Files travel through the contract as base64 and are downloaded automatically up to this size. */
import { MAX_MEDIA_BYTES } from '../../../shared/contract';
export { MAX_MEDIA_BYTES };

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/wav': 'wav',
  'audio/webm': 'webm',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

/** A MIME type as `type/subtype` (parameters dropped, lower case), or null when it is not one. */
export function baseMime(mime: string | null | undefined): string | null {
  const base = mime?.split(';')[0]?.trim().toLowerCase();
  return base && /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(base) ? base : null;
}

/** The file extension for a stored file: from the MIME type, else the original name, else `bin`. */
export function extensionFor(mime: string | null | undefined, fileName?: string | null): string {
  const known = extensions[baseMime(mime) ?? ''];
  if (known) return known;
  const fromName = extname(fileName ?? '').slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(fromName) ? fromName : 'bin';
}

/** A file a person chose to send, checked: a MIME type that fits the kind, not empty, not too big. */
export function checkOutgoingFile(file: { kind: string; mime: string; dataBase64: string }): { mime: string; bytes: Buffer } {
  const mime = baseMime(file.mime);
  if (!mime) throw new AppError('BAD_REQUEST', `Not a MIME type: ${file.mime}`);
  if (file.kind !== 'document' && !mime.startsWith(`${file.kind}/`)) {
    throw new AppError('BAD_REQUEST', `A file of type ${mime} cannot be sent as ${file.kind}; send it as a document`);
  }
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty');
  if (bytes.length > MAX_MEDIA_BYTES) throw new AppError('BAD_REQUEST', `Files up to ${MAX_MEDIA_BYTES / 1024 / 1024} MB can be sent`);
  return { mime, bytes };
}

/** Files several messages share (a campaign's attachment) live here and are never deleted with one of them. */
const SHARED_MEDIA_FOLDER = 'campaigns';
export const sharedMediaDir = (dataDir: string) => mediaAccountDir(dataDir, SHARED_MEDIA_FOLDER);
export const isSharedMedia = (stored: string) => stored.startsWith(`media/${SHARED_MEDIA_FOLDER}/`);
/** A campaign's attachment: one file that every message of the campaign points to. */
export const campaignMediaPath = (campaignId: number, ext: string) => mediaRelativePath(SHARED_MEDIA_FOLDER, `campaign-${campaignId}.${ext}`);

/** Where an account's media lives, relative to the data folder, always with forward slashes. */
export function mediaRelativePath(accountId: string, fileName: string): string {
  // Account ids are UUIDs; anything else would be a path we did not make.
  if (!/^[A-Za-z0-9_-]+$/.test(accountId) || !/^[A-Za-z0-9_.-]+$/.test(fileName) || fileName.startsWith('.')) {
    throw new Error(`not a media file name: ${accountId}/${fileName}`);
  }
  return `media/${accountId}/${fileName}`;
}

export const mediaAccountDir = (dataDir: string, accountId: string) => join(dataDir, 'media', accountId);

/** The absolute path of a stored relative path, or null when it would leave `<dataDir>/media`. */
export function resolveMediaPath(dataDir: string, stored: string | null | undefined): string | null {
  if (!stored || stored.includes('\0') || isAbsolute(stored)) return null;
  const root = resolve(dataDir, 'media');
  const full = resolve(dataDir, ...stored.split('/'));
  return isInside(root, full) ? full : null;
}

const isInside = (root: string, candidate: string) => {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/** What a shell needs to serve one media file. */
export interface MediaFile {
  path: string;
  /** Safe to send as Content-Type. */
  mime: string;
  size: number;
  fileName: string | null;
  /** Pictures, audio and video show in the page; anything else (documents, odd types) downloads. */
  disposition: 'inline' | 'attachment';
}

const inlineKinds = new Set(['image', 'video', 'audio', 'voice', 'sticker']);

/** `inline` only for real image/audio/video types that cannot carry script (SVG can). */
export function dispositionFor(kind: string | null, mime: string | null): 'inline' | 'attachment' {
  const base = baseMime(mime);
  if (!kind || !inlineKinds.has(kind) || !base || base === 'image/svg+xml') return 'attachment';
  return /^(image|audio|video)\//.test(base) ? 'inline' : 'attachment';
}

/**
 * The downloaded (or sent) file of a message, when it is ready and still on disk. The path comes
 * from the database and must resolve, symlinks followed, inside `<dataDir>/media`.
 */
export function openMedia(orm: Orm, dataDir: string, messageId: number): MediaFile | null {
  if (!Number.isSafeInteger(messageId) || messageId <= 0) return null;
  const row = orm
    .select({ kind: messages.mediaKind, mime: messages.mediaMime, fileName: messages.mediaFileName, state: messages.mediaState, path: messages.mediaPath })
    .from(messages)
    .where(eq(messages.id, messageId))
    .get();
  if (!row || row.state !== 'ready') return null;
  const full = resolveMediaPath(dataDir, row.path);
  if (!full) return null;
  try {
    const real = realpathSync(full);
    const root = realpathSync(resolve(dataDir, 'media'));
    if (!isInside(root, real)) return null;
    const stat = statSync(real);
    if (!stat.isFile()) return null;
    return {
      path: real,
      mime: baseMime(row.mime) ?? 'application/octet-stream',
      size: stat.size,
      fileName: row.fileName,
      disposition: dispositionFor(row.kind, row.mime),
    };
  } catch {
    return null;
  }
}
