import type Database from 'better-sqlite3';
import { migrations as compiled, type CompiledMigration } from './migrations.generated';

/**
 * Applies the compiled drizzle-kit migrations that this file has not seen yet, each in its own
 * transaction. `BEGIN IMMEDIATE` takes the write lock first, so two processes never migrate at once.
 */
export function applyMigrations(db: Database.Database, migrations: CompiledMigration[] = compiled): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    tag TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT tag FROM schema_migrations').all() as { tag: string }[]).map((r) => r.tag),
  );
  const known = new Set(migrations.map((m) => m.tag));
  const unknown = [...applied].filter((tag) => !known.has(tag));
  if (unknown.length > 0) throw new Error(`database is newer than this app (migration ${unknown[0]})`);

  const record = db.prepare('INSERT INTO schema_migrations (tag, hash, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.tag)) continue;
    db.transaction(() => {
      for (const statement of migration.statements) db.exec(statement);
      record.run(migration.tag, migration.hash, Date.now());
    }).immediate();
  }
}
