import { tzOffset } from '@date-fns/tz';

export const HOUR_MS = 3_600_000;

/** Where one UTC hour falls on the person's clock. */
export interface LocalHour {
  /** YYYY-MM-DD */
  day: string;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
}

/**
 * Maps UTC hour numbers (ms / 3,600,000, as the rollups store them) to local days, weekdays and
 * hours in an IANA time zone. The offset is looked up once per UTC day and per hour only on the
 * days it changes (daylight saving), so a year of hours costs a few hundred look-ups. Zones with
 * half-hour offsets file each hour under the local hour it starts in.
 */
export function localHours(timeZone: string) {
  const dayOffsets = new Map<number, number | null>();
  const offsetMinutes = (utcHour: number): number => {
    const utcDay = Math.floor(utcHour / 24);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const first = tzOffset(timeZone, new Date(utcDay * 24 * HOUR_MS));
      const last = tzOffset(timeZone, new Date((utcDay * 24 + 23) * HOUR_MS));
      offset = first === last ? first : null;
      dayOffsets.set(utcDay, offset);
    }
    return offset ?? tzOffset(timeZone, new Date(utcHour * HOUR_MS));
  };
  return (utcHour: number): LocalHour => {
    const local = new Date(utcHour * HOUR_MS + offsetMinutes(utcHour) * 60_000);
    return {
      day: local.toISOString().slice(0, 10),
      weekday: (local.getUTCDay() + 6) % 7,
      hour: local.getUTCHours(),
    };
  };
}
