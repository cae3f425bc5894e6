import { DisconnectReason } from '@whiskeysockets/baileys';

export type ReconnectDecision =
  | { action: 'reconnect'; delayMs: number }
  | { action: 'logged_out' }
  | { action: 'stop'; reason: string };

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** 440 "connection replaced": another client took over; wait long, do not fight it. */
  replacedMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000, replacedMs: 10 * 60_000 };

/** Tries a number that was never linked gets before it waits for the person (see `givesUpPairing`). */
export const UNLINKED_MAX_ATTEMPTS = 3;

/**
 * Whether a number that was never linked (no scan yet, e.g. left after "Hacerlo más tarde") stops
 * trying and waits for "Vincular". Retrying for ever would fetch QR codes nobody looks at, and
 * with no internet would spin all day. 515 comes right after a scan, so it always goes on.
 * `attempt` counts consecutive failures from 1.
 */
export function givesUpPairing(statusCode: number | undefined, attempt: number): boolean {
  if (statusCode === DisconnectReason.restartRequired) return false;
  return attempt >= UNLINKED_MAX_ATTEMPTS;
}

/**
 * What to do after Baileys closes a socket (DESIGN §4). Baileys never reconnects by itself.
 * `attempt` counts consecutive failures from 1; `random` is in [0, 1) so tests can pin the jitter.
 */
export function decideReconnect(
  statusCode: number | undefined,
  attempt: number,
  random: () => number,
  options: BackoffOptions = defaultBackoff,
): ReconnectDecision {
  switch (statusCode) {
    case DisconnectReason.restartRequired: // 515: expected right after pairing
      return { action: 'reconnect', delayMs: 0 };
    case DisconnectReason.loggedOut: // 401
    case DisconnectReason.forbidden: // 403
      return { action: 'logged_out' };
    case DisconnectReason.connectionReplaced: // 440
      return { action: 'reconnect', delayMs: options.replacedMs };
    case DisconnectReason.multideviceMismatch: // 411
      return { action: 'stop', reason: 'multi-device mismatch: pair the number again' };
    default: {
      // "Full jitter": a random delay up to an exponentially growing ceiling, so ten accounts
      // dropped together do not come back in lockstep.
      const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
      return { action: 'reconnect', delayMs: Math.round(ceiling / 2 + (random() * ceiling) / 2) };
    }
  }
}
