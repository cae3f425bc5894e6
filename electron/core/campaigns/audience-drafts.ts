import { LRUCache } from 'lru-cache';
import type { PhoneReading } from './audience';
import type { ParsedAudienceFile } from './audience-file';

export interface AudienceDraft {
  fileName: string;
  file: ParsedAudienceFile;
  /** Numbers already read, per default country: creating right after checking does not read them twice. */
  readings: Map<string, Map<string, PhoneReading>>;
}

/**
 * What the parsed files on the mapping screen may hold in memory together, in estimated heap
 * bytes: a 16 MB file (the contract's limit) of ordinary rows is about 73 MB of strings, so two
 * big files fit. A file read past this pushes the oldest drafts out.
 */
export const DRAFTS_MAX_BYTES = 160 * 1024 * 1024;
/** A draft nobody touched for this long is dropped: a person who left the screen comes back to "choose it again". */
export const DRAFT_TTL_MS = 10 * 60 * 1000;

/**
 * Heap a parsed file takes, within a few percent of what V8 reports: each cell is a string
 * (header ≈ 32 bytes, two per character) and each row an array (≈ 64 bytes). Readings added later
 * are about one more cell per row, reserved here.
 */
export function estimatedDraftBytes(file: ParsedAudienceFile): number {
  let bytes = 0;
  for (const row of file.rows) {
    bytes += 64 + 96;
    for (const cell of row) bytes += 32 + cell.length * 2;
  }
  return bytes;
}

/** The files read for campaign audiences, bounded by estimated bytes and a time to live. */
export function createAudienceDrafts(options: { maxBytes?: number; ttlMs?: number; now?: () => number } = {}) {
  const maxSize = options.maxBytes ?? DRAFTS_MAX_BYTES;
  return new LRUCache<string, AudienceDraft>({
    maxSize,
    // A file bigger than the whole budget (a million one-column rows) is still kept, alone.
    sizeCalculation: (draft) => Math.min(maxSize, Math.max(1, estimatedDraftBytes(draft.file))),
    ttl: options.ttlMs ?? DRAFT_TTL_MS,
    // Using a draft (checking, creating) keeps it; an expired one is freed by a timer, not only when looked up.
    updateAgeOnGet: true,
    ttlAutopurge: true,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
}
