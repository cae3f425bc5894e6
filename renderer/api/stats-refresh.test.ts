import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from './query-keys';
import { createStatsRefresher } from './stats-refresh';

describe('stats refresher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refetches the Stats queries once per interval however many events arrive, and ignores unrelated ones', () => {
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const refresher = createStatsRefresher(queryClient, 2000);

    refresher.notice({ topic: 'labels.upserted', items: [] });
    vi.advanceTimersByTime(5000);
    expect(invalidate).not.toHaveBeenCalled();

    for (let i = 0; i < 50; i++) refresher.notice({ topic: 'messages.upserted', items: [] });
    vi.advanceTimersByTime(0);
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.allStats });

    refresher.notice({ topic: 'account.status', items: [] });
    vi.advanceTimersByTime(1000);
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(invalidate).toHaveBeenCalledTimes(2);

    refresher.notice({ topic: 'chats.upserted', items: [] });
    refresher.dispose();
    vi.advanceTimersByTime(5000);
    expect(invalidate).toHaveBeenCalledTimes(2);
  });
});
