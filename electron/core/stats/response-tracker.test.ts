import { describe, expect, it } from 'vitest';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { waitFor } from '../testing/wait-for';
import { createResponseTracker, startResponseTracking } from './response-tracker';

describe('background response tracking', () => {
  it('catches up in batches on its own and stops when asked', async () => {
    const { db, orm } = openTestDatabase();
    addAccount(db, 'a1');
    const insertChat = db.prepare("INSERT INTO chats (account_id, jid) VALUES ('a1', ?)");
    const say = db.prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES ('a1', ?, ?, ?, 'text', 'x', ?, 'received')");
    for (let c = 0; c < 25; c++) {
      const chatId = Number(insertChat.run(`c${c}@s.whatsapp.net`).lastInsertRowid);
      say.run(chatId, `Q${c}`, 0, 1_000);
      say.run(chatId, `A${c}`, 1, 61_000);
    }
    const tracker = createResponseTracker(orm);
    expect(tracker.pending()).toBe(25);

    const tracking = startResponseTracking(tracker, { intervalMs: 20, maxChats: 10 });
    await waitFor(() => tracker.pending() === 0, { what: 'every chat computed' });
    expect(db.prepare('SELECT count(*) AS n, min(answered_at - asked_at) AS fastest FROM responses').get()).toEqual({ n: 25, fastest: 60_000 });

    tracking.stop();
    say.run(1, 'Q-late', 0, 100_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(tracker.pending()).toBe(1);
  });
});
