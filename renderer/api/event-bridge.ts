import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import type { AccountDto, ChatDto, EventBatch, HistoryProgressDto, MessageDto, PairingDto } from '../../shared/contract';
import {
  removeChatPages,
  upsertAccounts,
  upsertChatPages,
  upsertMessagePages,
  type ChatPages,
  type MessagePages,
} from './cache-updates';
import { CHATS_PAGE_SIZE, MESSAGES_PAGE_SIZE, queryKeys } from './query-keys';
import type { Transport } from './transport';

type Updater = (data: unknown) => unknown;

export interface EventBridge {
  apply(batch: EventBatch): void;
  dispose(): void;
}

/** How one query gets an updater: the bridge replays it after a fetch in flight; mutations need not. */
type UpdateQuery = (queryClient: QueryClient, query: Query, updater: Updater) => void;

const setIfLoaded: UpdateQuery = (queryClient, query, updater) => {
  if (query.state.data !== undefined) queryClient.setQueryData(query.queryKey, updater);
};

/**
 * Applies one batch to every cached query it concerns. Queries not loaded yet are left alone:
 * they will fetch the current state themselves.
 */
export function applyEventBatch(queryClient: QueryClient, batch: EventBatch, update: UpdateQuery = setIfLoaded): void {
  const cache = queryClient.getQueryCache();
  const updateExact = (queryKey: QueryKey, updater: Updater) => {
    const query = cache.find({ queryKey, exact: true });
    if (query) update(queryClient, query, updater);
  };
  switch (batch.topic) {
    case 'account.status': {
      const items: AccountDto[] = batch.items;
      updateExact(queryKeys.accounts, (list) => upsertAccounts(list as AccountDto[] | undefined, items));
      break;
    }
    case 'account.removed': {
      const ids = new Set(batch.items.map((a) => a.id));
      updateExact(queryKeys.accounts, (list) => (list as AccountDto[] | undefined)?.filter((a) => !ids.has(a.id)));
      for (const id of ids) {
        queryClient.removeQueries({ queryKey: queryKeys.pairing(id), exact: true });
        queryClient.removeQueries({ queryKey: queryKeys.history(id), exact: true });
      }
      // Its conversations went with it: refetch the lists that may hold them.
      void queryClient.invalidateQueries({ queryKey: queryKeys.allChats });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allMessages });
      break;
    }
    case 'chats.removed': {
      const ids = new Set(batch.items.map((c) => c.id));
      for (const query of cache.findAll({ queryKey: queryKeys.allChats })) {
        update(queryClient, query, (data) => removeChatPages(data as ChatPages | undefined, ids));
      }
      for (const id of ids) queryClient.removeQueries({ queryKey: queryKeys.messages(id), exact: true });
      // The surviving chat now holds the moved messages.
      for (const { mergedInto } of batch.items) {
        if (mergedInto !== null) void queryClient.invalidateQueries({ queryKey: queryKeys.messages(mergedInto), exact: true });
      }
      break;
    }
    case 'account.pairing': {
      // The latest QR or code replaces the previous one: a rotated QR must never stay on screen.
      for (const item of batch.items) {
        const pairing: PairingDto = item;
        updateExact(queryKeys.pairing(pairing.accountId), () => pairing);
      }
      break;
    }
    case 'account.history': {
      // Nothing can fetch this progress, so it is kept even when no screen is showing it yet.
      for (const item of batch.items) {
        const progress: HistoryProgressDto = item;
        queryClient.setQueryData(queryKeys.history(progress.accountId), progress);
      }
      break;
    }
    case 'chats.upserted': {
      const items: ChatDto[] = batch.items;
      for (const query of cache.findAll({ queryKey: queryKeys.allChats })) {
        const accountId = chatListAccount(query.queryKey);
        if (accountId === undefined) continue;
        update(queryClient, query, (data) => upsertChatPages(data as ChatPages | undefined, items, accountId, CHATS_PAGE_SIZE));
      }
      break;
    }
    case 'messages.upserted': {
      const byChat = new Map<number, MessageDto[]>();
      for (const message of batch.items) byChat.set(message.chatId, [...(byChat.get(message.chatId) ?? []), message]);
      for (const [chatId, items] of byChat) {
        updateExact(queryKeys.messages(chatId), (data) => upsertMessagePages(data as MessagePages | undefined, items, MESSAGES_PAGE_SIZE));
      }
      break;
    }
  }
}

/**
 * The event→cache bridge; the renderer never polls.
 *
 * A fetch that is in flight when an event arrives would overwrite the event's change with the
 * snapshot it started from (react-query builds infinite pages from the data at fetch start), so
 * updates to a fetching query are replayed once that fetch succeeds. Replaying is safe: upserts
 * are idempotent and any later change comes with its own event.
 */
export function createEventBridge(queryClient: QueryClient): EventBridge {
  const replays = new Map<string, Updater[]>();

  const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const pending = replays.get(event.query.queryHash);
    if (!pending) return;
    if (event.action.type === 'success' && !event.action.manual) {
      replays.delete(event.query.queryHash);
      for (const updater of pending) queryClient.setQueryData(event.query.queryKey, updater);
    } else if (event.action.type === 'error') {
      replays.delete(event.query.queryHash);
    }
  });

  const updateOrReplay: UpdateQuery = (client, query, updater) => {
    setIfLoaded(client, query, updater);
    if (query.state.fetchStatus === 'fetching') replays.set(query.queryHash, [...(replays.get(query.queryHash) ?? []), updater]);
  };

  return {
    apply: (batch) => applyEventBatch(queryClient, batch, updateOrReplay),
    dispose() {
      unsubscribeCache();
      replays.clear();
    },
  };
}

/** The account filter of a `queryKeys.chats(...)` key; undefined for any other key under 'chats'. */
function chatListAccount(key: QueryKey): string | null | undefined {
  const filter = key[1];
  if (key.length !== 2 || typeof filter !== 'object' || filter === null || !('accountId' in filter)) return undefined;
  const accountId = (filter as { accountId: unknown }).accountId;
  return typeof accountId === 'string' || accountId === null ? accountId : undefined;
}

/**
 * Wires a transport to the cache: event batches update it, and after a reconnect everything is
 * refetched because events sent while we were away are lost.
 */
export function connectEventBridge(transport: Transport, queryClient: QueryClient): () => void {
  const bridge = createEventBridge(queryClient);
  const offEvent = transport.onEvent((batch) => bridge.apply(batch));
  let wasOpen = false;
  const offStatus = transport.onStatus((status) => {
    if (status !== 'open') return;
    if (wasOpen) void queryClient.invalidateQueries();
    wasOpen = true;
  });
  return () => {
    offEvent();
    offStatus();
    bridge.dispose();
  };
}
