import type { EventBatch, EventItem, EventTopic } from '../../../shared/contract';
import { createEventBus } from '../events/event-bus';
import { createInboxIngest } from '../inbox/inbox-ingest';
import { findMessage, messagesToDtos } from '../inbox/message-store';
import { silentLogger } from './silent-logger';
import { addAccount, openTestDatabase } from './test-database';

export interface ChatRowView {
  id: number;
  accountId: string;
  jid: string;
  pnJid: string | null;
  lidJid: string | null;
  name: string | null;
  lastMessageAt: number | null;
  lastMessagePreview: string | null;
  unreadCount: number;
}

export interface MessageRowView {
  id: number;
  chatId: number;
  waId: string;
  type: string;
  text: string | null;
  timestamp: number;
}

/**
 * The inbox ingest over a real migrated SQLite file with one account, its events collected, and
 * plain views of what landed in the tables. `now` is fixed unless the test moves it.
 */
export function openInboxHarness(accountId = 'acc-1') {
  const { db, orm } = openTestDatabase();
  addAccount(db, accountId);
  const bus = createEventBus();
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const clock = { now: 1_700_000_000_000 };
  const ingest = createInboxIngest({ orm, bus, logger: silentLogger(), now: () => clock.now });
  const chatColumns =
    'id, account_id AS accountId, jid, pn_jid AS pnJid, lid_jid AS lidJid, name, last_message_at AS lastMessageAt, last_message_preview AS lastMessagePreview, unread_count AS unreadCount';
  return {
    db,
    orm,
    bus,
    ingest,
    clock,
    accountId,
    chats: () => db.prepare(`SELECT ${chatColumns} FROM chats ORDER BY id`).all() as ChatRowView[],
    chatByJid: (jid: string) => db.prepare(`SELECT ${chatColumns} FROM chats WHERE jid = ?`).get(jid) as ChatRowView | undefined,
    messages: () =>
      db.prepare('SELECT id, chat_id AS chatId, wa_id AS waId, type, text, timestamp FROM messages ORDER BY timestamp, id').all() as MessageRowView[],
    /** The message as the renderer gets it (reactions included), by its WhatsApp id. */
    dto: (waId: string) => {
      const row = findMessage(orm, accountId, waId);
      return row ? messagesToDtos(orm, [row])[0] : undefined;
    },
    contacts: () =>
      db.prepare('SELECT jid, pn_jid AS pnJid, lid_jid AS lidJid, name, notify FROM contacts ORDER BY jid').all() as {
        jid: string;
        pnJid: string | null;
        lidJid: string | null;
        name: string | null;
        notify: string | null;
      }[],
    /** Everything emitted on a topic so far, flushed out of the coalescing window. */
    emitted: <T extends EventTopic>(topic: T): EventItem<T>[] => {
      bus.flush();
      return batches.filter((b) => b.topic === topic).flatMap((b) => b.items as EventItem<T>[]);
    },
    clearEvents: () => {
      bus.flush();
      batches.length = 0;
    },
  };
}

export type InboxHarness = ReturnType<typeof openInboxHarness>;
