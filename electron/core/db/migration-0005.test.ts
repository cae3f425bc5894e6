import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migration 0005 (time-keyed message index, chat names index)', () => {
  it('indexes the messages and names already stored, newest first whatever order they were filed in', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, 5));
    db.prepare("INSERT INTO accounts (id, kind, label, color, created_at) VALUES ('a1', 'practice', 'Caja 1', '#25a244', 1)").run();
    db.prepare("INSERT INTO chats (id, account_id, jid, name) VALUES (7, 'a1', '5215512345678@s.whatsapp.net', NULL)").run();
    db.prepare("INSERT INTO contacts (account_id, jid, name, notify, updated_at) VALUES ('a1', '5215512345678@s.whatsapp.net', 'Panadería Sol', 'Ana', 1)").run();
    const insert = db.prepare(
      "INSERT INTO messages (id, account_id, chat_id, wa_id, from_me, type, text, timestamp, status, created_at) VALUES (?, 'a1', 7, ?, 0, 'text', ?, ?, 'received', 1)",
    );
    // Filed as history sync does: the older message gets the larger id.
    insert.run(1, 'NEW', 'pedido nuevo', 1_750_000_000_000);
    insert.run(2, 'OLD', 'pedido viejo', 1_700_000_000_000);

    applyMigrations(db);

    const newestFirst = db
      .prepare("SELECT rowid & 4294967295 AS id FROM messages_fts WHERE messages_fts MATCH 'pedido' ORDER BY rowid DESC")
      .pluck()
      .all();
    expect(newestFirst).toEqual([1, 2]);
    expect(db.prepare("SELECT rowid FROM chat_names_fts WHERE chat_names_fts MATCH 'panaderia'").pluck().all()).toEqual([7]);
    expect(db.prepare("SELECT rowid FROM chat_names_fts WHERE chat_names_fts MATCH 'ana'").pluck().all()).toEqual([7]);
    db.close();
  });
});
