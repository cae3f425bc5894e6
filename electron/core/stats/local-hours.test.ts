import { describe, expect, it } from 'vitest';
import { HOUR_MS, localHours } from './local-hours';

const hourOf = (iso: string) => Date.parse(iso) / HOUR_MS;

describe('localHours', () => {
  it('files a UTC hour under the local day, weekday and hour', () => {
    const mexico = localHours('America/Mexico_City'); // UTC−6, no daylight saving since 2022
    // Tuesday 2026-03-03 02:00 UTC is Monday 20:00 in Mexico City.
    expect(mexico(hourOf('2026-03-03T02:00:00Z'))).toEqual({ day: '2026-03-02', weekday: 0, hour: 20 });
    expect(localHours('UTC')(hourOf('2026-03-08T23:00:00Z'))).toEqual({ day: '2026-03-08', weekday: 6, hour: 23 });
  });

  it('follows daylight saving inside the day it changes', () => {
    const madrid = localHours('Europe/Madrid'); // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST
    expect(madrid(hourOf('2026-03-29T00:00:00Z')).hour).toBe(1);
    expect(madrid(hourOf('2026-03-29T01:00:00Z')).hour).toBe(3);
    expect(madrid(hourOf('2026-03-29T22:00:00Z'))).toEqual({ day: '2026-03-30', weekday: 0, hour: 0 });
  });
});
