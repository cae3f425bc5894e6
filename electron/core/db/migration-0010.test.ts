import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncEventSchema } from '../../../shared/sync/protocol';
import { tempDir } from '../testing/temp-dir';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migration 0010 (central server sync)', () => {
  it('keeps the inbox, adds assignment, and records stored messages for the server only while sync is on', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    const before = migrations.findIndex((m) => m.tag.endsWith('_central_sync'));
    applyMigrations(db, migrations.slice(0, before));
    db.prepare("INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES ('a1', 'whatsapp', 'Caja 1', '#25a244', '5215500000000', 1)").run();
    const chatId = db.prepare("INSERT INTO chats (account_id, jid, name) VALUES ('a1', '5215512345678@s.whatsapp.net', 'Ana') RETURNING id").pluck().get() as number;

    applyMigrations(db);

    expect(db.prepare('SELECT name, assigned_to AS assignedTo FROM chats').get()).toEqual({ name: 'Ana', assignedTo: null });
    const insertMessage = db.prepare(
      "INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES ('a1', ?, ?, ?, 'text', 'hola', 1000, 'received')",
    );
    insertMessage.run(chatId, 'W1', 0);
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);

    db.prepare("INSERT INTO sync_config (id, url, workstation_id, token_sealed, agent_name) VALUES (1, 'http://x', 'w', x'00', 'Lucía')").run();
    insertMessage.run(chatId, 'W2', 0);
    insertMessage.run(chatId, 'W3', 1);
    const rows = db.prepare('SELECT event_id AS id, kind, lane, payload, occurred_at AS occurredAt FROM sync_outbox ORDER BY rowid').all() as {
      id: string;
      kind: string;
      lane: string;
      payload: string;
      occurredAt: number;
    }[];
    expect(rows.map((r) => r.lane)).toEqual(['normal', 'normal']);
    const events = rows.map((r) => syncEventSchema.parse({ ...r, payload: JSON.parse(r.payload) }));
    expect(events.map((e) => e.payload)).toEqual([
      { account: '5215500000000', jid: '5215512345678@s.whatsapp.net', waId: 'W2', direction: 'in', at: 1000, sentBy: null, agent: null },
      { account: '5215500000000', jid: '5215512345678@s.whatsapp.net', waId: 'W3', direction: 'out', at: 1000, sentBy: null, agent: 'Lucía' },
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    expect(Math.abs(rows[0]!.occurredAt - Date.now())).toBeLessThan(60_000);

    db.prepare('DELETE FROM chats WHERE id = ?').run(chatId);
    db.close();
  });
});
