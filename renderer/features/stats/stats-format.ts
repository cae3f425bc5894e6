/** A response time in the largest unit that keeps it readable: "45 s", "4.5 min", "2.3 h". */
export function formatDuration(ms: number, language: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  const seconds = ms / 1000;
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600) return unit(seconds / 60, 'minute');
  if (seconds < 86_400) return unit(seconds / 3600, 'hour');
  return unit(seconds / 86_400, 'day');
}

export const formatPercent = (part: number, whole: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(whole === 0 ? 0 : part / whole);

/** Short local weekday names, Monday first (the core's weekday 0 is Monday). */
export function weekdayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(2024, 0, 1 + i)));
}

/** "lun 3 mar" / "Mon, Mar 3" for a "YYYY-MM-DD" day of the chart. */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(y!, m! - 1, d!));
}
