import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../../shared/contract';
import { accountDto } from '../../../shared/testing/dto-fixtures';
import { createResponseTracker } from '../stats/response-tracker';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { createObservability } from './observability';

function setup() {
  const { db, orm, path } = openTestDatabase();
  addAccount(db, 'a1');
  const accounts: AccountDto[] = [accountDto({ id: 'a1', label: 'Caja 1', state: 'connected', phone: '5215512345678', pushName: 'Panadería' })];
  const observability = createObservability({ orm, listAccounts: () => accounts, responseTracker: createResponseTracker(orm), databasePath: path, version: '9.9.9', mode: 'headless' });
  return { db, observability };
}

describe('observability', () => {
  it('reports accounts with their states, the database and the version, and nothing personal', () => {
    const { observability } = setup();
    const report = observability.health();
    expect(report).toMatchObject({ status: 'ok', version: '9.9.9', mode: 'headless', database: { ok: true }, outboxWaiting: 0 });
    expect(report.database.sizeBytes).toBeGreaterThan(0);
    expect(report.accounts).toEqual([{ id: 'a1', kind: 'practice', state: 'connected' }]);
    // What the README promises: no label, number or name anywhere in the report.
    for (const secretish of ['Caja 1', '5215512345678', 'Panadería']) expect(JSON.stringify(report)).not.toContain(secretish);
    expect(JSON.stringify(report)).not.toMatch(/5215512345678|Panader/);
  });

  it('says the database is failing instead of throwing', () => {
    const { db, observability } = setup();
    db.close();
    expect(observability.health()).toMatchObject({ status: 'failing', database: { ok: false, error: expect.any(String) } });
  });

  it('exposes the store in Prometheus text format', async () => {
    const { db, observability } = setup();
    db.prepare("INSERT INTO chats (id, account_id, jid) VALUES (1, 'a1', 'ana@s.whatsapp.net')").run();
    const insert = db.prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES ('a1', 1, ?, ?, 'text', 'x', ?, 'received')");
    insert.run('M1', 0, 1_700_000_000_000);
    insert.run('M2', 0, 1_700_000_060_000);
    insert.run('M3', 1, 1_700_000_120_000);
    const { contentType, body } = await observability.metrics();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('mostrador_messages_stored{direction="received"} 2');
    expect(body).toContain('mostrador_messages_stored{direction="sent"} 1');
    expect(body).toContain('mostrador_account_state{account="a1",state="connected"} 1');
    for (const secret of ['Caja 1', '5215512345678', 'Panadería']) expect(body).not.toContain(secret);
    expect(body).toContain('mostrador_last_received_timestamp_seconds 1700000060');
    expect(body).toContain('mostrador_stats_pending_conversations 1');
    expect(body).toContain('mostrador_campaigns_running 0');
    expect(body).toMatch(/mostrador_process_resident_memory_bytes \d+/);
  });
});
