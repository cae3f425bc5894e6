import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';

interface Dirty {
  chatId: number;
  accountId: string;
  since: number;
}
interface Anchor {
  timestamp: number;
  id: number;
}
interface Step {
  id: number;
  fromMe: number;
  timestamp: number;
  sentBy: 'assistant' | 'campaign' | null;
}

// A campaign message is not an answer and does not end the customer's wait.
const ANSWER = "from_me = 1 AND (sent_by IS NULL OR sent_by = 'assistant')";
const DIRTY_SQL = 'SELECT chat_id AS chatId, account_id AS accountId, dirty_since AS since FROM chat_stats WHERE dirty_since IS NOT NULL LIMIT ?';
const ANCHOR_SQL = `SELECT timestamp, id FROM messages WHERE chat_id = ? AND ${ANSWER} AND timestamp < ? ORDER BY timestamp DESC, id DESC LIMIT 1`;
const FORGET_AFTER_SQL = 'DELETE FROM responses WHERE chat_id = ? AND (answered_at, message_id) > (?, ?)';
const WALK_SQL = `SELECT id, from_me AS fromMe, timestamp, sent_by AS sentBy FROM messages
  WHERE chat_id = ? AND (timestamp, id) > (?, ?) ORDER BY timestamp, id`;
const INSERT_SQL = 'INSERT INTO responses (chat_id, account_id, asked_at, answered_at, message_id, by) VALUES (?, ?, ?, ?, ?, ?)';
const CLEAN_SQL = 'UPDATE chat_stats SET dirty_since = NULL WHERE chat_id = ?';
const ANY_DIRTY_SQL = 'SELECT 1 FROM chat_stats WHERE dirty_since IS NOT NULL LIMIT 1';
const PENDING_SQL = 'SELECT count(*) FROM chat_stats WHERE dirty_since IS NOT NULL';

/**
 * Response times ("the customer wrote at asked, we first answered at answered") kept in the
 * `responses` table. Triggers mark a chat dirty from the earliest message that changed; this
 * recomputes each dirty chat from our last answer before that point, so history filed in any order,
 * edits of who sent a message and deletions all end with the same table a full recount would give.
 */
export function createResponseTracker(orm: Orm) {
  const db = orm.$client;

  const recompute = (chat: Dirty) => {
    // Everything up to our last answer before the change is settled: the walk starts after it, not waiting.
    const anchor = prepared<[number, number], Anchor>(db, ANCHOR_SQL).get(chat.chatId, chat.since) ?? { timestamp: Number.MIN_SAFE_INTEGER, id: 0 };
    prepared(db, FORGET_AFTER_SQL).run(chat.chatId, anchor.timestamp, anchor.id);
    const insert = prepared(db, INSERT_SQL);
    let waitingSince: number | null = null;
    // all(), not iterate(): the connection cannot run the inserts while a statement is open.
    for (const step of prepared<[number, number, number], Step>(db, WALK_SQL).all(chat.chatId, anchor.timestamp, anchor.id)) {
      if (step.fromMe === 0) {
        waitingSince ??= step.timestamp;
      } else if (step.sentBy !== 'campaign' && waitingSince !== null) {
        insert.run(chat.chatId, chat.accountId, waitingSince, step.timestamp, step.id, step.sentBy === 'assistant' ? 'assistant' : 'person');
        waitingSince = null;
      }
    }
    prepared(db, CLEAN_SQL).run(chat.chatId);
  };

  const batch = db.transaction((maxChats: number) => {
    const dirty = prepared<[number], Dirty>(db, DIRTY_SQL).all(maxChats);
    for (const chat of dirty) recompute(chat);
    return dirty.length;
  });

  return {
    /** Recomputes up to `maxChats` dirty chats in one transaction; answers how many it did. */
    // Checked outside a transaction first: the idle tick must not take the write lock every 2 s.
    processBatch: (maxChats = 200): number => (prepared(db, ANY_DIRTY_SQL).get() ? batch.immediate(maxChats) : 0),
    /** Chats whose response times are not computed yet (history being imported, or just written). */
    pending: (): number => prepared(db, PENDING_SQL).pluck().get() as number,
  };
}

export type ResponseTracker = ReturnType<typeof createResponseTracker>;

/**
 * Keeps the tracker caught up in the background: a batch every `intervalMs` while chats are dirty,
 * one batch per turn of the event loop so the inbox never waits behind a history import.
 */
export function startResponseTracking(tracker: ResponseTracker, { intervalMs = 2000, maxChats = 200 } = {}) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const drain = () => {
    if (stopped) return;
    if (tracker.processBatch(maxChats) === maxChats) setImmediate(drain);
  };
  timer = setInterval(drain, intervalMs);
  timer.unref();
  setImmediate(drain);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
    },
  };
}
