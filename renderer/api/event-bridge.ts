import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import type {
  AccountDto,
  CampaignDto,
  CampaignRecipientDto,
  ChatDto,
  EventBatch,
  HistoryProgressDto,
  LabelDto,
  MessageDto,
  NoteDto,
  PairingDto,
  QuickReplyDto,
} from '../../shared/contract';
import { applyHandlerStates, type AssistantHandlers } from './assistant-cache';
import {
  compareLabels,
  compareNotes,
  compareQuickReplies,
  removeById,
  removeChatPages,
  removeMessagePages,
  replaceChats,
  upsertAccounts,
  upsertById,
  upsertChatPages,
  upsertMessagePages,
  type ChatPages,
  type MessagePages,
} from './cache-updates';
import { CHATS_PAGE_SIZE, MESSAGES_PAGE_SIZE, queryKeys, type ChatFilter } from './query-keys';
import { createStatsRefresher } from './stats-refresh';
import type { Transport } from './transport';

type Updater = (data: unknown) => unknown;

type RecipientPage = { items: CampaignRecipientDto[]; total: number };

/** A recipient whose state changed is replaced where it is shown (pages filtered by state are refetched when reopened). */
function replaceRecipients(page: RecipientPage | undefined, changed: Map<number, CampaignRecipientDto>): RecipientPage | undefined {
  if (!page || !page.items.some((r) => changed.has(r.id))) return page;
  return { ...page, items: page.items.map((r) => changed.get(r.id) ?? r) };
}

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
  const updateAll = (queryKey: QueryKey, updater: Updater, only: (key: QueryKey) => boolean = () => true) => {
    for (const query of cache.findAll({ queryKey })) if (only(query.queryKey)) update(queryClient, query, updater);
  };
  /** Values that replace the whole query: set even before anything fetched them. */
  const replaceValue = (queryKey: QueryKey, value: unknown) => {
    const query = cache.find({ queryKey, exact: true });
    if (query?.state.fetchStatus === 'fetching') update(queryClient, query, () => value);
    queryClient.setQueryData(queryKey, value);
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
      void queryClient.invalidateQueries({ queryKey: ['related'] });
      queryClient.removeQueries({ queryKey: ['chat'], predicate: (q) => ids.has((q.state.data as ChatDto | undefined)?.accountId ?? '') });
      break;
    }
    case 'chats.removed': {
      const ids = new Set(batch.items.map((c) => c.id));
      updateAll(queryKeys.allChats, (data) => removeChatPages(data as ChatPages | undefined, ids));
      updateAll(['related'], (list) => removeById(list as ChatDto[] | undefined, ids));
      for (const id of ids) {
        queryClient.removeQueries({ queryKey: queryKeys.chat(id), exact: true });
        // Also the windows opened around one of its messages.
        queryClient.removeQueries({ queryKey: queryKeys.messages(id) });
        queryClient.removeQueries({ queryKey: queryKeys.notes(id), exact: true });
        queryClient.removeQueries({ queryKey: queryKeys.related(id), exact: true });
      }
      // The surviving chat now holds the moved messages.
      for (const { mergedInto } of batch.items) {
        if (mergedInto === null) continue;
        void queryClient.invalidateQueries({ queryKey: queryKeys.messages(mergedInto) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.notes(mergedInto), exact: true });
        void queryClient.invalidateQueries({ queryKey: queryKeys.related(mergedInto), exact: true });
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
        const filter = chatListFilter(query.queryKey);
        if (filter === undefined) continue;
        update(queryClient, query, (data) => upsertChatPages(data as ChatPages | undefined, items, filter, CHATS_PAGE_SIZE));
      }
      for (const chat of items) updateExact(queryKeys.chat(chat.id), () => chat);
      updateAll(['related'], (data) => replaceChats(data as ChatDto[] | undefined, items));
      break;
    }
    case 'messages.upserted': {
      for (const [chatId, items] of groupByChat<MessageDto>(batch.items)) {
        updateExact(queryKeys.messages(chatId), (data) => upsertMessagePages(data as MessagePages | undefined, items, MESSAGES_PAGE_SIZE));
        updateAll(
          queryKeys.messages(chatId),
          (data) => upsertMessagePages(data as MessagePages | undefined, items, MESSAGES_PAGE_SIZE, { window: true }),
          isAroundKey,
        );
      }
      break;
    }
    case 'messages.removed': {
      for (const [chatId, items] of groupByChat(batch.items)) {
        const ids = new Set(items.map((m) => m.id));
        updateAll(queryKeys.messages(chatId), (data) => removeMessagePages(data as MessagePages | undefined, ids));
      }
      break;
    }
    case 'labels.upserted': {
      const items: LabelDto[] = batch.items;
      updateExact(queryKeys.labels, (list) => upsertById(list as LabelDto[] | undefined, items, compareLabels));
      break;
    }
    case 'labels.removed': {
      const ids = new Set(batch.items.map((l) => l.id));
      updateExact(queryKeys.labels, (list) => removeById(list as LabelDto[] | undefined, ids));
      break;
    }
    case 'notes.upserted': {
      for (const [chatId, items] of groupByChat<NoteDto>(batch.items)) {
        updateExact(queryKeys.notes(chatId), (list) => upsertById(list as NoteDto[] | undefined, items, compareNotes));
      }
      break;
    }
    case 'notes.removed': {
      for (const [chatId, items] of groupByChat(batch.items)) {
        const ids = new Set(items.map((n) => n.id));
        updateExact(queryKeys.notes(chatId), (list) => removeById(list as NoteDto[] | undefined, ids));
      }
      break;
    }
    case 'quickReplies.upserted': {
      const items: QuickReplyDto[] = batch.items;
      updateExact(queryKeys.quickReplies, (list) => upsertById(list as QuickReplyDto[] | undefined, items, compareQuickReplies));
      break;
    }
    case 'quickReplies.removed': {
      const ids = new Set(batch.items.map((q) => q.id));
      updateExact(queryKeys.quickReplies, (list) => removeById(list as QuickReplyDto[] | undefined, ids));
      break;
    }
    case 'assistant.status': {
      // The card's figures are a Stats query: the stats refresher refetches them after this event.
      for (const config of batch.items) replaceValue(queryKeys.assistant(config.accountId), config);
      updateExact(queryKeys.assistantHandlers, (data) => applyHandlerStates(data as AssistantHandlers | undefined, [], batch.items));
      break;
    }
    case 'assistant.handler': {
      updateExact(queryKeys.assistantHandlers, (data) => applyHandlerStates(data as AssistantHandlers | undefined, batch.items, []));
      break;
    }
    case 'inbox.counts': {
      const latest = batch.items[batch.items.length - 1];
      if (latest) replaceValue(queryKeys.inboxCounts, latest);
      break;
    }
    case 'campaigns.upserted': {
      const items: CampaignDto[] = batch.items;
      updateExact(queryKeys.campaigns, (list) => upsertById(list as CampaignDto[] | undefined, items, (a, b) => b.id - a.id));
      for (const campaign of items) {
        updateExact(queryKeys.campaign(campaign.id), () => campaign);
        // The report is recomputed by the core; only an open one refetches.
        void queryClient.invalidateQueries({ queryKey: queryKeys.campaignReport(campaign.id) });
      }
      break;
    }
    case 'campaigns.recipient': {
      const byCampaign = new Map<number, CampaignRecipientDto[]>();
      for (const r of batch.items) byCampaign.set(r.campaignId, [...(byCampaign.get(r.campaignId) ?? []), r]);
      for (const [campaignId, items] of byCampaign) {
        const changed = new Map(items.map((r) => [r.id, r]));
        updateAll(['campaign', campaignId, 'recipients'], (data) => replaceRecipients(data as RecipientPage | undefined, changed));
      }
      break;
    }
    case 'campaigns.import': {
      for (const progress of batch.items) replaceValue(queryKeys.audienceImport(progress.draftId), progress);
      break;
    }
    case 'campaigns.whatsAppCheck': {
      const latest = batch.items.at(-1);
      if (latest) replaceValue(queryKeys.whatsAppCheck, latest);
      break;
    }
    case 'campaigns.suppressed':
      break;
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

/** The filter of a `queryKeys.chats(...)` key; undefined for any other key under 'chats'. */
function chatListFilter(key: QueryKey): ChatFilter | undefined {
  const filter = key[1];
  if (key.length !== 2 || typeof filter !== 'object' || filter === null || !('accountId' in filter) || !('archived' in filter)) return undefined;
  return filter as ChatFilter;
}

function isAroundKey(key: QueryKey): boolean {
  return key.length === 4 && key[2] === 'around';
}

function groupByChat<T extends { chatId: number }>(items: T[]): Map<number, T[]> {
  const byChat = new Map<number, T[]>();
  for (const item of items) byChat.set(item.chatId, [...(byChat.get(item.chatId) ?? []), item]);
  return byChat;
}

/**
 * Wires a transport to the cache: event batches update it, and after a reconnect everything is
 * refetched because events sent while we were away are lost.
 */
export function connectEventBridge(transport: Transport, queryClient: QueryClient): () => void {
  const bridge = createEventBridge(queryClient);
  const stats = createStatsRefresher(queryClient);
  const offEvent = transport.onEvent((batch) => {
    bridge.apply(batch);
    stats.notice(batch);
  });
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
    stats.dispose();
  };
}
