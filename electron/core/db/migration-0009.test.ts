import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migration 0009 (campaigns, recipients, suppression list)', () => {
  it('keeps inbox rows written by 0004 and adds campaigns that follow their messages', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, migrations.findIndex((m) => m.tag.endsWith('_campaigns'))));
    db.prepare("INSERT INTO accounts (id, kind, label, color, created_at) VALUES ('a1', 'practice', 'Caja 1', '#25a244', 1)").run();
    db.prepare("INSERT INTO chats (account_id, jid) VALUES ('a1', '5215512345678@s.whatsapp.net')").run();
    db.prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES ('a1', 1, 'W1', 1, 'text', 'Hola', 1, 'sent')").run();

    applyMigrations(db);

    expect(db.prepare('SELECT text FROM messages').pluck().get()).toBe('Hola');
    db.prepare("INSERT INTO campaigns (name, status, template, pacing, window, start_at, created_at) VALUES ('Promo', 'running', 'Hola', '{}', '{}', 1, 1)").run();
    db.prepare("INSERT INTO campaign_accounts (campaign_id, account_id) VALUES (1, 'a1')").run();
    db.prepare("INSERT INTO campaign_recipients (campaign_id, account_id, phone, state, message_id, queued_at) VALUES (1, 'a1', '5215512345678', 'sent', 1, 1)").run();
    db.prepare("INSERT INTO suppressions (phone, source, created_at) VALUES ('5215512345678', 'keyword', 1)").run();
    expect(() => db.prepare("INSERT INTO suppressions (phone, source, created_at) VALUES ('5215512345678', 'manual', 2)").run()).toThrow(/UNIQUE/);
    // Deleting the conversation keeps the recipient (its message id becomes null), deleting the campaign removes it.
    db.prepare('DELETE FROM chats').run();
    expect(db.prepare('SELECT message_id FROM campaign_recipients').pluck().get()).toBeNull();
    db.prepare('DELETE FROM campaigns').run();
    expect(db.prepare('SELECT count(*) FROM campaign_recipients').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM campaign_accounts').pluck().get()).toBe(0);
    db.close();
  });
});
