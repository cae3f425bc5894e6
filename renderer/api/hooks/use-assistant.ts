import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest, TryTurn } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
import { queryKeys } from '../query-keys';

export function useAssistant(accountId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.assistant(accountId ?? ''),
    queryFn: accountId ? () => client.call('assistant.get', { accountId }) : skipToken,
  });
}

export function useUpdateAssistant() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'assistant.update'>) => client.call('assistant.update', request),
    onSuccess: (config) => applyEventBatch(queryClient, { topic: 'assistant.status', items: [config] }),
  });
}

/** "Try the assistant": nothing is stored but the tokens it spends. */
export function useTryAssistant() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (request: { accountId: string; turns: TryTurn[] }) => client.call('assistant.try', request),
  });
}

export function useAssistantHandlers() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.assistantHandlers, queryFn: () => client.call('assistant.handlers', {}) });
}

/** "Take over" / "Give back to the assistant". */
export function useSetChatHandler() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'assistant.setHandler'>) => client.call('assistant.setHandler', request),
    onSuccess: (state) => applyEventBatch(queryClient, { topic: 'assistant.handler', items: [state] }),
  });
}
