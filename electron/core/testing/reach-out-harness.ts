import { WAMessageStatus, type ReachoutTimelockState } from '@whiskeysockets/baileys';
import type { AccountDto } from '../../../shared/contract';
import { createReachOutLocks } from '../accounts/reach-out-lock';
import { tapUpdatesForReachOut } from '../campaigns/campaign-wiring';
import { createInboxIngest } from '../inbox/inbox-ingest';
import { campaignHarness, type CampaignRigOptions } from './campaign-harness';
import { silentLogger } from './silent-logger';

/**
 * The campaign harness with WhatsApp's reach-out lock wired as the core wires it: the fake server
 * refuses the JIDs in `refusing` with 463 (Baileys' own `messages.update` shape), which goes
 * through the same tap into the real inbox ingest, and the lock keeper asks `timelock` until when.
 */
export function reachOutHarness(options: CampaignRigOptions = {}) {
  const h = campaignHarness(options);
  const fetches: string[] = [];
  /** What the fake `fetchAccountReachoutTimelock` answers (an Error: it fails). */
  const server: { timelock: ReachoutTimelockState | Error } = { timelock: { isActive: false } };
  const accountDto = (id: string) => ({ id, state: 'connected', reason: null, reachOutLockedUntil: locks.lockedUntil(id) }) as AccountDto;
  const locks = createReachOutLocks({
    orm: h.orm,
    clock: h.clock,
    logger: silentLogger(),
    socketFor: (accountId) =>
      h.connected.has(accountId)
        ? {
            fetchAccountReachoutTimelock: async () => {
              fetches.push(accountId);
              if (server.timelock instanceof Error) throw server.timelock;
              // Like Baileys, the answer is also emitted as a connection.update.
              locks.fromWhatsApp(accountId, server.timelock);
              return server.timelock;
            },
          }
        : undefined,
    onChanged: (accountId) => h.bus.emit('account.status', accountDto(accountId)),
  });
  const ingest = createInboxIngest({ orm: h.orm, bus: h.bus, logger: silentLogger(), now: h.clock.now });
  const ingestUpdates = tapUpdatesForReachOut(ingest.ingestUpdates, { orm: h.orm, refused: locks.refused, runner: () => h.runner });
  h.hooks.onRefused = (accountId, waId, jid) =>
    ingestUpdates(accountId, [
      { key: { remoteJid: jid, fromMe: true, id: waId }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463', 'Your account has been restricted'] } },
    ]);
  // The runner learns each account's starting lock as the core's first account.status tells it.
  for (const id of h.accountIds) h.runner.onAccountStatus(accountDto(id));

  /** A customer of `accountId` wrote before the campaign: from then on a known contact of that number. */
  const customerWrote = (accountId: string, phone: string, text = 'Hola') => {
    const jid = `${phone}@s.whatsapp.net`;
    h.orm.$client.prepare('INSERT OR IGNORE INTO chats (account_id, jid, last_message_at) VALUES (?, ?, ?)').run(accountId, jid, h.clock.now());
    const chatId = h.orm.$client.prepare('SELECT id FROM chats WHERE account_id = ? AND jid = ?').pluck().get(accountId, jid) as number;
    h.orm.$client
      .prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES (?, ?, ?, 0, 'text', ?, ?, 'received')")
      .run(accountId, chatId, `IN-${accountId}-${phone}-${h.clock.now()}`, text, h.clock.now());
    return chatId;
  };

  return { ...h, locks, fetches, server, customerWrote, ingestUpdates };
}

export type ReachOutHarness = ReturnType<typeof reachOutHarness>;
