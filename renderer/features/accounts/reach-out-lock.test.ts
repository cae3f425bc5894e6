import { describe, expect, it } from 'vitest';
import { activeReachOutLock, formatLockEnd } from './reach-out-lock';

const now = Date.UTC(2026, 2, 20, 9, 15); // Friday 09:15 UTC

describe("WhatsApp's reach-out lock, as printed", () => {
  it('is shown only while it lasts', () => {
    expect(activeReachOutLock(now + 60_000, now)).toBe(now + 60_000);
    expect(activeReachOutLock(now, now)).toBeNull();
    expect(activeReachOutLock(null, now)).toBeNull();
    expect(activeReachOutLock(undefined, now)).toBeNull();
  });

  it('gives the time alone when the lock ends today, in the person’s language', () => {
    const today = Date.UTC(2026, 2, 20, 18, 40);
    expect(formatLockEnd(today, now, 'es', 'UTC')).toEqual({ sameDay: true, text: '18:40' });
    expect(formatLockEnd(today, now, 'en', 'UTC')).toEqual({ sameDay: true, text: '6:40 PM' });
  });

  it('adds the weekday within the week and the date beyond it', () => {
    expect(formatLockEnd(Date.UTC(2026, 2, 21, 8, 5), now, 'es', 'UTC')).toEqual({ sameDay: false, text: 'sáb, 8:05' });
    expect(formatLockEnd(Date.UTC(2026, 2, 21, 8, 5), now, 'en', 'UTC')).toEqual({ sameDay: false, text: 'Sat 8:05 AM' });
    expect(formatLockEnd(Date.UTC(2026, 3, 2, 18, 40), now, 'es', 'UTC')).toEqual({ sameDay: false, text: '2 abr, 18:40' });
  });

  it('counts the day in the person’s own time zone', () => {
    // 23:30 in Mexico City is already the next day in UTC.
    const evening = Date.UTC(2026, 2, 21, 5, 30);
    expect(formatLockEnd(evening, now, 'es', 'America/Mexico_City')).toEqual({ sameDay: true, text: '23:30' });
    expect(formatLockEnd(evening, now, 'es', 'UTC').sameDay).toBe(false);
  });
});
