import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toOrm } from './orm';
import { tempDir } from '../testing/temp-dir';
import { createResponseTracker } from '../stats/response-tracker';
import { applyMigrations } from './migrate';
import { migrations } from './migrations.generated';

describe('migrations 0006–0007 (stats rollups)', () => {
  it('fills the rollups from the messages already stored and marks every chat for response times', () => {
    const db = new Database(join(tempDir('mostrador-mig-'), 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.slice(0, 6));
    db.prepare("INSERT INTO accounts (id, kind, label, color, created_at) VALUES ('a1', 'practice', 'Caja 1', '#25a244', 1)").run();
    db.prepare("INSERT INTO chats (id, account_id, jid) VALUES (7, 'a1', '5215512345678@s.whatsapp.net')").run();
    const insert = db.prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status, created_at) VALUES ('a1', 7, ?, ?, 'text', 'x', ?, 'received', 1)");
    const hour = 490_000;
    insert.run('Q', 0, hour * 3_600_000 + 60_000);
    insert.run('A', 1, hour * 3_600_000 + 300_000);
    insert.run('Q2', 0, (hour + 1) * 3_600_000);

    applyMigrations(db);

    expect(db.prepare('SELECT hour, received, sent FROM stats_hourly ORDER BY hour').all()).toEqual([
      { hour, received: 1, sent: 1 },
      { hour: hour + 1, received: 1, sent: 0 },
    ]);
    expect(db.prepare('SELECT first_message_at AS first, last_received_at AS last, dirty_since AS dirty FROM chat_stats').get()).toEqual({
      first: hour * 3_600_000 + 60_000,
      last: (hour + 1) * 3_600_000,
      dirty: hour * 3_600_000 + 60_000,
    });
    createResponseTracker(toOrm(db)).processBatch();
    expect(db.prepare('SELECT answered_at - asked_at AS ms, by FROM responses').all()).toEqual([{ ms: 240_000, by: 'person' }]);
    db.close();
  });
});
