import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openDatabase, type Db } from '../db/open-database';
import { toOrm, type Orm } from '../db/orm';
import { tempDir } from './temp-dir';

export interface TestDatabase {
  db: Db;
  orm: Orm;
  path: string;
}

/** A real, migrated SQLite file in a temp folder, closed when the current test ends. */
export function openTestDatabase(): TestDatabase {
  const path = join(tempDir('mostrador-db-'), 'mostrador.sqlite');
  const db = openDatabase(path);
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return { db, orm: toOrm(db), path };
}

/** Inserts an account row, which auth, chats and messages reference. */
export function addAccount(db: Db, id: string, kind: 'practice' | 'whatsapp' = 'whatsapp'): string {
  db.prepare('INSERT INTO accounts (id, kind, label, color, created_at) VALUES (?, ?, ?, ?, ?)').run(id, kind, `Cuenta ${id}`, '#25a244', 1);
  return id;
}
