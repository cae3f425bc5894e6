import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { removeAccount } from '../cache-updates';
import { applyEventBatch, markAccountRemoved } from '../event-bridge';
import { queryKeys } from '../query-keys';

export function useAccounts() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.accounts, queryFn: () => client.call('accounts.list', {}) });
}

export function useAddPracticeAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.addPractice'>) => client.call('accounts.addPractice', request),
    onSuccess: (account) => applyEventBatch(queryClient, { topic: 'account.status', items: [account] }),
  });
}

export function useRemoveAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => client.call('accounts.remove', { accountId }),
    onSuccess: (_result, accountId) => {
      // No event announces a removal, so drop it here and refetch what may hold its chats.
      markAccountRemoved(queryClient, accountId);
      queryClient.setQueryData(queryKeys.accounts, (list: Parameters<typeof removeAccount>[0]) => removeAccount(list, accountId));
      void queryClient.invalidateQueries({ queryKey: queryKeys.allChats });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allMessages });
    },
  });
}

export function useSimulateInbound() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'practice.simulateInbound'>) => client.call('practice.simulateInbound', request),
  });
}
