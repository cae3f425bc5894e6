import { BufferJSON } from '@whiskeysockets/baileys';
import type { EventBatch } from '../wire-socket';

/**
 * How a recorded case is kept on disk: the event batches a real Baileys socket emitted, as JSON.
 * Bytes go through Baileys' own BufferJSON; protobuf objects become the plain objects they carry
 * (Longs as numbers, enums as their numbers, as the protos hold them); Dates are tagged so they
 * come back as Dates.
 */
export interface CorpusFile {
  /** The Baileys version that emitted these batches. */
  baileys: string;
  case: string;
  /** What the case is, in a sentence. */
  about: string;
  /** The stanzas' clock: every time in the batches is relative to it (see `shiftTimes`). */
  baseSeconds: number;
  batches: EventBatch[];
}

const isLong = (v: object): v is { toNumber(): number } =>
  'low' in v && 'high' in v && 'unsigned' in v && typeof (v as { toNumber?: unknown }).toNumber === 'function';

/** Own fields only: a protobuf object keeps its unset defaults on the prototype, and they are not part of the event. */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (value instanceof Date) return { $date: value.toISOString() };
  if (isLong(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  const plain: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) plain[key] = toPlain(field);
  return plain;
}

export const encodeCorpus = (file: CorpusFile) => `${JSON.stringify(toPlain(file), BufferJSON.replacer, 1)}\n`;

export function decodeCorpus(text: string): CorpusFile {
  return JSON.parse(text, (key, value: unknown) => {
    if (value && typeof value === 'object' && '$date' in value) return new Date((value as { $date: string }).$date);
    return BufferJSON.reviver(key, value);
  }) as CorpusFile;
}

// Every time a batch can carry, in seconds, except a call's Date.
const SECOND_FIELDS = new Set(['messageTimestamp', 'conversationTimestamp', 'receiptTimestamp', 'readTimestamp', 'playedTimestamp', 'lastMsgTimestamp']);

/**
 * The batches as if recorded `deltaSeconds` later: replayed "now", a case is as fresh as when it
 * was recorded (the assistant answers only messages less than a day old).
 */
export function shiftTimes<T>(value: T, deltaSeconds: number): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (v instanceof Date) return new Date(v.getTime() + deltaSeconds * 1000);
    if (typeof v === 'number' && key && SECOND_FIELDS.has(key)) return v + deltaSeconds;
    if (key === 'timestampMs' && typeof v === 'number') return v + deltaSeconds * 1000;
    if (Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
  };
  return walk(value) as T;
}
