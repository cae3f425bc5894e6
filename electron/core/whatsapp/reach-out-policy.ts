import { WAMessageStatus, type NewChatMessageCapInfo, type ReachoutTimelockState, type WAMessageUpdate } from '@whiskeysockets/baileys';

/**
 * WhatsApp's 2026 reach-out limits as pure decisions (the lock keeper acts on them). While a
 * number is locked it may write only to people it already talks to; a first contact is refused
 * with error 463, and every refused attempt counts as another reach-out, so nothing is retried
 * until the lock ends.
 */

const HOUR_MS = 3_600_000;

/** Error 463: NACK_REASONS.SenderReachoutTimelocked and SERVER_ERROR_CODES.MessageAccountRestriction in rc14. */
export const REACH_OUT_REFUSED = '463';

/**
 * How long a number stays locked when WhatsApp refused a first contact but does not say until
 * when (the fetch failed, gave no end, or answered "not active" — 463 is also sent for a missing
 * privacy token, WAHA #2219). A day is what locks seen in the wild last at least; guessing short
 * would bring the next refusal, which lengthens the real lock.
 */
export const REACH_OUT_FALLBACK_MS = 24 * HOUR_MS;

/**
 * After a refusal the lock lasts at least this long even if WhatsApp names an earlier end: an end
 * that has already passed (or Baileys' "now + 60 s" default) would let the same first contact be
 * tried again at once, a retry loop by another name.
 */
export const REACH_OUT_MIN_AFTER_REFUSAL_MS = HOUR_MS;

export type LockDecision = { action: 'lock'; until: number } | { action: 'lift' } | { action: 'keep' };

/** The ids of our messages WhatsApp refused with 463 in one `messages.update` batch. */
export function reachOutRefusals(updates: readonly WAMessageUpdate[]): string[] {
  const ids: string[] = [];
  for (const item of updates) {
    const { key, update } = item ?? {};
    if (!key?.id || !key.fromMe || !update) continue;
    if (update.status === WAMessageStatus.ERROR && update.messageStubParameters?.[0] === REACH_OUT_REFUSED) ids.push(key.id);
  }
  return ids;
}

const endOf = (state: ReachoutTimelockState | undefined): number | null => {
  const end = state?.timeEnforcementEnds;
  const ms = end instanceof Date ? end.getTime() : end === undefined ? NaN : new Date(end as unknown as string).getTime();
  return Number.isFinite(ms) ? ms : null;
};

/**
 * A `reachoutTimeLock` from `connection.update` (WhatsApp's notification, or a fetch's echo).
 * An end already past means the lock is over; an active lock without an end gets the fallback.
 */
export function decideFromWhatsApp(state: ReachoutTimelockState, now: number): LockDecision {
  if (state.isActive === true) {
    const end = endOf(state);
    if (end !== null && end <= now) return { action: 'lift' };
    return { action: 'lock', until: end ?? now + REACH_OUT_FALLBACK_MS };
  }
  return state.isActive === false ? { action: 'lift' } : { action: 'keep' };
}

/**
 * After WhatsApp refused one of our messages with 463, given what the fetch answered (undefined
 * when it failed). A refused first contact always locks; a refusal to someone we already talk
 * to locks only when WhatsApp confirms a lock (otherwise it is the privacy-token problem).
 */
export function decideAfterRefusal(
  fetched: ReachoutTimelockState | undefined,
  context: { now: number; firstContact: boolean; current: number | null },
): LockDecision {
  const floor = context.now + REACH_OUT_MIN_AFTER_REFUSAL_MS;
  if (fetched?.isActive) {
    const end = endOf(fetched);
    const until = end ?? context.current ?? context.now + REACH_OUT_FALLBACK_MS;
    return { action: 'lock', until: context.firstContact ? Math.max(until, floor) : until };
  }
  if (!context.firstContact) return { action: 'keep' };
  return { action: 'lock', until: Math.max(context.current ?? context.now + REACH_OUT_FALLBACK_MS, floor) };
}

/** WhatsApp's new-chat message cap: once CAPPED, new chats wait for the cycle to end, as under a lock. */
export function decideFromMessageCap(info: NewChatMessageCapInfo, now: number): LockDecision {
  if (info.capping_status !== 'CAPPED') return { action: 'keep' };
  const raw = Number(info.cycle_end_timestamp);
  // WhatsApp's timestamps here are seconds; accept milliseconds too rather than lock until 1970.
  const end = Number.isFinite(raw) && raw > 0 ? (raw < 1e11 ? raw * 1000 : raw) : null;
  return { action: 'lock', until: end !== null && end > now ? end : now + REACH_OUT_FALLBACK_MS };
}
