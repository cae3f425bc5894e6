import Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { DatabaseOpenError, openDatabase } from './open-database';
import { migrations } from './migrations.generated';
import * as schema from './schema';

const dbPath = () => join(tempDir('mostrador-open-'), 'mostrador.sqlite');

const openError = (open: () => unknown): DatabaseOpenError => {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError);
    return error as DatabaseOpenError;
  }
  throw new Error('the database opened');
};

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value: unknown): value is SQLiteTable => value instanceof SQLiteTable)
  .map((table) => getTableConfig(table).name);

describe('openDatabase', () => {
  it('creates a fresh file in WAL mode with foreign keys on and every table of the schema', () => {
    const db = openDatabase(dbPath());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      expect(schemaTables.length).toBeGreaterThan(0);
      expect(tables).toEqual(expect.arrayContaining([...schemaTables, 'schema_migrations']));
    } finally {
      db.close();
    }
  });

  it('does not re-apply migrations when opened a second time', () => {
    const path = dbPath();
    const first = openDatabase(path);
    const appliedBefore = first.prepare('SELECT tag, applied_at FROM schema_migrations ORDER BY tag').all();
    first.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    first.close();

    const second = openDatabase(path);
    try {
      expect(second.prepare('SELECT tag, applied_at FROM schema_migrations ORDER BY tag').all()).toEqual(appliedBefore);
      expect(appliedBefore.map((r) => (r as { tag: string }).tag)).toEqual(migrations.map((m) => m.tag));
      expect(second.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('"dark"');
    } finally {
      second.close();
    }
  });

  it('refuses a file of garbage as corrupt and leaves its bytes unchanged', () => {
    const path = dbPath();
    const garbage = randomBytes(8192);
    writeFileSync(path, garbage);

    const error = openError(() => openDatabase(path));

    expect(error.reason).toBe('corrupt');
    expect(error.path).toBe(path);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses a database holding a migration this app does not know as too_new, and keeps it', () => {
    const path = dbPath();
    const db = openDatabase(path);
    db.prepare('INSERT INTO schema_migrations (tag, hash, applied_at) VALUES (?, ?, ?)').run('9999_from_the_future', 'x', 1);
    db.close();

    const error = openError(() => openDatabase(path));

    expect(error.reason).toBe('too_new');
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM schema_migrations WHERE tag = ?').pluck().get('9999_from_the_future')).toBe(1);
    check.close();
  });

  it('reports a file another connection holds in an exclusive write transaction as locked, losing nothing', () => {
    const path = dbPath();
    // A file another program created (rollback journal) and is writing: opening must wait, then give up.
    const other = new Database(path);
    other.exec('CREATE TABLE precious (value TEXT)');
    other.exec('BEGIN EXCLUSIVE');
    other.prepare('INSERT INTO precious VALUES (?)').run('keep me');

    const error = openError(() => openDatabase(path, { busyTimeoutMs: 100 }));

    expect(error.reason).toBe('locked');
    other.exec('COMMIT');
    other.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT value FROM precious').pluck().all()).toEqual(['keep me']);
    } finally {
      db.close();
    }
  });

  it('reports a WAL file held with an exclusive locking mode as locked, losing nothing', () => {
    const path = dbPath();
    openDatabase(path).close();
    const other = new Database(path);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    other.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"es"');

    const error = openError(() => openDatabase(path, { busyTimeoutMs: 100 }));

    expect(error.reason).toBe('locked');
    other.exec('COMMIT');
    other.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('"es"');
    } finally {
      db.close();
    }
  });
});
