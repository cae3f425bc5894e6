import { generateMessageIDV2 } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { AccountDto, MessageDto } from '../../../shared/contract';
import type { BrakeReason, RecipientState } from '../../../shared/contract/campaign-dto';
import { renderTemplate } from '../../../shared/campaign-text';
import { lockedAccountIds, reachOutLockOf } from '../accounts/account-store';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import type { EventBus } from '../events/event-bus';
import { chatDto, getChat, noteMessageInChat, upsertChat } from '../inbox/chat-store';
import { messageDtoOf } from '../inbox/message-store';
import { getMessageById, insertOutboxRow, insertOutgoingMessage, ownJid } from '../outbox/outbox-store';
import type { Clock } from '../whatsapp/account-supervisor';
import {
  acknowledge,
  activeCampaignIdsOfAccount,
  getCampaignRow,
  getRecipient,
  hasInFlight,
  hasUnfinished,
  isSuppressed,
  markOptedOut,
  markReplied,
  nextPendingRecipient,
  nextScheduledStart,
  pacingOf,
  pauseAccountOfCampaign,
  presumeAccepted,
  queuedInCampaign,
  queuedTimes,
  recentOutcomes,
  recipientByMessage,
  recipientDto,
  requeueUnacknowledged,
  sendableCampaigns,
  sendingRecipients,
  setCampaignStatus,
  setRecipient,
  suppress,
  windowOf,
  type RecipientRow,
} from './campaign-store';
import { attachmentOf, campaignPayload } from './campaign-attachment';
import { isKnownContact, nextKnownPendingRecipient } from './known-contacts';
import { matchesOptOut, readOptOutSettings } from './opt-out';
import { confirmationFor } from './opt-out-language';
import { capsAt, DAY_MS, drawGapMs, earliestAllowed } from './pacing';
import { moveNewContacts, takeBackRefused } from './reach-out-moves';

/** The part of a socket the scheduler uses itself (the outbox does the sending). */
export interface PresenceSocket {
  sendPresenceUpdate(type: 'composing' | 'paused' | 'available', toJid?: string): Promise<void>;
}

export interface CampaignRunnerDeps {
  orm: Orm;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  /** In [0,1): delays and spintax choices (tests seed it). */
  random: () => number;
  /** The account's socket while connected. */
  socketFor: (accountId: string) => PresenceSocket | undefined;
  /** When the account was paired (warm-up). */
  pairedAt: (accountId: string) => number;
  /** Starts the outbox worker of the account (it does the actual send). */
  kickOutbox: (accountId: string) => void;
  /** Sends a plain reply through the outbox (the opt-out confirmation). */
  reply: (chatId: number, text: string) => void;
  newMessageId?: (ownJid: string | undefined) => string;
  /** How long "typing…" shows before a message: [min, max] ms. */
  typingMs?: readonly [number, number];
  /** Called when a campaign's counts may have changed (the service batches the summaries). */
  onCampaignChanged: (campaignId: number) => void;
}

interface Lane {
  timer: unknown;
  /** Showing "typing…": the recipient goes to the outbox when it ends. */
  typing: boolean;
  /** The wait drawn after the last message, and when that message went. */
  gapMs: number;
  lastQueuedAt: number | null;
}

/** Messages of an account that wait for a send in flight are looked at again after this, whatever happens. */
const IN_FLIGHT_RECHECK_MS = 15_000;
const MAX_WAIT_MS = 6 * 3_600_000;
/**
 * A message WhatsApp has not acknowledged this long after our socket wrote it is taken as sent
 * anyway (a server that never acknowledges must not hold a campaign open forever).
 */
export const ACK_GRACE_MS = 120_000;
const sentStates: readonly RecipientState[] = ['sent', 'delivered', 'read', 'replied'];
const rank: Record<RecipientState, number> = { pending: 0, sending: 1, skipped: 1, failed: 2, sent: 3, delivered: 4, read: 5, replied: 6 };

const phoneOfJid = (jid: string | null | undefined) => (jid?.endsWith('@s.whatsapp.net') ? jid.slice(0, jid.indexOf('@')) : null);

