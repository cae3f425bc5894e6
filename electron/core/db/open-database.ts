import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './migrate';

export type DatabaseOpenFailure = 'corrupt' | 'locked' | 'unreadable' | 'too_new';

/** A database that cannot be opened. Carries a message a person can act on; the file is left untouched. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: DatabaseOpenFailure,
    readonly path: string,
    cause: unknown,
    /** A more precise sentence than the reason's usual one (e.g. which process holds the lock). */
    message = describe(reason, path),
  ) {
    super(message, { cause });
    this.name = 'DatabaseOpenError';
  }
}

function describe(reason: DatabaseOpenFailure, path: string): string {
  switch (reason) {
    case 'corrupt':
      return `The Mostrador database at ${path} is damaged and cannot be read. It has not been changed or deleted. Restore a backup or move the file away to start empty.`;
    case 'locked':
      return `The Mostrador database at ${path} is in use by another program (is Mostrador already running?). Close it and try again.`;
    case 'too_new':
      return `The Mostrador database at ${path} was written by a newer version of Mostrador. Update the app to open it.`;
    default:
      return `The Mostrador database at ${path} cannot be opened (check the folder's permissions and free disk space).`;
  }
}

function classify(error: unknown): DatabaseOpenFailure {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  return 'unreadable';
}

export type Db = Database.Database;

/**
 * Opens (or creates) the workstation's SQLite file: WAL, foreign keys on, migrations applied.
 * `busyTimeoutMs` bounds how long we wait for another process before calling the file locked.
 */
export function openDatabase(path: string, { busyTimeoutMs = 3000 } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 64 MiB of page cache instead of SQLite's 2 MiB: at a million messages the pages of the chats
    // and messages an agent keeps opening stay in memory (a page of 50 rows read from the OS cache
    // costs 1–2 ms in system calls, from SQLite's cache about 0.3 ms).
    db.pragma('cache_size = -65536');
    // Reading the schema is what first touches the file's pages: a damaged file fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (db.pragma('quick_check', { simple: true }) !== 'ok') {
      throw Object.assign(new Error('quick_check failed'), { code: 'SQLITE_CORRUPT' });
    }
    applyMigrations(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseOpenError) throw error;
    if ((error as Error).message?.startsWith('database is newer')) throw new DatabaseOpenError('too_new', path, error);
    throw new DatabaseOpenError(classify(error), path, error);
  }
}
