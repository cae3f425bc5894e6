import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageDto, MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { compareMessages } from '../cache-updates';
import { applyEventBatch } from '../event-bridge';
import { MESSAGES_PAGE_SIZE, queryKeys } from '../query-keys';

/**
 * One chat's messages: pages[0] is the newest page (or, with `aroundId`, the window opened at that
 * message); each page is oldest-first, and older pages are appended as the person scrolls up.
 */
export function useMessages(chatId: number | null, aroundId: number | null = null) {
  const client = useApiClient();
  const id = chatId ?? 0;
  return useInfiniteQuery({
    queryKey: aroundId === null ? queryKeys.messages(id) : queryKeys.messagesAround(id, aroundId),
    enabled: chatId !== null,
    queryFn: ({ pageParam }) =>
      pageParam === undefined && aroundId !== null
        ? client.call('messages.around', { chatId: id, messageId: aroundId, limit: MESSAGES_PAGE_SIZE })
        : client.call('messages.list', {
            chatId: id,
            limit: MESSAGES_PAGE_SIZE,
            ...(pageParam !== undefined && { beforeId: pageParam }),
          }),
    initialPageParam: undefined as number | undefined,
    // The server pages in (timestamp, id) order from the message given: the oldest one shown,
    // wherever events have placed rows since.
    getNextPageParam: (lastPage, allPages) => {
      // A window opened at a message is short at either end; only an empty older page says "no more".
      const isWindow = aroundId !== null && allPages.length === 1;
      if (lastPage.length === 0 || (!isWindow && lastPage.length < MESSAGES_PAGE_SIZE)) return undefined;
      const oldest = allPages.flat().reduce<MessageDto | undefined>((a, m) => (a === undefined || compareMessages(m, a) < 0 ? m : a), undefined);
      return oldest?.id;
    },
  });
}

const useApplyMessage = () => {
  const queryClient = useQueryClient();
  return (message: MessageDto) => applyEventBatch(queryClient, { topic: 'messages.upserted', items: [message] });
};

/** Goes through the outbox: the answer may be `queued` when the account is offline. */
export function useSendMessage() {
  const client = useApiClient();
  const apply = useApplyMessage();
  return useMutation({
    mutationFn: (request: MethodRequest<'messages.send'>) => client.call('messages.send', request),
    onSuccess: apply,
  });
}

export function useSendMedia() {
  const client = useApiClient();
  const apply = useApplyMessage();
  return useMutation({
    mutationFn: (request: MethodRequest<'messages.sendMedia'>) => client.call('messages.sendMedia', request),
    onSuccess: apply,
  });
}

/** Takes a queued message out of the outbox. */
export function useCancelMessage() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: { id: number; chatId: number }) => client.call('messages.cancel', { messageId: message.id }),
    onSuccess: (result, message) => {
      if (result.cancelled) applyEventBatch(queryClient, { topic: 'messages.removed', items: [{ id: message.id, chatId: message.chatId }] });
    },
  });
}

/** Downloads a message's media (first time, or again after a failure). */
export function useRetryMedia() {
  const client = useApiClient();
  const apply = useApplyMessage();
  return useMutation({
    mutationFn: (messageId: number) => client.call('messages.retryMedia', { messageId }),
    onSuccess: apply,
  });
}

/** One message's details while they are open; fetched fresh each time (receipts keep arriving). */
export function useMessageInfo(messageId: number, open: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.messageInfo(messageId),
    enabled: open,
    staleTime: 0,
    queryFn: () => client.call('messages.info', { messageId }),
  });
}