/**
 * The campaign scheduler: one lane per account, driven by the injected clock. Each lane takes the
 * next recipient of the oldest campaign that may send from that account, waits out the pacing
 * (random delay, long pauses, caps, warm-up, window), shows "typing…", then hands the message to the
 * outbox in the same transaction that marks the recipient `sending`. The outbox marks its row
 * `sending` before the socket call and reconciles after a crash, so nobody is lost or sent twice.
 */
export function createCampaignRunner(deps: CampaignRunnerDeps) {
  const { orm, bus, logger, clock } = deps;
  const newMessageId = deps.newMessageId ?? ((jid: string | undefined) => generateMessageIDV2(jid));
  const [typingMin, typingMax] = deps.typingMs ?? [2_000, 4_000];
  const lanes = new Map<string, Lane>();
  const lastAccountState = new Map<string, AccountDto['state']>();
  const lastReachOutLock = new Map<string, number | null>();
  /** Looks again at sends still waiting for their acknowledgement (cleared on stop). */
  const graceTimers = new Set<unknown>();
  let stopped = false;

  const inTransaction = <T>(work: () => T): T => orm.$client.transaction(work).immediate();
  const emitRecipients = (rows: readonly (RecipientRow | undefined)[]) => {
    const campaignsTouched = new Set<number>();
    for (const row of rows) {
      if (!row) continue;
      bus.emit('campaigns.recipient', recipientDto(row));
      campaignsTouched.add(row.campaignId);
    }
    for (const id of campaignsTouched) deps.onCampaignChanged(id);
  };

  const laneOf = (accountId: string): Lane => {
    let lane = lanes.get(accountId);
    if (!lane) {
      lane = { timer: undefined, typing: false, gapMs: 0, lastQueuedAt: null };
      lanes.set(accountId, lane);
    }
    return lane;
  };

  const wakeIn = (accountId: string, lane: Lane, ms: number) => {
    if (lane.timer !== undefined) clock.clearTimeout(lane.timer);
    lane.timer = clock.setTimeout(() => {
      lane.timer = undefined;
      step(accountId);
      // Far-off starts are looked at again later: Node's timers cannot wait more than ~24 days.
    }, Math.min(MAX_WAIT_MS, Math.max(0, ms)));
  };

  const brake = (campaignId: number, accountId: string, reason: BrakeReason, detail: string | null) => {
    if (!pauseAccountOfCampaign(orm, campaignId, accountId, reason, detail)) return;
    logger.warn({ campaignId, accountId, reason, detail }, 'campaign paused on an account by the brake');
    deps.onCampaignChanged(campaignId);
  };

  const finishIfDone = (campaignId: number) => {
    const campaign = getCampaignRow(orm, campaignId);
    if (!campaign || (campaign.status !== 'running' && campaign.status !== 'scheduled')) return;
    if (!hasUnfinished(orm, campaignId)) {
      setCampaignStatus(orm, campaignId, 'finished', clock.now());
      deps.onCampaignChanged(campaignId);
    }
  };

  /** Decides what the account does next: send, wait, or nothing. Cheap to call often. */
  function step(accountId: string): void {
    if (stopped) return;
    const lane = laneOf(accountId);
    const now0 = clock.now();
    const presumed = presumeAccepted(orm, accountId, now0 - ACK_GRACE_MS);
    if (presumed.length > 0) {
      emitRecipients(presumed);
      for (const id of new Set(presumed.map((r) => r.campaignId))) finishIfDone(id);
    }
    if (lane.typing) return;
    if (lane.timer !== undefined) {
      clock.clearTimeout(lane.timer);
      lane.timer = undefined;
    }
    const now = clock.now();
    // WhatsApp's reach-out lock: this number writes only to people it already talks to; its new
    // contacts go to the campaign's other numbers, or wait here until the lock ends.
    const lockedUntil = reachOutLockOf(orm, accountId, now);
    if (lockedUntil !== null) handNewContactsOn(accountId, now);
    const nextFor = (campaignId: number) =>
      lockedUntil !== null ? nextKnownPendingRecipient(orm, campaignId, accountId) : nextPendingRecipient(orm, campaignId, accountId);
    const candidates = sendableCampaigns(orm, accountId, now);
    let chosen: { campaignId: number; recipient: RecipientRow } | undefined;
    for (const campaign of candidates) {
      // A recipient who opted out since the campaign was made is skipped here, never messaged.
      for (let next = nextFor(campaign.id); next; next = nextFor(campaign.id)) {
        if (!isSuppressed(orm, next.phone)) {
          chosen = { campaignId: campaign.id, recipient: next };
          break;
        }
        emitRecipients([setRecipient(orm, next.id, { state: 'skipped', reason: 'opted_out' })]);
      }
      if (chosen) break;
      finishIfDone(campaign.id);
    }
    if (!chosen) {
      const start = nextScheduledStart(orm, accountId, now);
      const wake = Math.min(start ?? Infinity, lockedUntil ?? Infinity);
      if (wake !== Infinity) wakeIn(accountId, lane, wake - now);
      return;
    }
    const socket = deps.socketFor(accountId);
    if (!socket) return; // the account's next connection steps the lane again
    if (hasInFlight(orm, accountId)) {
      wakeIn(accountId, lane, IN_FLIGHT_RECHECK_MS);
      return;
    }
    const campaign = getCampaignRow(orm, chosen.campaignId)!;
    const pacing = pacingOf(campaign);
    const window = windowOf(campaign);
    const pairedAt = deps.pairedAt(accountId);
    const sent = queuedTimes(orm, accountId, now - DAY_MS);
    const last = sent.at(-1) ?? lane.lastQueuedAt;
    if (last !== null && lane.lastQueuedAt !== last) {
      // Just started (or another campaign of the account sent): draw the wait after that message now.
      lane.lastQueuedAt = last;
      lane.gapMs = drawGapMs(pacing, queuedInCampaign(orm, campaign.id, accountId), deps.random);
    }
    const from = last === null ? now : Math.max(now, last + lane.gapMs);
    const at = earliestAllowed(from, sent, (t) => capsAt(pacing, pairedAt, t), window);
    if (at === null) return;
    if (at > now) {
      wakeIn(accountId, lane, at - now);
      return;
    }
    if (campaign.status === 'scheduled') {
      setCampaignStatus(orm, campaign.id, 'running');
      deps.onCampaignChanged(campaign.id);
    }
    const jid = `${chosen.recipient.phone}@s.whatsapp.net`;
    socket.sendPresenceUpdate('composing', jid).catch((error: unknown) => logger.debug({ err: error, accountId }, 'typing indicator not sent'));
    lane.typing = true;
    // "Typing…" lasts a few seconds, never more than half the shortest delay the person chose.
    const typing = Math.min(Math.round(typingMin + (typingMax - typingMin) * deps.random()), (pacing.minDelaySec * 1000) / 2);
    const recipientId = chosen.recipient.id;
    lane.timer = clock.setTimeout(() => {
      lane.timer = undefined;
      lane.typing = false;
      if (stopped) return;
      handOver(accountId, lane, recipientId);
      step(accountId);
    }, typing);
  }

  /** The recipient goes to the outbox, with its final WhatsApp id, in one transaction. */
  const handOver = (accountId: string, lane: Lane, recipientId: number) => {
    const at = clock.now();
    const outcome = inTransaction(() => {
      const recipient = getRecipient(orm, recipientId);
      if (!recipient || recipient.state !== 'pending') return undefined;
      const campaign = getCampaignRow(orm, recipient.campaignId);
      // Paused, cancelled or braked while "typing…" showed: nothing goes.
      if (!campaign || !sendableCampaigns(orm, accountId, at).some((c) => c.id === campaign.id)) return undefined;
      if (isSuppressed(orm, recipient.phone)) return { recipient: setRecipient(orm, recipient.id, { state: 'skipped', reason: 'opted_out' }) };
      // Locked while "typing…" showed: a new contact does not go (the next step hands it on or waits).
      if (reachOutLockOf(orm, accountId, at) !== null && !isKnownContact(orm, accountId, recipient.phone)) return undefined;
      const jid = `${recipient.phone}@s.whatsapp.net`;
      const chat = (getChatForPhone(accountId, jid) ?? upsertChat(orm, accountId, jid, { name: recipient.name })).id;
      const variables = JSON.parse(recipient.variables) as Record<string, string>;
      const { text, variant } = renderTemplate(campaign.template, variables, deps.random);
      const attachment = attachmentOf(campaign);
      const message = insertOutgoingMessage(orm, {
        accountId,
        chatId: chat,
        waId: newMessageId(ownJid(orm, accountId)),
        type: attachment ? `${attachment.kind}Message` : 'text',
        text,
        timestamp: at,
        quoted: undefined,
        sentBy: 'campaign',
        ...(attachment ? { media: attachment } : {}),
      });
      insertOutboxRow(orm, { messageId: message.id, accountId, payload: campaignPayload(attachment, text), createdAt: at });
      const chatRow = noteMessageInChat(orm, chat, message, false);
      const updated = setRecipient(orm, recipient.id, { state: 'sending', messageId: message.id, queuedAt: at, variant, reason: null });
      return { recipient: updated, message, chatRow, campaignId: campaign.id, pacing: pacingOf(campaign) };
    });
    if (!outcome) return;
    emitRecipients([outcome.recipient]);
    if (!('message' in outcome) || !outcome.message) return;
    bus.emit('messages.upserted', messageDtoOf(orm, outcome.message));
    bus.emit('chats.upserted', chatDto(orm, outcome.chatRow));
    lane.lastQueuedAt = at;
    lane.gapMs = drawGapMs(outcome.pacing, queuedInCampaign(orm, outcome.campaignId, accountId), deps.random);
    deps.kickOutbox(accountId);
  };

  /** A locked number's new contacts go to the campaign's numbers that may write to them. */
  const handNewContactsOn = (accountId: string, now: number) => {
    const moved = inTransaction(() => moveNewContacts(orm, accountId, now));
    if (moved.length === 0) return;
    logger.info({ accountId, count: moved.length }, 'new contacts of a reach-out-locked number handed to the other numbers');
    emitRecipients(moved);
    for (const target of new Set(moved.flatMap((r) => (r.accountId ? [r.accountId] : [])))) step(target);
  };

  /**
   * WhatsApp refused these messages with 463 on a first contact: their recipients wait again,
   * never failed and never resent from this number while it is locked (a retry is another
   * reach-out, which worsens the lock). Call before the inbox marks the messages failed.
   */
  const onReachOutRefused = (accountId: string, waIds: readonly string[]) => {
    if (waIds.length === 0) return;
    const taken = inTransaction(() => takeBackRefused(orm, accountId, waIds));
    if (taken.length === 0) return;
    logger.warn({ accountId, count: taken.length }, 'first contacts refused by WhatsApp (463): they wait for the reach-out lock to end');
    emitRecipients(taken);
    step(accountId);
  };

  /** A lock set, moved or lifted: that number decides again, and so do the locked ones (an open number may take their new contacts). */
  const onReachOutLockChanged = (accountId: string) => {
    step(accountId);
    for (const id of lockedAccountIds(orm, clock.now())) if (id !== accountId) step(id);
  };

  const getChatForPhone = (accountId: string, jid: string) =>
    prepared<[string, string, string], { id: number }>(orm.$client, 'SELECT id FROM chats WHERE account_id = ? AND (jid = ? OR pn_jid = ?) ORDER BY id LIMIT 1').get(accountId, jid, jid);

  /** A campaign message changed (sent, delivered, read, failed): the recipient follows it. */
  const followMessage = (message: MessageDto) => {
    const recipient = recipientByMessage(orm, message.id);
    if (!recipient) return;
    const was = recipient.state;
    let next: RecipientState | undefined;
    if (message.status === 'sent' || message.status === 'delivered' || message.status === 'read') next = message.status;
    else if (message.status === 'failed') next = 'failed';
    if (!next || next === was || (next !== 'failed' && rank[next] <= rank[was]) || was === 'replied') return;
    if (next === 'sent' && recipient.ackedAt === null) {
      // Written to the socket, not yet accepted by the server: still `sending` until its ack.
      if (was === 'sending' && recipient.accountId) {
        const accountId = recipient.accountId;
        const timer = clock.setTimeout(() => {
          graceTimers.delete(timer);
          step(accountId);
        }, ACK_GRACE_MS + 1_000);
        graceTimers.add(timer);
        step(accountId);
      }
      return;
    }
    const receipt = next === 'delivered' || next === 'read';
    const updated = setRecipient(orm, recipient.id, {
      state: next,
      ...(next === 'failed' ? { reason: message.error ?? 'failed' } : {}),
      ...(receipt && recipient.ackedAt === null ? { ackedAt: clock.now() } : {}),
    });
    emitRecipients([updated]);
    if (next === 'failed' && recipient.accountId) {
      if (sentStates.includes(was)) {
        // WhatsApp took it, then answered with an error (e.g. 463): a stop signal for this number.
        brake(recipient.campaignId, recipient.accountId, 'error_ack', message.error);
      } else {
        const pct = pacingOf(getCampaignRow(orm, recipient.campaignId)!).failureBrakePct;
        const outcomes = recentOutcomes(orm, recipient.campaignId, recipient.accountId);
        const failures = outcomes.filter((s) => s === 'failed').length;
        if (failures >= Math.max(1, Math.ceil((pct / 100) * 10))) brake(recipient.campaignId, recipient.accountId, 'failure_rate', message.error);
      }
    }
    if (was === 'sending' && recipient.accountId) {
      finishIfDone(recipient.campaignId);
      step(recipient.accountId);
    }
  };

  /** A customer wrote (live, not history): an opt-out keyword suppresses the number; anything else is a reply. */
  const onInbound = (message: MessageDto) => {
    if (message.fromMe) return;
    const chat = getChat(orm, message.chatId);
    const phone = phoneOfJid(chat?.pnJid) ?? phoneOfJid(chat?.jid);
    if (!chat || !phone) return;
    const at = clock.now();
    const settings = readOptOutSettings(orm);
    if (message.text && matchesOptOut(message.text, settings.keywords)) {
      const { added, rows } = inTransaction(() => {
        const added = suppress(orm, { phone, source: 'keyword', accountId: message.accountId, text: message.text, at });
        const replied = markReplied(orm, message.accountId, phone, at);
        return { added, rows: [...replied, ...markOptedOut(orm, phone, at)] };
      });
      emitRecipients(rows);
      if (added) {
        logger.info({ accountId: message.accountId }, 'a number asked for no more campaign messages');
        bus.emit('campaigns.suppressed', { phone, createdAt: at });
        // The language of the campaign this customer got most recently.
        const campaignId = rows.reduce<number | null>((latest, r) => (latest === null || r.campaignId > latest ? r.campaignId : latest), null);
        const template = campaignId === null ? null : (getCampaignRow(orm, campaignId)?.template ?? null);
        deps.reply(chat.id, confirmationFor(settings, template));
      }
      return;
    }
    emitRecipients(inTransaction(() => markReplied(orm, message.accountId, phone, at)));
  };

  /** An account's state changed: a drop or a restriction while campaigns run pauses them there. */
  const onAccountStatus = (account: AccountDto) => {
    // Shutting down: the accounts going offline with the app is no drop to brake a campaign for.
    if (stopped) return;
    const lock = account.reachOutLockedUntil ?? null;
    const lockBefore = lastReachOutLock.get(account.id);
    lastReachOutLock.set(account.id, lock);
    if (lockBefore !== undefined && lockBefore !== lock) onReachOutLockChanged(account.id);
    const before = lastAccountState.get(account.id);
    lastAccountState.set(account.id, account.state);
    if (before === account.state) return;
    if (account.state === 'connected') {
      step(account.id);
      return;
    }
    const reason: BrakeReason | undefined =
      account.state === 'restricted' || account.state === 'logged_out'
        ? 'restricted'
        : before === 'connected' && (account.state === 'reconnecting' || account.state === 'disconnected')
          ? 'disconnected'
          : undefined;
    if (!reason) return;
    for (const campaignId of activeCampaignIdsOfAccount(orm, account.id)) brake(campaignId, account.id, reason, account.reason);
  };

  /** WhatsApp's server acknowledged one of our messages: a campaign recipient's send is now certain. */
  const onServerAck = (accountId: string, waId: string) => {
    const acked = inTransaction(() => acknowledge(orm, accountId, waId, clock.now()));
    if (!acked) return;
    emitRecipients([acked]);
    finishIfDone(acked.campaignId);
  };

  /** A number was removed: its people still waiting are skipped, so its campaigns can finish. */
  const onAccountRemoved = (accountId: string) => {
    const rows = inTransaction(() =>
      orm.$client
        .prepare(
          `UPDATE campaign_recipients SET state = 'skipped', reason = 'account_removed'
           WHERE state = 'pending' AND (account_id = ? OR account_id IS NULL) RETURNING id`,
        )
        .pluck()
        .all(accountId) as number[],
    );
    const updated = rows.map((id) => getRecipient(orm, id));
    emitRecipients(updated);
    for (const id of new Set(updated.flatMap((r) => (r ? [r.campaignId] : [])))) finishIfDone(id);
    lanes.delete(accountId);
  };

  return {
    /**
     * Recipients a crash left `sending` follow what their message shows by now; one written to the
     * socket but never acknowledged goes back to the outbox with the same id (the phone keeps one copy).
     * Run after the outbox's own reconciliation and before it starts.
     */
    reconcile() {
      const requeued = inTransaction(() => requeueUnacknowledged(orm, clock.now()));
      if (requeued.length > 0) logger.info({ count: requeued.length }, 'campaign messages never acknowledged before the last shutdown go out again');
      for (const { recipient, status, error } of sendingRecipients(orm)) {
        if (status === 'queued' || status === 'pending' || (status === 'sent' && recipient.ackedAt === null)) continue;
        if (status === null) {
          // The message is gone (its conversation deleted): the recipient is not lost, it is failed with a reason.
          emitRecipients([setRecipient(orm, recipient.id, { state: 'failed', reason: 'message_removed' })]);
        } else if (status === 'sent' || status === 'delivered' || status === 'read' || status === 'failed') {
          emitRecipients([setRecipient(orm, recipient.id, { state: status, ...(status === 'failed' ? { reason: error ?? 'failed' } : {}) })]);
        }
      }
    },
    step,
    /** Every account with campaign work looks at its queue. */
    stepAll(accountIds: readonly string[]) {
      for (const id of accountIds) step(id);
    },
    followMessage,
    onServerAck,
    onReachOutRefused,
    onAccountRemoved,
    onInbound,
    onAccountStatus,
    /** Forgets the wait of an account (a campaign was resumed or created): the next step decides afresh. */
    wake(accountIds: readonly string[]) {
      for (const id of accountIds) step(id);
    },
    /** Whether the lane is showing "typing…" or has a timer (tests). */
    laneState(accountId: string) {
      const lane = lanes.get(accountId);
      return { typing: lane?.typing ?? false, waiting: lane?.timer !== undefined };
    },
    stop() {
      stopped = true;
      for (const lane of lanes.values()) if (lane.timer !== undefined) clock.clearTimeout(lane.timer);
      for (const timer of graceTimers) clock.clearTimeout(timer);
      graceTimers.clear();
    },
    /** The message row of a recipient (tests). */
    messageOf: (recipient: RecipientRow) => (recipient.messageId ? getMessageById(orm, recipient.messageId) : undefined),
  };
}

export type CampaignRunner = ReturnType<typeof createCampaignRunner>;
