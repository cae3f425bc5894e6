import { BufferJSON, type WAMessage } from '@whiskeysockets/baileys';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';

export interface SpooledUpsert {
  seq: number;
  type: 'notify' | 'append';
  messages: WAMessage[];
}

/**
 * Incoming messages between Baileys and the inbox. WhatsApp is acknowledged as soon as Baileys has
 * decrypted a message, so a failed database write (disk full, database busy) must not be the end of
 * it: every `messages.upsert` is appended here first, as Baileys' own JSON, and marked done once the
 * inbox stored it. What is not done is retried, and replayed after a restart; the inbox ignores a
 * message it already has (by WhatsApp id), so a replay stores each message once. The file is
 * emptied whenever nothing is pending, so it stays small. When even this append fails (the disk is
 * really full) the entry is kept in memory and written on the next try.
 */
export function openUpsertSpool(path: string | null, logger: Pick<Logger, 'warn' | 'error'>) {
  const pending: SpooledUpsert[] = [];
  /** Lines that could not be written yet, oldest first. */
  let unwritten: string[] = [];
  let seq = 0;

  const replacer = (key: string, value: unknown) => {
    // protobuf Longs (timestamps) would become {low, high}: keep them as numbers.
    if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function' && typeof (value as { low?: unknown }).low === 'number') {
      return (value as { toNumber(): number }).toNumber();
    }
    return BufferJSON.replacer(key, value);
  };

  if (path && existsSync(path)) {
    const done = new Set<number>();
    const entries: SpooledUpsert[] = [];
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const parsed = JSON.parse(line, BufferJSON.reviver) as SpooledUpsert | { done: number };
        if ('done' in parsed) done.add(parsed.done);
        else entries.push(parsed);
      } catch {
        // A line cut short by a crash mid-append: everything before it is whole.
        logger.warn({ path }, 'a torn line in the message spool was skipped');
      }
    }
    for (const entry of entries) if (!done.has(entry.seq)) pending.push(entry);
    seq = Math.max(0, ...entries.map((e) => e.seq));
  }

  const flush = (): boolean => {
    if (!path || unwritten.length === 0) return true;
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      appendFileSync(path, unwritten.join(''), { mode: 0o600 });
      unwritten = [];
      return true;
    } catch (error) {
      logger.error({ err: error, path }, 'the message spool cannot be written either; keeping messages in memory');
      return false;
    }
  };

  return {
    /** Keeps an upsert until `done`; written to disk at once when there is room. */
    add(messages: WAMessage[], type: 'notify' | 'append'): SpooledUpsert {
      const entry: SpooledUpsert = { seq: ++seq, type, messages };
      pending.push(entry);
      if (path) {
        let line: string;
        try {
          line = `${JSON.stringify(entry, replacer)}\n`;
        } catch (error) {
          logger.error({ err: error }, 'an incoming message could not be spooled; it is kept in memory');
          return entry;
        }
        unwritten.push(line);
        flush();
      }
      return entry;
    },
    done(entry: SpooledUpsert) {
      const at = pending.indexOf(entry);
      if (at >= 0) pending.splice(at, 1);
      if (!path) return;
      if (pending.length === 0) {
        unwritten = [];
        try {
          if (existsSync(path)) truncateSync(path, 0);
          return;
        } catch {
          // fall through: a done line does the same job
        }
      }
      unwritten.push(`${JSON.stringify({ done: entry.seq })}\n`);
      flush();
    },
    /** Upserts not yet stored, oldest first. */
    pending: (): readonly SpooledUpsert[] => pending,
  };
}

export type UpsertSpool = ReturnType<typeof openUpsertSpool>;
