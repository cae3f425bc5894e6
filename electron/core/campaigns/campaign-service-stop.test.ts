import { describe, expect, it } from 'vitest';
import { campaignHarness } from '../testing/campaign-harness';

describe('the campaign service at shutdown', () => {
  it('schedules no summary once stopped: the database is about to close', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    h.runner.stop();
    const before = h.clock.pendingTimers;
    h.service.campaignChanged(1);
    expect(h.clock.pendingTimers).toBe(before + 1);
    h.service.stop();
    expect(h.clock.pendingTimers).toBe(before);
    // A late ack or pause after stop() must not set a timer that would fire into a closed database.
    h.service.campaignChanged(1);
    expect(h.clock.pendingTimers).toBe(before);
  });
});
