import type { AnyMessageContent, MiscMessageGenerationOptions, WAMessage } from '@whiskeysockets/baileys';
import { proto } from '@whiskeysockets/baileys';
import type { EventBatch, EventItem, EventTopic } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import type { Orm } from '../db/orm';
import { createEventBus } from '../events/event-bus';
import { upsertChat } from '../inbox/chat-store';
import { createOutbox, type OutboxDeps, type OutboxSocket } from '../outbox/outbox';
import { FakeClock } from './fake-clock';
import { silentLogger } from './silent-logger';
import { tempDir } from './temp-dir';
import { addAccount, openTestDatabase } from './test-database';

export interface SentCall {
  jid: string;
  content: AnyMessageContent;
  options: MiscMessageGenerationOptions | undefined;
}

type Script = (call: SentCall) => Promise<void> | void;

/**
 * A socket's `sendMessage` that records every call and answers as Baileys does (the message with
 * the id it was given); `script` can make a call fail or wait (a gate the test opens).
 */
export class RecordingSender implements OutboxSocket {
  readonly calls: SentCall[] = [];
  private scripts: Script[] = [];

  /** The next call runs `script` first (throw to fail it, await to hold it). */
  next(script: Script): this {
    this.scripts.push(script);
    return this;
  }

  sendMessage = async (jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage> => {
    const call = { jid, content, options };
    this.calls.push(call);
    await this.scripts.shift()?.(call);
    const text = 'text' in content && typeof content.text === 'string' ? content.text : '';
    return proto.WebMessageInfo.fromObject({
      key: { remoteJid: jid, fromMe: true, id: options?.messageId ?? 'NO-ID' },
      message: { conversation: text },
      messageTimestamp: 1_700_000_000,
      status: proto.WebMessageInfo.Status.PENDING,
    }) as WAMessage;
  };

  get texts(): string[] {
    return this.calls.map((c) => ('text' in c.content && typeof c.content.text === 'string' ? c.content.text : '[media]'));
  }
}

/** A promise the test resolves by hand. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** What Baileys throws when the socket dropped mid-send. */
export const connectionClosed = () => Object.assign(new Error('Connection Closed'), { output: { statusCode: 428 } });

export interface OutboxHarnessOptions {
  db?: { db: Db; orm: Orm };
  dataDir?: string;
  deps?: Partial<OutboxDeps>;
}

/**
 * The outbox over a real migrated SQLite file, one account with one chat, a hand-driven clock,
 * predictable message ids and a socket the test connects (`connect`) and scripts.
 */
export function openOutboxHarness(options: OutboxHarnessOptions = {}) {
  const { db, orm } = options.db ?? openTestDatabase();
  const accountId = 'acc-1';
  if (!db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) {
    addAccount(db, accountId);
    db.prepare("UPDATE accounts SET phone = '5215500000000' WHERE id = ?").run(accountId);
  }
  const chat = upsertChat(orm, accountId, '5215512345678@s.whatsapp.net', { name: 'Ana' });
  const bus = createEventBus();
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const clock = new FakeClock();
  const dataDir = options.dataDir ?? tempDir('mostrador-outbox-');
  const sender = new RecordingSender();
  let connected = false;
  let ids = 0;
  const outbox = createOutbox({
    orm,
    bus,
    logger: silentLogger(),
    dataDir,
    socketFor: () => (connected ? sender : undefined),
    clock,
    newMessageId: () => `3EB0TEST${String(++ids).padStart(4, '0')}${Math.random().toString(16).slice(2, 8).toUpperCase()}`,
    closeTimeoutMs: 50,
    ...options.deps,
  });
  return {
    db,
    orm,
    bus,
    clock,
    dataDir,
    accountId,
    chat,
    sender,
    outbox,
    /** The account connects: the outbox hears it as it would from the account manager. */
    connect() {
      connected = true;
      outbox.kick(accountId);
    },
    disconnect() {
      connected = false;
    },
    emitted<T extends EventTopic>(topic: T): EventItem<T>[] {
      bus.flush();
      return batches.filter((b) => b.topic === topic).flatMap((b) => b.items as EventItem<T>[]);
    },
    messages: () =>
      db.prepare('SELECT id, wa_id AS waId, text, status, error, type, media_state AS mediaState, media_path AS mediaPath FROM messages ORDER BY id').all() as {
        id: number;
        waId: string;
        text: string | null;
        status: string;
        error: string | null;
        type: string;
        mediaState: string | null;
        mediaPath: string | null;
      }[],
    outboxRows: () => db.prepare('SELECT message_id AS messageId, state, attempts FROM outbox ORDER BY id').all() as { messageId: number; state: string; attempts: number }[],
  };
}

export type OutboxHarness = ReturnType<typeof openOutboxHarness>;
