import type { NewChatMessageCapInfo, ReachoutTimelockState } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm';
import type { Clock } from '../whatsapp/account-supervisor';
import { decideAfterRefusal, decideFromMessageCap, decideFromWhatsApp, type LockDecision } from '../whatsapp/reach-out-policy';
import { reachOutLockOf, setReachOutLock, storedReachOutLocks } from './account-store';

/** The part of a socket that asks WhatsApp about the lock. */
export interface TimelockSocket {
  fetchAccountReachoutTimelock(): Promise<ReachoutTimelockState>;
}

export interface ReachOutLockDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /** The account's socket while connected. */
  socketFor: (accountId: string) => TimelockSocket | undefined;
  /** The stored lock changed (set, moved or lifted): tell the renderer and the campaigns. */
  onChanged: (accountId: string) => void;
}

/** Node's timers cannot wait more than ~24 days; long locks are looked at again. */
const MAX_TIMER_MS = 6 * 3_600_000;

/**
 * Keeps each account's reach-out lock in `accounts.reach_out_locked_until` (so it survives a
 * restart), from WhatsApp's notifications, the 463 refusals and the new-chat cap, and lifts it
 * when it ends. The decisions are in reach-out-policy; this file only acts on them.
 */
export function createReachOutLocks(deps: ReachOutLockDeps) {
  const { orm, clock, logger } = deps;
  const timers = new Map<string, unknown>();
  /** Accounts whose lock we are asking WhatsApp about: the `connection.update` that fetch emits is its answer, not news. */
  const fetching = new Set<string>();
  let stopped = false;

  const schedule = (accountId: string) => {
    const old = timers.get(accountId);
    if (old !== undefined) clock.clearTimeout(old);
    timers.delete(accountId);
    const until = reachOutLockOf(orm, accountId, clock.now());
    if (until === null || stopped) return;
    timers.set(
      accountId,
      clock.setTimeout(() => {
        timers.delete(accountId);
        expire(accountId);
      }, Math.min(MAX_TIMER_MS, until - clock.now() + 1)),
    );
  };

  const store = (accountId: string, until: number | null) => {
    if (!setReachOutLock(orm, accountId, until)) return;
    logger.warn({ accountId, until: until === null ? null : new Date(until).toISOString() }, until === null ? 'reach-out lock lifted' : 'reach-out lock: no new contacts until then');
    schedule(accountId);
    deps.onChanged(accountId);
  };

  const apply = (accountId: string, decision: LockDecision) => {
    if (decision.action === 'lock') store(accountId, decision.until);
    else if (decision.action === 'lift') store(accountId, null);
  };

  const expire = (accountId: string) => {
    if (reachOutLockOf(orm, accountId, clock.now()) === null) store(accountId, null);
    else schedule(accountId);
  };

  return {
    /** Timers for the locks stored before this start; ended ones are cleared. */
    restore() {
      for (const { id, until } of storedReachOutLocks(orm)) {
        if (until <= clock.now()) store(id, null);
        else schedule(id);
      }
    },

    /** `connection.update.reachoutTimeLock`: WhatsApp's notification, or the echo of a fetch. */
    fromWhatsApp(accountId: string, state: ReachoutTimelockState) {
      logger.info({ accountId, state }, 'reach-out lock state from WhatsApp');
      // The echo of our own fetch after a refusal: `refused` decides with it (its "not active" must
      // not lift the lock the refusal just proved).
      if (fetching.has(accountId)) return;
      apply(accountId, decideFromWhatsApp(state, clock.now()));
    },

    /**
     * WhatsApp refused one of our messages with 463. A first contact locks the number at once (the
     * campaign must not pick the next new contact meanwhile); then WhatsApp is asked, once, until
     * when. Nothing is resent here.
     */
    async refused(accountId: string, firstContact: boolean): Promise<void> {
      const now = clock.now();
      if (firstContact) apply(accountId, decideAfterRefusal(undefined, { now, firstContact, current: reachOutLockOf(orm, accountId, now) }));
      const socket = deps.socketFor(accountId);
      if (!socket || fetching.has(accountId)) return;
      fetching.add(accountId);
      let fetched: ReachoutTimelockState | undefined;
      try {
        fetched = await socket.fetchAccountReachoutTimelock();
      } catch (error) {
        logger.warn({ err: error, accountId }, 'could not ask WhatsApp about the reach-out lock');
      } finally {
        fetching.delete(accountId);
      }
      if (stopped) return;
      const at = clock.now();
      apply(accountId, decideAfterRefusal(fetched, { now: at, firstContact, current: reachOutLockOf(orm, accountId, at) }));
    },

    /**
     * On connecting: a lock set while we were away is learnt before the first new contact is tried
     * (each refusal worsens it). Only an active answer counts: "not active" here does not lift a
     * lock a refusal set, or every reconnect would start the refusals again.
     */
    async check(accountId: string): Promise<void> {
      const socket = deps.socketFor(accountId);
      if (!socket || fetching.has(accountId)) return;
      fetching.add(accountId);
      try {
        const state = await socket.fetchAccountReachoutTimelock();
        if (!stopped && state.isActive) apply(accountId, decideFromWhatsApp(state, clock.now()));
      } catch (error) {
        logger.debug({ err: error, accountId }, 'reach-out lock not known on connecting');
      } finally {
        fetching.delete(accountId);
      }
    },

    /** `message-capping.update`: the new-chat cap; once reached, new contacts wait as under a lock. */
    fromMessageCap(accountId: string, info: NewChatMessageCapInfo) {
      logger.info({ accountId, info }, 'new-chat message cap from WhatsApp');
      apply(accountId, decideFromMessageCap(info, clock.now()));
    },

    lockedUntil: (accountId: string): number | null => reachOutLockOf(orm, accountId, clock.now()),

    stop() {
      stopped = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
    },
  };
}

export type ReachOutLocks = ReturnType<typeof createReachOutLocks>;
