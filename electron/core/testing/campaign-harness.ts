import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBatch } from '../../../shared/contract';
import { defaultCampaignPacing, type CampaignPacing, type CampaignWindow } from '../../../shared/contract/campaign-dto';
import { createCampaignRunner, type CampaignRunner } from '../campaigns/campaign-runner';
import { createCampaignService } from '../campaigns/campaign-service';
import { tapBusForCampaigns } from '../campaigns/campaign-wiring';
import type { Db } from '../db/open-database';
import type { Orm } from '../db/orm';
import { createEventBus } from '../events/event-bus';
import { getChat } from '../inbox/chat-store';
import { messageDtoOf } from '../inbox/message-store';
import { completeSent, failOutgoing, markSending, nextQueuedEntry } from '../outbox/outbox-store';
import { createWhatsAppCheck } from '../campaigns/whatsapp-check';
import { FakeClock } from './fake-clock';
import { FakeNumberLookup } from './fake-number-lookup';
import { seededRandom } from './seeded-random';
import { silentLogger } from './silent-logger';
import { openTestDatabase } from './test-database';

/** Monday 2024-01-15 09:00 UTC: inside the default window (Mon–Sat 9–20) in UTC. */
export const MONDAY_9AM_UTC = Date.UTC(2024, 0, 15, 9, 0, 0);

export const fastPacing = (patch: Partial<CampaignPacing> = {}): CampaignPacing => ({
  ...defaultCampaignPacing,
  warmup: false,
  ...patch,
});

export const allDayWindow: CampaignWindow = { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] };

/**
 * The campaign scheduler and service over a real SQLite file, a fake clock and a fake outbox that
 * "sends" each queued message at once (or fails it, when told), through the same bus taps as the core.
 */
export function campaignHarness(options: CampaignRigOptions = {}) {
  const { db, orm } = openTestDatabase();
  return campaignRig(db, orm, options);
}

export interface CampaignRigOptions {
  accounts?: string[];
  pairedAt?: number;
  start?: number;
  seed?: number;
  /** Accounts that are practice accounts (no files, no number check). */
  practice?: string[];
  /** Where campaign files go (a fresh temporary folder by default). */
  dataDir?: string;
}

/** The same rig over any open database (benchmarks open their own). */
export function campaignRig(db: Db, orm: Orm, options: CampaignRigOptions = {}) {
  const clock = new FakeClock(options.start ?? MONDAY_9AM_UTC);
  const accountIds = options.accounts ?? ['a1'];
  for (const id of accountIds) {
    db.prepare('INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      options.practice?.includes(id) ? 'practice' : 'whatsapp',
      `Cuenta ${id}`,
      '#25a244',
      '5215500000000',
      options.pairedAt ?? 0,
    );
  }
  const ref: { runner?: CampaignRunner } = {};
  const bus = tapBusForCampaigns(createEventBus(0), orm, () => ref.runner);
  const batches: EventBatch[] = [];
  bus.subscribe((b) => batches.push(b));
  const presence: { accountId: string; type: string; jid: string | undefined; at: number }[] = [];
  const replies: { chatId: number; text: string }[] = [];
  const connected = new Set(accountIds);
  /** The outbox's answer to the next sends: ok, or an error text that fails them. */
  const outcomes: (string | null)[] = [];
  const sentAt: { accountId: string; text: string; at: number; jid: string }[] = [];
  let serverAcks = true;
  /** "account>jid" pairs the fake server refuses with error 463 once the socket wrote the message; `hooks.onRefused` hears each. */
  const refusing = new Set<string>();
  const hooks: { onRefused?: (accountId: string, waId: string, jid: string) => void } = {};
  let outboxHeld = false;
  /** Leaves queued messages in the outbox (a test sends them through a real outbox instead). */
  const holdOutbox = () => (outboxHeld = true);
  /** Whether the fake server acknowledges what it accepts (a crash test turns it off). */
  const setServerAcks = (on: boolean) => (serverAcks = on);

  const fakeOutboxSend = (accountId: string) => {
    for (let entry = nextQueuedEntry(orm, accountId); entry; entry = nextQueuedEntry(orm, accountId)) {
      markSending(orm, entry);
      const failure = outcomes.shift() ?? null;
      const row = failure
        ? failOutgoing(orm, entry.outbox.id, entry.message.id, failure)
        : completeSent(orm, entry.outbox.id, entry.message.id, { proto: null, messageSecret: null });
      const jid = getChat(orm, entry.message.chatId)?.jid ?? '';
      if (!failure) sentAt.push({ accountId, text: entry.message.text ?? '', at: clock.now(), jid });
      if (row) bus.emit('messages.upserted', messageDtoOf(orm, row));
      const waId = entry.message.waId;
      // The server's acknowledgement (or its 463 refusal), unless the test holds it back.
      if (!failure && refusing.has(`${accountId}>${jid}`)) queueMicrotask(() => hooks.onRefused?.(accountId, waId, jid));
      else if (!failure && serverAcks) ref.runner?.onServerAck(accountId, waId);
    }
  };

  /** What WhatsApp answers, through any connected account, about who uses it. */
  const numbers = new FakeNumberLookup();
  const whatsAppCheck = createWhatsAppCheck({
    orm,
    clock,
    logger: silentLogger(),
    socketFor: (accountId) => (connected.has(accountId) ? numbers : undefined),
    isPractice: (accountId) => orm.$client.prepare('SELECT kind FROM accounts WHERE id = ?').pluck().get(accountId) === 'practice',
    onProgress: (progress) => bus.emit('campaigns.whatsAppCheck', progress),
    gapMs: 0,
  });
  // Only written when a campaign has a file; tests that send files pass a folder they clean up.
  const dataDir = options.dataDir ?? join(tmpdir(), `mostrador-campaign-${randomUUID()}`);
  const service = createCampaignService({ orm, bus, logger: silentLogger(), clock, runner: () => runner, dataDir, whatsAppCheck });
  const runner = createCampaignRunner({
    orm,
    bus,
    logger: silentLogger(),
    clock,
    random: seededRandom(options.seed ?? 7),
    socketFor: (accountId) =>
      connected.has(accountId)
        ? {
            sendPresenceUpdate: async (type, jid) => {
              presence.push({ accountId, type, jid, at: clock.now() });
            },
          }
        : undefined,
    pairedAt: (accountId) => (orm.$client.prepare('SELECT created_at FROM accounts WHERE id = ?').pluck().get(accountId) as number) ?? 0,
    kickOutbox: (accountId) => {
      if (!outboxHeld) queueMicrotask(() => fakeOutboxSend(accountId));
    },
    reply: (chatId, text) => replies.push({ chatId, text }),
    onCampaignChanged: service.campaignChanged,
  });
  ref.runner = runner;

  /** Moves fake time in small steps so queued microtasks (the fake outbox) run between timers. */
  const advance = async (ms: number, stepMs = 1_000) => {
    for (let done = 0; done < ms; done += stepMs) {
      clock.advance(Math.min(stepMs, ms - done));
      await Promise.resolve();
      await Promise.resolve();
    }
  };

  return { db, orm, clock, bus, batches, presence, replies, connected, outcomes, sentAt, service, runner, advance, accountIds, setServerAcks, holdOutbox, numbers, dataDir, refusing, hooks };
}

export type CampaignHarness = ReturnType<typeof campaignRig>;

/** A CSV (UTF-8) of phones and names, base64, as the renderer uploads it. */
export const csvBase64 = (rows: [string, string][], header = 'telefono;nombre') =>
  Buffer.from([header, ...rows.map(([phone, name]) => `${phone};${name}`)].join('\n'), 'utf8').toString('base64');
