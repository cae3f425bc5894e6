import { describe, expect, it } from 'vitest';
import { isMuted, isMutedForever, MUTED_FOREVER, mutedUntilFor } from './mute';

const now = Date.UTC(2025, 4, 1, 12, 0, 0);

describe('mute durations', () => {
  it('turns each choice into the time notifications come back', () => {
    expect(mutedUntilFor('1h', now)).toBe(now + 3_600_000);
    expect(mutedUntilFor('8h', now)).toBe(now + 8 * 3_600_000);
    expect(mutedUntilFor('1w', now)).toBe(now + 7 * 24 * 3_600_000);
    expect(mutedUntilFor('forever', now)).toBe(MUTED_FOREVER);
    // Still a valid date, so anything that formats it does not break.
    expect(Number.isNaN(new Date(MUTED_FOREVER).getTime())).toBe(false);
  });

  it('is muted until that time, and not after', () => {
    const until = mutedUntilFor('1h', now);
    expect(isMuted(until, now)).toBe(true);
    expect(isMuted(until, until - 1)).toBe(true);
    expect(isMuted(until, until)).toBe(false);
    expect(isMuted(null, now)).toBe(false);
    expect(isMutedForever(MUTED_FOREVER)).toBe(true);
    expect(isMutedForever(until)).toBe(false);
  });
});
