import { describe, expect, it } from 'vitest';
import { statsPeriodFor } from '../stats/period';
import { assistantCardPeriod, assistantCounters } from './assistant-stats';

describe('assistant counters', () => {
  it('count a failed call as a handover too, and say how many handovers were failures', () => {
    expect(assistantCounters({ answers: 5, handovers: 2, failures: 1 })).toEqual({ answers: 5, handovers: 3, failures: 1 });
    expect(assistantCounters({ answers: 0, handovers: 0, failures: 0 })).toEqual({ answers: 0, handovers: 0, failures: 0 });
  });

  it("the card asks for Stats' 30 days of that number: today and the 29 local days before it", () => {
    const period = assistantCardPeriod('acc-1', '2026-03-10');
    expect(period).toEqual(statsPeriodFor('30d', '2026-03-10', { accountId: 'acc-1' }));
    expect(period).toMatchObject({ from: new Date(2026, 1, 9).getTime(), to: new Date(2026, 2, 11).getTime(), accountId: 'acc-1' });
    expect(period.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
