import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { decideReconnect, defaultBackoff } from './reconnect-policy';

const never = () => {
  throw new Error('random must not be used for this code');
};

describe('decideReconnect', () => {
  it('reconnects at once after 515 (restart required)', () => {
    expect(decideReconnect(515, 1, never)).toEqual({ action: 'reconnect', delayMs: 0 });
    expect(decideReconnect(515, 9, never)).toEqual({ action: 'reconnect', delayMs: 0 });
  });

  it.each([401, 403])('treats %i as logged out', (code) => {
    expect(decideReconnect(code, 1, never)).toEqual({ action: 'logged_out' });
  });

  it('waits the long "replaced" delay after 440 instead of fighting the other client', () => {
    expect(decideReconnect(440, 1, never)).toEqual({ action: 'reconnect', delayMs: defaultBackoff.replacedMs });
    const custom = { baseMs: 10, capMs: 100, replacedMs: 12_345 };
    expect(decideReconnect(DisconnectReason.connectionReplaced, 3, never, custom)).toEqual({ action: 'reconnect', delayMs: 12_345 });
  });

  it('stops on a multi-device mismatch (411)', () => {
    expect(decideReconnect(411, 1, never)).toMatchObject({ action: 'stop' });
  });

  it.each([428, 408, 500, 503, undefined])('backs off with jitter inside [ceiling/2, ceiling] after %s, never above the cap', (code) => {
    const options = defaultBackoff;
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1));
      const low = decideReconnect(code, attempt, () => 0, options);
      const high = decideReconnect(code, attempt, () => 0.999_999, options);
      for (const decision of [low, high]) {
        if (decision.action !== 'reconnect') throw new Error(`attempt ${attempt}: ${decision.action}`);
        expect(decision.delayMs).toBeGreaterThanOrEqual(ceiling / 2);
        expect(decision.delayMs).toBeLessThanOrEqual(ceiling);
        expect(decision.delayMs).toBeLessThanOrEqual(options.capMs);
      }
    }
  });

  it('grows the back-off with each attempt until the cap', () => {
    const delay = (attempt: number) => {
      const d = decideReconnect(428, attempt, () => 0.5);
      return d.action === 'reconnect' ? d.delayMs : Number.NaN;
    };
    expect(delay(2)).toBeGreaterThan(delay(1));
    expect(delay(5)).toBeGreaterThan(delay(4));
    expect(delay(20)).toBe(delay(30));
    expect(delay(30)).toBeLessThanOrEqual(defaultBackoff.capMs);
  });

  it('spreads accounts dropped together: different random draws give different delays', () => {
    const a = decideReconnect(428, 3, () => 0.1);
    const b = decideReconnect(428, 3, () => 0.9);
    expect(a).not.toEqual(b);
  });
});
