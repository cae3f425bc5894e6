import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { queryKeys } from '../query-keys';

/** Connected / last sync / events waiting: polled every 2 s while the card is on screen. */
export function useSyncStatus() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => client.call('sync.status', {}), refetchInterval: 2_000 });
}

export function useSyncConnect() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'sync.connect'>) => client.call('sync.connect', request),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.syncStatus, status),
  });
}

export function useSyncDisconnect() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.call('sync.disconnect', {}),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.syncStatus, status),
  });
}
