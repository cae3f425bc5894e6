/**
 * WhatsApp's reach-out lock as the account card and the campaign detail print it. Pure, so tests
 * need no DOM; the time zone is a parameter only so tests can pin it.
 */

/** The lock's end while it lasts, else null (an account event may arrive a moment after it ended). */
export function activeReachOutLock(until: number | null | undefined, now: number): number | null {
  return typeof until === 'number' && until > now ? until : null;
}

const DAY_MS = 86_400_000;

const dayKey = (ms: number, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(ms);

/**
 * When the lock ends, as people read it: the time alone when it is today ("18:40" / "6:40 PM"),
 * with the weekday within the week ("vie, 18:40"), else with the date ("20 mar, 18:40").
 * `sameDay` picks the sentence ("hasta las 18:40" / "hasta el vie, 18:40").
 */
export function formatLockEnd(until: number, now: number, language: string, timeZone?: string): { sameDay: boolean; text: string } {
  const zone = timeZone ? { timeZone } : {};
  const time = { hour: 'numeric', minute: '2-digit', ...zone } as const;
  if (dayKey(until, timeZone) === dayKey(now, timeZone)) return { sameDay: true, text: new Intl.DateTimeFormat(language, time).format(until) };
  const options = until - now < 6 * DAY_MS ? { weekday: 'short', ...time } : { day: 'numeric', month: 'short', ...time };
  return { sameDay: false, text: new Intl.DateTimeFormat(language, options as Intl.DateTimeFormatOptions).format(until) };
}
