import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatsPeriod } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { queryKeys } from '../query-keys';

// Stats figures: fetched for the chosen period and account; the stats refresher refetches them
// when the store changes. The previous figures stay on screen while new ones load.

export function useActivityStats(period: StatsPeriod | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.stats('activity', period ?? {}),
    queryFn: () => client.call('stats.activity', period!),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}

export function useResponseStats(period: StatsPeriod | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.stats('responses', period ?? {}),
    queryFn: () => client.call('stats.responses', period!),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}

export function useConversationStats(accountId: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.stats('conversations', { accountId }),
    queryFn: () => client.call('stats.conversations', accountId ? { accountId } : {}),
    placeholderData: keepPreviousData,
  });
}

export function useLiveStats() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.stats('live', {}), queryFn: () => client.call('stats.live', {}) });
}

export function useAssistantUsage(period: StatsPeriod | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.stats('assistant', period ?? {}),
    queryFn: () => client.call('stats.assistant', period!),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCampaignFunnel(period: StatsPeriod | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.stats('campaigns', period ?? {}),
    queryFn: () => client.call('stats.campaigns', period!),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}
