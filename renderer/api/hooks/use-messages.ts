import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageDto, MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { compareMessages } from '../cache-updates';
import { applyEventBatch } from '../event-bridge';
import { MESSAGES_PAGE_SIZE, queryKeys } from '../query-keys';

/** One chat's messages: pages[0] is the newest page; each page is oldest-first. */
export function useMessages(chatId: number | null) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: queryKeys.messages(chatId ?? 0),
    enabled: chatId !== null,
    queryFn: ({ pageParam }) =>
      client.call('messages.list', {
        chatId: chatId ?? 0,
        limit: MESSAGES_PAGE_SIZE,
        ...(pageParam !== undefined && { beforeId: pageParam }),
      }),
    initialPageParam: undefined as number | undefined,
    // The server pages in (timestamp, id) order from the message given: the oldest one shown,
    // wherever events have placed rows since.
    getNextPageParam: (lastPage, allPages) => {
      if (lastPage.length < MESSAGES_PAGE_SIZE) return undefined;
      const oldest = allPages.flat().reduce<MessageDto | undefined>((a, m) => (a === undefined || compareMessages(m, a) < 0 ? m : a), undefined);
      return oldest?.id;
    },
  });
}

export function useSendMessage() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'messages.send'>) => client.call('messages.send', request),
    onSuccess: (message) => applyEventBatch(queryClient, { topic: 'messages.upserted', items: [message] }),
  });
}
