import { MAX_STATS_PERIOD_DAYS, type StatsPeriod } from '../../../shared/contract';

export type PeriodChoice = 'today' | '7d' | '30d' | 'custom';

/** A period as the contract takes it: [from, to) in ms, local midnights. */
export interface StatsRange {
  from: number;
  to: number;
}

/** Local midnight of the day `ms` falls in, moved by `days` (Date keeps daylight saving right). */
function midnight(ms: number, days = 0): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** "YYYY-MM-DD" of a local date (what <input type="date"> shows and gives). */
export function dayInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const parseDay = (day: string): number | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const ms = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isNaN(ms) ? null : ms;
};

/**
 * The period of a choice, ending with today: "7 days" is today and the six before it. A custom
 * period covers both chosen days whole; null when the dates are missing, reversed or too far apart.
 */
export function rangeFor(choice: PeriodChoice, now: number, custom?: { fromDay: string; toDay: string }): StatsRange | null {
  const tomorrow = midnight(now, 1);
  switch (choice) {
    case 'today':
      return { from: midnight(now), to: tomorrow };
    case '7d':
      return { from: midnight(now, -6), to: tomorrow };
    case '30d':
      return { from: midnight(now, -29), to: tomorrow };
    case 'custom': {
      const from = custom ? parseDay(custom.fromDay) : null;
      const last = custom ? parseDay(custom.toDay) : null;
      if (from === null || last === null || last < from) return null;
      const to = midnight(last, 1);
      return to - from <= MAX_STATS_PERIOD_DAYS * 86_400_000 ? { from, to } : null;
    }
  }
}

/** The person's time zone, which the core uses to cut days and hours. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The period the Stats screen asks the core for, from `today` ("YYYY-MM-DD", local) and a
 * choice; null for an unusable custom period. The assistant card uses it too, so both read the
 * same days.
 */
export function statsPeriodFor(choice: PeriodChoice, today: string, options: { custom?: { fromDay: string; toDay: string }; accountId?: string } = {}): StatsPeriod | null {
  const range = rangeFor(choice, new Date(`${today}T12:00:00`).getTime(), options.custom);
  return range && { ...range, timeZone: localTimeZone(), ...(options.accountId ? { accountId: options.accountId } : {}) };
}
