import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migration 0008 (AI assistant)', () => {
  it('keeps the inbox written before it and adds the assistant tables, which go with their account and chat', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    const before = migrations.findIndex((m) => m.tag.endsWith('_assistant'));
    applyMigrations(db, migrations.slice(0, before));
    db.prepare("INSERT INTO accounts (id, kind, label, color, created_at) VALUES ('a1', 'practice', 'Caja 1', '#25a244', 1)").run();
    const chatId = db.prepare("INSERT INTO chats (account_id, jid, name) VALUES ('a1', '5215512345678@s.whatsapp.net', 'Ana') RETURNING id").pluck().get() as number;

    applyMigrations(db);

    expect(db.prepare('SELECT name FROM chats').pluck().get()).toBe('Ana');
    db.prepare("INSERT INTO assistant_settings (account_id, updated_at) VALUES ('a1', 1)").run();
    expect(db.prepare('SELECT settings, api_key_sealed AS key, problem FROM assistant_settings').get()).toEqual({ settings: '{}', key: null, problem: null });
    db.prepare("INSERT INTO assistant_chats (chat_id, account_id, handler, updated_at) VALUES (?, 'a1', 'person', 1)").run(chatId);
    expect(db.prepare('SELECT last_handled_message_id FROM assistant_chats').pluck().get()).toBe(0);
    db.prepare("INSERT INTO assistant_runs (account_id, chat_id, at, outcome) VALUES ('a1', ?, 1, 'replied')").run(chatId);
    db.prepare("INSERT INTO assistant_daily (account_id, day, answers) VALUES ('a1', '2026-11-23', 1)").run();

    db.prepare('DELETE FROM chats WHERE id = ?').run(chatId);
    expect(db.prepare('SELECT count(*) FROM assistant_chats').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM assistant_runs').pluck().get()).toBe(0);
    db.prepare("DELETE FROM accounts WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) FROM assistant_settings').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM assistant_daily').pluck().get()).toBe(0);
    db.close();
  });
});
