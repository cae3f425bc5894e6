import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AccountDto, HistoryProgressDto, MethodRequest, PairingDto } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
import { queryKeys } from '../query-keys';

/** Mutations that answer with the account apply it at once; the core's event follows for other windows. */
const applyAccount = (queryClient: QueryClient) => (account: AccountDto) =>
  applyEventBatch(queryClient, { topic: 'account.status', items: [account] });

export function useAccounts() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.accounts, queryFn: () => client.call('accounts.list', {}) });
}

export function useAddPracticeAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.addPractice'>) => client.call('accounts.addPractice', request),
    onSuccess: applyAccount(queryClient),
  });
}

export function useAddWhatsAppAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.addWhatsApp'>) => client.call('accounts.addWhatsApp', request),
    onSuccess: applyAccount(queryClient),
  });
}

/** The QR or code of an account being linked. Fetched each time a pairing screen opens; events keep it fresh. */
export function usePairing(accountId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.pairing(accountId),
    queryFn: () => client.call('accounts.pairing', { accountId }),
    refetchOnMount: 'always',
  });
}

export function useRequestPairingCode() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.requestPairingCode'>) => client.call('accounts.requestPairingCode', request),
    onSuccess: (pairing: PairingDto) => queryClient.setQueryData(queryKeys.pairing(pairing.accountId), pairing),
  });
}

/** The latest history-import progress of an account, as events bring it (undefined: none seen). */
export function useHistoryProgress(accountId: string): HistoryProgressDto | undefined {
  return useQuery<HistoryProgressDto>({ queryKey: queryKeys.history(accountId), queryFn: skipToken }).data;
}

/** Reconnect now, or "Try again" / "Link again" after an expired QR or a log-out. */
export function useReconnectAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => client.call('accounts.reconnect', { accountId }),
    onSuccess: (account) => {
      applyAccount(queryClient)(account);
      // The old QR or code is dead: drop it and ask for the new one if a pairing screen is open.
      queryClient.setQueryData(queryKeys.pairing(account.id), null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.pairing(account.id), exact: true });
    },
  });
}

export function useDisconnectAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => client.call('accounts.disconnect', { accountId }),
    onSuccess: applyAccount(queryClient),
  });
}

export function useLogoutAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => client.call('accounts.logout', { accountId }),
    onSuccess: applyAccount(queryClient),
  });
}

export function useUpdateAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.update'>) => client.call('accounts.update', request),
    onSuccess: applyAccount(queryClient),
  });
}

export function useRemoveAccount() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'accounts.remove'>) => client.call('accounts.remove', request),
    // The core also sends 'account.removed' to every window; applying it here makes this one instant.
    onSuccess: (_result, request) => applyEventBatch(queryClient, { topic: 'account.removed', items: [{ id: request.accountId }] }),
  });
}

export function useSimulateInbound() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'practice.simulateInbound'>) => client.call('practice.simulateInbound', request),
  });
}
