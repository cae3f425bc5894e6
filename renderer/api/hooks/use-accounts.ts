import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
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
    // The core also sends 'account.removed' to every window; applying it here makes this one instant.
    onSuccess: (_result, accountId) => applyEventBatch(queryClient, { topic: 'account.removed', items: [{ id: accountId }] }),
  });
}

export function useSimulateInbound() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'practice.simulateInbound'>) => client.call('practice.simulateInbound', request),
  });
}
