import { activityStats, assistantUsage, campaignFunnel, conversationStats, liveFigures, responseStats } from '../stats/stats-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';

/** Dirty conversations brought up to date before answering, so a reply just sent already counts. */
const FRESH_CHATS = 50;

export function createStatsHandlers({ orm, accounts, responseTracker }: HandlerDeps): HandlersFor<'stats.activity' | 'stats.responses' | 'stats.conversations' | 'stats.live' | 'stats.assistant' | 'stats.campaigns'> {
  return {
    'stats.activity': (period) => activityStats(orm, period),
    'stats.responses': (period) => {
      responseTracker?.processBatch(FRESH_CHATS);
      return responseStats(orm, period, responseTracker?.pending() ?? 0);
    },
    'stats.conversations': ({ accountId }) => conversationStats(orm, accountId),
    'stats.assistant': (period) => assistantUsage(orm, period),
    'stats.campaigns': (period) => campaignFunnel(orm, period),
    'stats.live': () => ({
      accounts: accounts.list().map(({ id, label, state }) => ({ id, label, state })),
      ...liveFigures(orm),
    }),
  };
}
