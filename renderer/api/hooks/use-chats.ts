import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
import { CHATS_PAGE_SIZE, queryKeys } from '../query-keys';

/** Conversations newest first, a page at a time; accountId null = all accounts. */
export function useChats(accountId: string | null = null) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: queryKeys.chats(accountId),
    queryFn: ({ pageParam }) =>
      client.call('chats.list', {
        limit: CHATS_PAGE_SIZE,
        ...(accountId !== null && { accountId }),
        ...(pageParam !== undefined && { before: pageParam }),
      }),
    initialPageParam: undefined as { lastMessageAt: number; id: number } | undefined,
    getNextPageParam: (lastPage) => {
      const last = lastPage.at(-1);
      if (lastPage.length < CHATS_PAGE_SIZE || !last || last.lastMessageAt === null) return undefined;
      return { lastMessageAt: last.lastMessageAt, id: last.id };
    },
  });
}

export function useMarkChatRead() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (chatId: number) => client.call('chats.markRead', { chatId }),
    onSuccess: (chat) => applyEventBatch(queryClient, { topic: 'chats.upserted', items: [chat] }),
  });
}
