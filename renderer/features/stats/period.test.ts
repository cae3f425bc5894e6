import { describe, expect, it } from 'vitest';
import { dayInput, rangeFor } from './period';

const local = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).getTime();

describe('rangeFor', () => {
  const now = local(2026, 3, 10, 15);

  it('ends every preset at the end of today, in local days', () => {
    expect(rangeFor('today', now)).toEqual({ from: local(2026, 3, 10), to: local(2026, 3, 11) });
    expect(rangeFor('7d', now)).toEqual({ from: local(2026, 3, 4), to: local(2026, 3, 11) });
    expect(rangeFor('30d', now)).toEqual({ from: local(2026, 2, 9), to: local(2026, 3, 11) });
  });

  it('covers both custom days whole and refuses reversed, missing or too long periods', () => {
    expect(rangeFor('custom', now, { fromDay: '2026-01-01', toDay: '2026-01-31' })).toEqual({ from: local(2026, 1, 1), to: local(2026, 2, 1) });
    expect(rangeFor('custom', now, { fromDay: '2026-02-01', toDay: '2026-01-31' })).toBeNull();
    expect(rangeFor('custom', now, { fromDay: '', toDay: '2026-01-31' })).toBeNull();
    expect(rangeFor('custom', now, { fromDay: '2024-01-01', toDay: '2026-01-31' })).toBeNull();
    expect(rangeFor('custom', now, { fromDay: '2025-01-01', toDay: '2025-12-31' })).not.toBeNull();
  });

  it('writes dates the way a date input reads them', () => {
    expect(dayInput(local(2026, 3, 9, 23))).toBe('2026-03-09');
  });
});
