import type { QueryClient } from '@tanstack/react-query';
import type { EventBatch, EventTopic } from '../../shared/contract';
import { queryKeys } from './query-keys';

/** Events after which some Stats figure may have changed. */
const STATS_TOPICS = new Set<EventTopic>([
  'messages.upserted',
  'messages.removed',
  'chats.upserted',
  'chats.removed',
  'account.status',
  'account.removed',
  'account.history',
  'campaigns.upserted',
  'campaigns.recipient',
  'assistant.status',
]);

/**
 * Keeps an open Stats screen live without polling: after a relevant event its queries are
 * refetched, at most once per `intervalMs` (a history import sends events many times a second).
 * Only queries on screen refetch; the others are just marked stale.
 */
export function createStatsRefresher(queryClient: QueryClient, intervalMs = 2000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const refresh = () => {
    timer = undefined;
    last = Date.now();
    void queryClient.invalidateQueries({ queryKey: queryKeys.allStats });
  };
  return {
    notice(batch: EventBatch) {
      if (!STATS_TOPICS.has(batch.topic) || timer) return;
      timer = setTimeout(refresh, Math.max(0, last + intervalMs - Date.now()));
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
