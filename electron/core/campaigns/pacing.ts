import type { CampaignPacing, CampaignWindow } from '../../../shared/contract/campaign-dto';

/**
 * The pacing rules of DESIGN §6 as pure functions of time, so the scheduler and the estimate use
 * the same rules and tests drive them with a fake clock.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Numbers paired more recently than this send under smaller, growing caps. */
export const WARMUP_DAYS = 14;

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minuteOfDay: number;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
};

/** A time zone the runtime knows (campaigns store the person's own). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localTime(timeZone: string, at: number): LocalTime & { offsetMs: number } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return { year, month, day, weekday: weekdayIndex[parts.weekday!] ?? 0, minuteOfDay: hour * 60 + minute, offsetMs: asUtc - Math.floor(at / 1000) * 1000 };
}

/** The instant of a local wall-clock time (minutes may reach 1440: midnight of the next day). */
function instantOf(timeZone: string, year: number, month: number, day: number, minuteOfDay: number, near: number): number {
  const wall = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const guess = wall - localTime(timeZone, near).offsetMs;
  // Again with the offset in force at the guess, for a day when the clocks change.
  return wall - localTime(timeZone, guess).offsetMs;
}

export type WindowState = { open: true; closesAt: number } | { open: false; opensAt: number } | { open: false; opensAt: null };

/** Whether the window can ever open: some weekday chosen and a start before the end. */
export const windowEverOpens = (w: CampaignWindow): boolean => w.weekdays.length > 0 && w.startMinute < w.endMinute;

/** Is sending allowed at `at`; when it closes, or when it next opens. */
export function windowState(w: CampaignWindow, at: number): WindowState {
  if (!windowEverOpens(w)) return { open: false, opensAt: null };
  const local = localTime(w.timeZone, at);
  const days = new Set(w.weekdays);
  if (days.has(local.weekday) && local.minuteOfDay >= w.startMinute && local.minuteOfDay < w.endMinute) {
    return { open: true, closesAt: instantOf(w.timeZone, local.year, local.month, local.day, w.endMinute, at) };
  }
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    if (ahead === 0 && local.minuteOfDay >= w.startMinute) continue;
    const weekday = (local.weekday + ahead) % 7;
    if (!days.has(weekday)) continue;
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + ahead));
    return { open: false, opensAt: instantOf(w.timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), w.startMinute, at) };
  }
  return { open: false, opensAt: null };
}

export interface Caps {
  hourly: number;
  daily: number;
}

/**
 * Caps at `at` for an account paired at `pairedAt`: during warm-up day k (0-based) of 14 a number
 * may send (k+1)/14 of its caps, at least 10 a day and 3 an hour.
 */
export function capsAt(pacing: CampaignPacing, pairedAt: number, at: number): Caps {
  const age = at - pairedAt;
  if (!pacing.warmup || age >= WARMUP_DAYS * DAY_MS) return { hourly: pacing.hourlyCap, daily: pacing.dailyCap };
  const share = (Math.max(0, Math.floor(age / DAY_MS)) + 1) / WARMUP_DAYS;
  return {
    hourly: Math.min(pacing.hourlyCap, Math.max(3, Math.round(pacing.hourlyCap * share))),
    daily: Math.min(pacing.dailyCap, Math.max(10, Math.round(pacing.dailyCap * share))),
  };
}

const uniform = (random: () => number, min: number, max: number) => min + (max - min) * random();

/**
 * The wait after the account's `sentSoFar`-th message: a random delay, plus a long pause after
 * every `pauseEvery` messages. Never a fixed interval.
 */
export function drawGapMs(pacing: CampaignPacing, sentSoFar: number, random: () => number): number {
  let gap = uniform(random, pacing.minDelaySec, pacing.maxDelaySec) * 1000;
  if (sentSoFar > 0 && sentSoFar % pacing.pauseEvery === 0) gap += uniform(random, pacing.pauseMinSec, pacing.pauseMaxSec) * 1000;
  return Math.round(gap);
}

/** The gap's expected value, for the estimate. */
export function meanGapMs(pacing: CampaignPacing, sentSoFar: number): number {
  let gap = ((pacing.minDelaySec + pacing.maxDelaySec) / 2) * 1000;
  if (sentSoFar > 0 && sentSoFar % pacing.pauseEvery === 0) gap += ((pacing.pauseMinSec + pacing.pauseMaxSec) / 2) * 1000;
  return gap;
}

/**
 * The earliest instant at or after `from` when the caps and the window allow one more message,
 * given the account's earlier sends (ascending). Null when the window never opens.
 */
export function earliestAllowed(from: number, sent: readonly number[], capsFor: (at: number) => Caps, window: CampaignWindow): number | null {
  let at = from;
  for (let guard = 0; guard < 1000; guard += 1) {
    const caps = capsFor(at);
    let moved = false;
    // Within the last hour (day) there must be fewer than `cap` sends: wait until the oldest of the last `cap` leaves it.
    for (const [cap, span] of [
      [caps.hourly, HOUR_MS],
      [caps.daily, DAY_MS],
    ] as const) {
      if (sent.length >= cap) {
        const frees = sent[sent.length - cap]! + span;
        if (frees > at) {
          at = frees;
          moved = true;
        }
      }
    }
    const state = windowState(window, at);
    if (!state.open) {
      if (state.opensAt === null) return null;
      at = state.opensAt;
      moved = true;
    }
    if (!moved) return at;
  }
  return at;
}

export interface LaneEstimate {
  /** Earlier sends of the account (ascending), for the caps. */
  sent: number[];
  pairedAt: number;
  remaining: number;
  /** Messages this account has sent in this campaign so far (for the long pauses). */
  sentInCampaign: number;
  lastSentAt: number | null;
}

/**
 * When the last of `remaining` messages of one account would go, sending at the mean gap under the
 * caps and the window. Linear in `remaining`; the window is looked up only when it closes.
 */
export function estimateLaneFinish(pacing: CampaignPacing, window: CampaignWindow, lane: LaneEstimate, now: number): number | null {
  if (lane.remaining === 0) return null;
  const sent = [...lane.sent];
  let last = lane.lastSentAt;
  let count = lane.sentInCampaign;
  let openUntil = -1;
  for (let i = 0; i < lane.remaining; i += 1) {
    let at = last === null ? now : Math.max(now, last + meanGapMs(pacing, count));
    const caps = capsAt(pacing, lane.pairedAt, at);
    const hourlyFree = sent.length >= caps.hourly ? sent[sent.length - caps.hourly]! + HOUR_MS : 0;
    const dailyFree = sent.length >= caps.daily ? sent[sent.length - caps.daily]! + DAY_MS : 0;
    at = Math.max(at, hourlyFree, dailyFree);
    if (at >= openUntil) {
      const next = earliestAllowed(at, sent, (t) => capsAt(pacing, lane.pairedAt, t), window);
      if (next === null) return null;
      at = next;
      const state = windowState(window, at);
      openUntil = state.open ? state.closesAt : at;
    }
    sent.push(at);
    last = at;
    count += 1;
  }
  return last;
}
