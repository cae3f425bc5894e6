import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccountSettings } from '../accounts/account-store';
import { defaultAccountSettings } from '../../../shared/contract';
import { tempDir } from '../testing/temp-dir';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migration 0001 (account settings, removal, contacts)', () => {
  it('keeps accounts written by 0000 and gives them default settings', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO accounts (id, kind, label, color, phone, push_name, created_at) VALUES ('a1', 'practice', 'Caja 1', '#25a244', '15550001111', 'Espiga', 1)").run();
    db.prepare("INSERT INTO chats (account_id, jid, name, unread_count) VALUES ('a1', '5215512345678@s.whatsapp.net', 'Ana', 2)").run();

    applyMigrations(db);

    const account = db.prepare("SELECT label, phone, avatar, settings, removed_at AS removedAt FROM accounts WHERE id = 'a1'").get() as Record<string, unknown>;
    expect(account).toEqual({ label: 'Caja 1', phone: '15550001111', avatar: null, settings: '{}', removedAt: null });
    expect(parseAccountSettings(account.settings as string)).toEqual(defaultAccountSettings);
    expect(db.prepare('SELECT name, unread_count AS unread FROM chats').get()).toEqual({ name: 'Ana', unread: 2 });
    db.prepare("INSERT INTO contacts (account_id, jid, lid_jid, updated_at) VALUES ('a1', '5215512345678@s.whatsapp.net', '204882711234567@lid', 1)").run();
    expect(db.prepare("SELECT count(*) FROM contacts WHERE lid_jid = '204882711234567@lid'").pluck().get()).toBe(1);
    db.close();
  });
});
