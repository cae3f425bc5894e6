import { randomUUID } from 'node:crypto';
import type { EventBatch, EventItem, EventTopic, MethodName, MethodRequest, MethodResponse } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { AccountManager } from '../accounts/account-manager';
import type { Db } from '../db/open-database';
import { createEventBus } from '../events/event-bus';
import type { InboxIngest } from '../inbox/inbox-ingest';
import { createAgentToolHandlers } from '../services/agent-tool-handlers';
import { createConversationHandlers } from '../services/conversation-handlers';
import { createDispatcher, type Handlers } from '../services/dispatcher';
import type { HandlerDeps } from '../services/handler-deps';
import { silentLogger } from './silent-logger';
import { addAccount, openTestDatabase } from './test-database';

export interface ChatSeed {
  accountId?: string;
  jid: string;
  pnJid?: string | null;
  lidJid?: string | null;
  name?: string | null;
  /** null: a chat without messages. */
  lastMessageAt?: number | null;
  unreadCount?: number;
  status?: 'open' | 'pending' | 'resolved';
  pinnedAt?: number | null;
  archived?: boolean;
  mutedUntil?: number | null;
}

/** Inserts a chat row as the ingest would have left it; phone and LID columns follow the JID unless given. */
export function insertChat(db: Db, seed: ChatSeed): number {
  const pnJid = seed.pnJid !== undefined ? seed.pnJid : seed.jid.endsWith('@s.whatsapp.net') ? seed.jid : null;
  const lidJid = seed.lidJid !== undefined ? seed.lidJid : seed.jid.endsWith('@lid') ? seed.jid : null;
  const lastMessageAt = seed.lastMessageAt === undefined ? 1_700_000_000_000 : seed.lastMessageAt;
  return Number(
    db
      .prepare(
        `INSERT INTO chats (account_id, jid, pn_jid, lid_jid, name, last_message_at, last_message_preview, unread_count, status, pinned_at, archived, muted_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        seed.accountId ?? 'acc-1',
        seed.jid,
        pnJid,
        lidJid,
        seed.name ?? null,
        lastMessageAt,
        lastMessageAt === null ? null : 'hola',
        seed.unreadCount ?? 0,
        seed.status ?? 'open',
        seed.pinnedAt ?? null,
        seed.archived ? 1 : 0,
        seed.mutedUntil ?? null,
      ).lastInsertRowid,
  );
}

/** Inserts a bare text message into a chat (the chat's summary columns are left as they are). */
export function insertChatMessage(db: Db, chatId: number, message: { fromMe: boolean; timestamp: number }): void {
  const { accountId } = db.prepare('SELECT account_id AS accountId FROM chats WHERE id = ?').get(chatId) as { accountId: string };
  db.prepare(`INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES (?, ?, ?, ?, 'text', 'x', ?, ?)`).run(
    accountId,
    chatId,
    `W-${randomUUID()}`,
    message.fromMe ? 1 : 0,
    message.timestamp,
    message.fromMe ? 'sent' : 'received',
  );
}

export const phoneJid = (digits: string) => `${digits}@s.whatsapp.net`;
export const lidJid = (digits: string) => `${digits}@lid`;

type CallResult<M extends MethodName> = { ok: true; value: MethodResponse<M> } | { ok: false; error: ErrorInfo };

/**
 * The conversation and agent-tool handlers over a real SQLite file, called through the real
 * dispatcher (request parsing, response checking), with their events collected. Accounts
 * `acc-1` and `acc-2` exist; time is `clock.now` and moves only when the test moves it.
 */
export function openAgentToolsHarness() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  addAccount(db, 'acc-2');
  const bus = createEventBus();
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const clock = { now: 1_700_000_000_000 };
  const deps: HandlerDeps = {
    orm,
    bus,
    accounts: { sendReadReceipts: () => undefined } as unknown as AccountManager,
    ingest: {} as InboxIngest,
    dataDir: '',
    info: { version: 'test', mode: 'headless', dataDir: '' },
  };
  const handlers = { ...createConversationHandlers(deps), ...createAgentToolHandlers(deps, { now: () => clock.now }) } as Handlers;
  const dispatch = createDispatcher(handlers, { validateResponses: true, logger: silentLogger() });

  const call = async <M extends MethodName>(method: M, request: MethodRequest<M>) => (await dispatch(method, request)) as CallResult<M>;
  /** The response of a call that must succeed. */
  const value = async <M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };

  return {
    db,
    orm,
    bus,
    clock,
    call,
    value,
    chat: (seed: ChatSeed) => insertChat(db, seed),
    /** Everything emitted on a topic so far (flushed twice, so what a listener emitted in reply is in too). */
    emitted: <T extends EventTopic>(topic: T): EventItem<T>[] => {
      bus.flush();
      bus.flush();
      return batches.filter((b) => b.topic === topic).flatMap((b) => b.items as EventItem<T>[]);
    },
    clearEvents: () => {
      bus.flush();
      bus.flush();
      batches.length = 0;
    },
  };
}

export type AgentToolsHarness = ReturnType<typeof openAgentToolsHarness>;
