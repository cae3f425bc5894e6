import { skipToken, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ChatDto, MethodRequest, SearchHitDto } from '../../../shared/contract';
import { useUiStore } from '../../stores/ui-store';
import { useApiClient } from '../api-context';
import type { ChatPages } from '../cache-updates';
import { applyEventBatch } from '../event-bridge';
import { CHATS_PAGE_SIZE, queryKeys, type ChatFilter } from '../query-keys';

/** One filtered conversation list, pinned first then newest, a page at a time. */
export function useChats(filter: ChatFilter) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: queryKeys.chats(filter),
    queryFn: ({ pageParam }) =>
      client.call('chats.list', {
        limit: CHATS_PAGE_SIZE,
        archived: filter.archived,
        ...(filter.accountId !== null && { accountId: filter.accountId }),
        ...(filter.unreadOnly && { unreadOnly: true }),
        ...(filter.labelId !== null && { labelId: filter.labelId }),
        ...(filter.status !== null && { status: filter.status }),
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

/** The open conversation's row (seeded by useOpenChat, kept fresh by chats.upserted). */
export function useChat(chatId: number | null): ChatDto | undefined {
  return useQuery<ChatDto>({ queryKey: queryKeys.chat(chatId ?? 0), queryFn: skipToken, enabled: chatId !== null }).data;
}

/** Finds a chat anywhere in the cache: the lists, search results, related chats. */
export function findCachedChat(queryClient: QueryClient, chatId: number): ChatDto | undefined {
  const own = queryClient.getQueryData<ChatDto>(queryKeys.chat(chatId));
  if (own) return own;
  for (const [, data] of queryClient.getQueriesData<ChatPages>({ queryKey: queryKeys.allChats })) {
    for (const page of data?.pages ?? []) {
      const found = page.find((c) => c.id === chatId);
      if (found) return found;
    }
  }
  for (const [, list] of queryClient.getQueriesData<ChatDto[]>({ queryKey: ['related'] })) {
    const found = list?.find((c) => c.id === chatId);
    if (found) return found;
  }
  for (const [, result] of queryClient.getQueriesData<{ chats: ChatDto[]; messages: SearchHitDto[] }>({ queryKey: ['search'] })) {
    const found = result?.chats.find((c) => c.id === chatId) ?? result?.messages.find((h) => h.chat.id === chatId)?.chat;
    if (found) return found;
  }
  return undefined;
}

/** Opens a conversation (optionally at one message) and remembers its row while it is open. */
export function useOpenChat() {
  const queryClient = useQueryClient();
  const openChat = useUiStore((s) => s.openChat);
  return useCallback(
    (chat: ChatDto | number, messageId?: number) => {
      const row = typeof chat === 'number' ? findCachedChat(queryClient, chat) : chat;
      const chatId = typeof chat === 'number' ? chat : chat.id;
      if (row) queryClient.setQueryData(queryKeys.chat(chatId), row);
      openChat(chatId, messageId);
    },
    [queryClient, openChat],
  );
}

const applyChat = (queryClient: QueryClient) => (chat: ChatDto) => applyEventBatch(queryClient, { topic: 'chats.upserted', items: [chat] });

export function useMarkChatRead() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (chatId: number) => client.call('chats.markRead', { chatId }),
    onSuccess: applyChat(queryClient),
  });
}

/** Status, pin, archive, mute. */
export function useUpdateChat() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'chats.update'>) => client.call('chats.update', request),
    onSuccess: applyChat(queryClient),
  });
}

/** Assigns the conversation to a colleague (null = nobody); shared with other workstations through the central server. */
export function useAssignChat() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'chats.assign'>) => client.call('chats.assign', request),
    onSuccess: applyChat(queryClient),
  });
}

export function useSetChatLabels() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'chats.setLabels'>) => client.call('chats.setLabels', request),
    onSuccess: applyChat(queryClient),
  });
}

/** The same customer's conversations on all our numbers; the first is where they wrote last. */
export function useRelatedChats(chatId: number) {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.related(chatId), queryFn: () => client.call('chats.related', { chatId }) });
}
