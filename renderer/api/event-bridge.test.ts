import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  type AccountDto,
  type ChatDto,
  type EventBatch,
  type HistoryProgressDto,
  type InboxCountsDto,
  type LabelDto,
  type MessageDto,
  type NoteDto,
  type PairingDto,
  type QuickReplyDto,
} from '../../shared/contract';
import { accountDto, chatDto, messageDto } from '../../shared/testing/dto-fixtures';
import { applyEventBatch, connectEventBridge, createEventBridge } from './event-bridge';
import { ALL_CHATS, CHATS_PAGE_SIZE, MESSAGES_PAGE_SIZE, queryKeys, type ChatFilter } from './query-keys';
import type { ConnectionStatus, Transport } from './transport';

const account = (id: string, over: Partial<AccountDto> = {}): AccountDto => accountDto({ id, ...over });

const chat = (id: number, lastMessageAt: number | null, over: Partial<ChatDto> = {}): ChatDto => chatDto({ id, accountId: 'a1', lastMessageAt, ...over });

const message = (id: number, chatId: number, timestamp: number, over: Partial<MessageDto> = {}): MessageDto =>
  messageDto({ id, chatId, accountId: 'a1', waId: `WA${id}`, timestamp, ...over });

const pages = <T,>(...list: T[][]): InfiniteData<T[], number | undefined> => ({
  pages: list,
  pageParams: list.map((_, i) => (i === 0 ? undefined : i)),
});

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

const byAccount = (accountId: string): ChatFilter => ({ ...ALL_CHATS, accountId });
const chatIds = (client: QueryClient, filter: ChatFilter = ALL_CHATS) =>
  client.getQueryData<InfiniteData<ChatDto[]>>(queryKeys.chats(filter))?.pages.map((p) => p.map((c) => c.id));
const messageIds = (client: QueryClient, chatId: number) =>
  client.getQueryData<InfiniteData<MessageDto[]>>(queryKeys.messages(chatId))?.pages.map((p) => p.map((m) => m.id));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('event → cache bridge', () => {
  it('account.status replaces a known account in place and appends a new one', () => {
    const client = newClient();
    client.setQueryData(queryKeys.accounts, [account('a1'), account('a2')]);
    applyEventBatch(client, {
      topic: 'account.status',
      items: [account('a2', { state: 'connected', phone: '+5215512345678' }), account('a3')],
    });
    const list = client.getQueryData<AccountDto[]>(queryKeys.accounts);
    expect(list?.map((a) => [a.id, a.state])).toEqual([
      ['a1', 'connecting'],
      ['a2', 'connected'],
      ['a3', 'connecting'],
    ]);
    expect(list?.[1]?.phone).toBe('+5215512345678');
  });

  it('account.removed drops the account and refetches the lists that held its chats', async () => {
    const client = newClient();
    client.setQueryData(queryKeys.accounts, [account('a1'), account('a2')]);
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 100, { accountId: 'a1' })]));
    applyEventBatch(client, { topic: 'account.removed', items: [{ id: 'a1' }] });
    expect(client.getQueryData<AccountDto[]>(queryKeys.accounts)?.map((a) => a.id)).toEqual(['a2']);
    expect(client.getQueryState(queryKeys.chats(ALL_CHATS))?.isInvalidated).toBe(true);
  });

  it('account.pairing replaces the QR of that account only', () => {
    const client = newClient();
    const pairing = (accountId: string, qr: string | null, over: Partial<PairingDto> = {}): PairingDto => ({
      accountId,
      qr,
      code: null,
      expiresAt: 1_700_000_060_000,
      ...over,
    });
    client.setQueryData(queryKeys.pairing('a1'), pairing('a1', 'qr-1'));
    client.setQueryData(queryKeys.pairing('a2'), pairing('a2', 'other-qr'));
    applyEventBatch(client, { topic: 'account.pairing', items: [pairing('a1', 'qr-2', { expiresAt: 1_700_000_080_000 })] });
    expect(client.getQueryData<PairingDto>(queryKeys.pairing('a1'))).toEqual(pairing('a1', 'qr-2', { expiresAt: 1_700_000_080_000 }));
    expect(client.getQueryData<PairingDto>(queryKeys.pairing('a2'))?.qr).toBe('other-qr');

    // Linking by phone number: the QR gives way to the code.
    applyEventBatch(client, { topic: 'account.pairing', items: [pairing('a1', null, { code: 'ABCD1234' })] });
    expect(client.getQueryData<PairingDto>(queryKeys.pairing('a1'))).toMatchObject({ qr: null, code: 'ABCD1234' });
  });

  it('account.pairing fills a pairing screen whose first answer was "no QR yet", and no screen that is not open', () => {
    const client = newClient();
    client.setQueryData(queryKeys.pairing('a1'), null);
    applyEventBatch(client, {
      topic: 'account.pairing',
      items: [
        { accountId: 'a1', qr: 'qr-1', code: null, expiresAt: null },
        { accountId: 'a9', qr: 'qr-9', code: null, expiresAt: null },
      ],
    });
    expect(client.getQueryData<PairingDto>(queryKeys.pairing('a1'))?.qr).toBe('qr-1');
    // Not open: it fetches the current QR itself when it opens.
    expect(client.getQueryData(queryKeys.pairing('a9'))).toBeUndefined();
  });

  it('account.history keeps the latest progress per account, even before a card shows it', () => {
    const client = newClient();
    const progress = (accountId: string, over: Partial<HistoryProgressDto> = {}): HistoryProgressDto => ({
      accountId,
      chats: 0,
      messages: 0,
      percent: null,
      done: false,
      ...over,
    });
    applyEventBatch(client, { topic: 'account.history', items: [progress('a1', { chats: 3, messages: 40, percent: 12 })] });
    applyEventBatch(client, { topic: 'account.history', items: [progress('a2', { chats: 1, messages: 2 })] });
    applyEventBatch(client, { topic: 'account.history', items: [progress('a1', { chats: 30, messages: 900, percent: 100, done: true })] });
    expect(client.getQueryData<HistoryProgressDto>(queryKeys.history('a1'))).toEqual(progress('a1', { chats: 30, messages: 900, percent: 100, done: true }));
    expect(client.getQueryData<HistoryProgressDto>(queryKeys.history('a2'))).toEqual(progress('a2', { chats: 1, messages: 2 }));
  });

  it('account.removed forgets its pairing and history', () => {
    const client = newClient();
    client.setQueryData(queryKeys.accounts, [account('a1')]);
    client.setQueryData(queryKeys.pairing('a1'), { accountId: 'a1', qr: 'qr', code: null, expiresAt: null });
    client.setQueryData(queryKeys.history('a1'), { accountId: 'a1', chats: 1, messages: 1, percent: null, done: true });
    applyEventBatch(client, { topic: 'account.removed', items: [{ id: 'a1' }] });
    expect(client.getQueryData(queryKeys.pairing('a1'))).toBeUndefined();
    expect(client.getQueryData(queryKeys.history('a1'))).toBeUndefined();
  });

  it('replays a rotated QR that arrived while the pairing screen was fetching the old one', async () => {
    const client = newClient();
    const bridge = createEventBridge(client);
    const response = deferred<PairingDto | null>();
    const fetching = client.fetchQuery({ queryKey: queryKeys.pairing('a1'), queryFn: () => response.promise });
    bridge.apply({ topic: 'account.pairing', items: [{ accountId: 'a1', qr: 'qr-2', code: null, expiresAt: null }] });
    response.resolve({ accountId: 'a1', qr: 'qr-1', code: null, expiresAt: null });
    await fetching;
    expect(client.getQueryData<PairingDto>(queryKeys.pairing('a1'))?.qr).toBe('qr-2');
    bridge.dispose();
  });

  it('chats.removed drops a merged chat from every list and forgets its messages', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 300), chat(2, 200), chat(3, 100)]));
    client.setQueryData(queryKeys.messages(2), { pages: [[message(5, 2, 100)]], pageParams: [undefined] });
    applyEventBatch(client, { topic: 'chats.removed', items: [{ id: 2, mergedInto: 1 }] });
    expect(chatIds(client)).toEqual([[1, 3]]);
    expect(client.getQueryData(queryKeys.messages(2))).toBeUndefined();
  });

  it('leaves queries that were never loaded alone instead of inventing partial data', () => {
    const client = newClient();
    applyEventBatch(client, { topic: 'account.status', items: [account('a1')] });
    applyEventBatch(client, { topic: 'messages.upserted', items: [message(1, 7, 100)] });
    expect(client.getQueryData(queryKeys.accounts)).toBeUndefined();
    expect(client.getQueryData(queryKeys.messages(7))).toBeUndefined();
  });

  it('chats.upserted updates a chat, moves it to the top and keeps the list newest first', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 300), chat(2, 200), chat(3, 100)]));
    applyEventBatch(client, {
      topic: 'chats.upserted',
      items: [chat(3, 400, { lastMessagePreview: 'Hola', unreadCount: 1 }), chat(4, 250)],
    });
    expect(chatIds(client)).toEqual([[3, 1, 4, 2]]);
    const top = client.getQueryData<InfiniteData<ChatDto[]>>(queryKeys.chats(ALL_CHATS))?.pages[0]?.[0];
    expect(top).toMatchObject({ id: 3, lastMessagePreview: 'Hola', unreadCount: 1 });
  });

  it('keeps each page its size and puts new chats in the first page, re-sorting across pages', () => {
    const client = newClient();
    const full = Array.from({ length: CHATS_PAGE_SIZE }, (_, i) => chat(100 + i, 10_000 - i));
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages(full, [chat(1, 50), chat(2, 40)]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(2, 20_000), chat(999, 15_000)] });
    const ids = chatIds(client);
    expect(ids?.[0]).toHaveLength(CHATS_PAGE_SIZE + 1);
    expect(ids?.[0]?.slice(0, 3)).toEqual([2, 999, 100]);
    expect(ids?.[1]).toEqual([100 + CHATS_PAGE_SIZE - 1, 1]);
  });

  it('does not add an unknown chat older than everything loaded while older pages remain', () => {
    const client = newClient();
    const full = Array.from({ length: CHATS_PAGE_SIZE }, (_, i) => chat(100 + i, 10_000 - i));
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages(full));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(5, 1)] });
    expect(chatIds(client)?.flat()).not.toContain(5);

    // With everything loaded (a short last page) it does belong at the end.
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 300)]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(5, 1)] });
    expect(chatIds(client)).toEqual([[1, 5]]);
  });

  it('puts chats only into the lists whose account filter they match', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 100)]));
    client.setQueryData(queryKeys.chats(byAccount('a1')), pages([chat(1, 100)]));
    client.setQueryData(queryKeys.chats(byAccount('b2')), pages([chat(2, 100, { accountId: 'b2' })]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(9, 500, { accountId: 'b2' })] });
    expect(chatIds(client)).toEqual([[9, 1]]);
    expect(chatIds(client, byAccount('a1'))).toEqual([[1]]);
    expect(chatIds(client, byAccount('b2'))).toEqual([[9, 2]]);
  });

  it('sorts chats without any message after those with one', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 100)]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(2, null), chat(3, 50)] });
    expect(chatIds(client)).toEqual([[1, 3, 2]]);
  });

  it('messages.upserted appends new messages to their chat, oldest first, and updates others by id', () => {
    const client = newClient();
    client.setQueryData(queryKeys.messages(7), pages([message(1, 7, 100), message(2, 7, 200, { fromMe: true, status: 'pending' })]));
    client.setQueryData(queryKeys.messages(8), pages([message(50, 8, 100)]));
    applyEventBatch(client, {
      topic: 'messages.upserted',
      items: [message(3, 7, 300), message(2, 7, 200, { fromMe: true, status: 'read' }), message(51, 8, 150)],
    });
    expect(messageIds(client, 7)).toEqual([[1, 2, 3]]);
    const updated = client.getQueryData<InfiniteData<MessageDto[]>>(queryKeys.messages(7))?.pages[0]?.[1];
    expect(updated?.status).toBe('read');
    expect(messageIds(client, 8)).toEqual([[50, 51]]);
  });

  it('places a late message by its time among loaded ones, and into the newest page', () => {
    const client = newClient();
    const newest = Array.from({ length: MESSAGES_PAGE_SIZE }, (_, i) => message(100 + i, 7, 1000 + i));
    const older = [message(10, 7, 10), message(11, 7, 20)];
    client.setQueryData(queryKeys.messages(7), pages(newest, older));
    applyEventBatch(client, { topic: 'messages.upserted', items: [message(500, 7, 1000.5)] });
    const ids = messageIds(client, 7);
    expect(ids?.[1]).toEqual([10, 11]);
    expect(ids?.[0]?.slice(0, 3)).toEqual([100, 500, 101]);
    expect(ids?.[0]).toHaveLength(MESSAGES_PAGE_SIZE + 1);
  });

  it('replays an event that arrived while the query was fetching a stale snapshot', async () => {
    const client = newClient();
    const bridge = createEventBridge(client);
    const response = deferred<AccountDto[]>();
    const fetching = client.fetchQuery({ queryKey: queryKeys.accounts, queryFn: () => response.promise });
    bridge.apply({ topic: 'account.status', items: [account('a1', { state: 'connected' })] });
    response.resolve([account('a1', { state: 'connecting' }), account('a2')]);
    await fetching;
    expect(client.getQueryData<AccountDto[]>(queryKeys.accounts)?.map((a) => a.state)).toEqual(['connected', 'connecting']);
    bridge.dispose();
  });

  it('keeps a message that arrived while older messages were loading', async () => {
    const client = newClient();
    const bridge = createEventBridge(client);
    const firstPage = Array.from({ length: MESSAGES_PAGE_SIZE }, (_, i) => message(100 + i, 7, 1000 + i));
    const olderPage = deferred<MessageDto[]>();
    const queryFn = ({ pageParam }: { pageParam: number | undefined }) => (pageParam === undefined ? Promise.resolve(firstPage) : olderPage.promise);
    const options = {
      queryKey: queryKeys.messages(7),
      queryFn,
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (last: MessageDto[]) => (last.length < MESSAGES_PAGE_SIZE ? undefined : (last[0]?.id ?? undefined)),
    };
    await client.fetchInfiniteQuery(options);
    const { InfiniteQueryObserver } = await import('@tanstack/react-query');
    const observer = new InfiniteQueryObserver(client, options);
    const unsubscribe = observer.subscribe(() => {});
    const loadingOlder = observer.fetchNextPage();
    bridge.apply({ topic: 'messages.upserted', items: [message(999, 7, 5000)] });
    olderPage.resolve([message(1, 7, 1)]);
    await loadingOlder;
    const ids = messageIds(client, 7);
    expect(ids?.[1]).toEqual([1]);
    expect(ids?.[0]?.at(-1)).toBe(999);
    unsubscribe();
    bridge.dispose();
  });

  it('refetches everything after a reconnect, but not on the first connection', async () => {
    const client = newClient();
    let emitStatus: (s: ConnectionStatus) => void = () => {};
    let emitEvent: (b: EventBatch) => void = () => {};
    const transport: Transport = {
      invoke: async () => ({ ok: true, value: null }),
      onEvent: (listener) => {
        emitEvent = listener;
        return () => {};
      },
      onStatus: (listener) => {
        emitStatus = listener;
        listener('connecting');
        return () => {};
      },
      close: () => {},
    };
    let fetches = 0;
    await client.fetchQuery({ queryKey: queryKeys.accounts, queryFn: async () => (fetches++, [account('a1')]) });
    const observer = client.getQueryCache().find({ queryKey: queryKeys.accounts });
    const disconnect = connectEventBridge(transport, client);

    emitStatus('open');
    expect(observer?.state.isInvalidated).toBe(false);
    emitEvent({ topic: 'account.status', items: [account('a1', { state: 'connected' })] });
    expect(client.getQueryData<AccountDto[]>(queryKeys.accounts)?.[0]?.state).toBe('connected');

    emitStatus('reconnecting');
    emitStatus('open');
    expect(observer?.state.isInvalidated).toBe(true);
    expect(fetches).toBe(1); // inactive queries are only marked; they refetch when next shown
    disconnect();
  });
});

describe('event → cache bridge: the agent workflow', () => {
  it('messages.removed drops a cancelled message from its chat, also in a window opened at a message', () => {
    const client = newClient();
    client.setQueryData(queryKeys.messages(7), pages([message(1, 7, 100), message(2, 7, 200, { fromMe: true, status: 'queued' })]));
    client.setQueryData(queryKeys.messagesAround(7, 1), pages([message(1, 7, 100), message(2, 7, 200, { fromMe: true, status: 'queued' })]));
    client.setQueryData(queryKeys.messages(8), pages([message(2, 8, 50)]));
    applyEventBatch(client, { topic: 'messages.removed', items: [{ id: 2, chatId: 7 }] });
    expect(messageIds(client, 7)).toEqual([[1]]);
    expect(client.getQueryData<InfiniteData<MessageDto[]>>(queryKeys.messagesAround(7, 1))?.pages.map((p) => p.map((m) => m.id))).toEqual([[1]]);
    // Same id in another chat's cache is a different message: untouched.
    expect(messageIds(client, 8)).toEqual([[2]]);
  });

  it('a window opened at a message updates its rows but adds nothing after its newest one', () => {
    const client = newClient();
    client.setQueryData(queryKeys.messagesAround(7, 2), pages([message(1, 7, 100), message(2, 7, 200), message(3, 7, 300)]));
    applyEventBatch(client, {
      topic: 'messages.upserted',
      items: [message(2, 7, 200, { reactions: [{ emoji: '👍', count: 1, fromMe: false }] }), message(9, 7, 900)],
    });
    const window = client.getQueryData<InfiniteData<MessageDto[]>>(queryKeys.messagesAround(7, 2));
    expect(window?.pages.map((p) => p.map((m) => m.id))).toEqual([[1, 2, 3]]);
    expect(window?.pages[0]?.[1]?.reactions).toEqual([{ emoji: '👍', count: 1, fromMe: false }]);
  });

  it('labels.upserted adds and renames labels, sorted by name; labels.removed drops them', () => {
    const client = newClient();
    const label = (id: number, name: string, color = '#25a244'): LabelDto => ({ id, name, color });
    client.setQueryData(queryKeys.labels, [label(1, 'Mayorista'), label(2, 'VIP')]);
    applyEventBatch(client, { topic: 'labels.upserted', items: [label(3, 'Envío'), label(2, 'Clientes VIP', '#2f6fdf')] });
    expect(client.getQueryData<LabelDto[]>(queryKeys.labels)).toEqual([label(2, 'Clientes VIP', '#2f6fdf'), label(3, 'Envío'), label(1, 'Mayorista')]);
    applyEventBatch(client, { topic: 'labels.removed', items: [{ id: 1 }] });
    expect(client.getQueryData<LabelDto[]>(queryKeys.labels)?.map((l) => l.id)).toEqual([2, 3]);
  });

  it('notes.upserted and notes.removed touch only the notes of their chat', () => {
    const client = newClient();
    const note = (id: number, chatId: number, createdAt: number): NoteDto => ({ id, chatId, text: `note ${id}`, createdAt });
    client.setQueryData(queryKeys.notes(7), [note(1, 7, 100)]);
    client.setQueryData(queryKeys.notes(8), [note(5, 8, 100)]);
    applyEventBatch(client, { topic: 'notes.upserted', items: [note(2, 7, 200), note(6, 9, 50)] });
    expect(client.getQueryData<NoteDto[]>(queryKeys.notes(7))?.map((n) => n.id)).toEqual([1, 2]);
    expect(client.getQueryData(queryKeys.notes(9))).toBeUndefined();
    applyEventBatch(client, { topic: 'notes.removed', items: [{ id: 1, chatId: 7 }] });
    expect(client.getQueryData<NoteDto[]>(queryKeys.notes(7))?.map((n) => n.id)).toEqual([2]);
    expect(client.getQueryData<NoteDto[]>(queryKeys.notes(8))?.map((n) => n.id)).toEqual([5]);
  });

  it('quickReplies.upserted keeps the list sorted by shortcut; quickReplies.removed drops one', () => {
    const client = newClient();
    const reply = (id: number, shortcut: string, text = 'Hola {{nombre}}'): QuickReplyDto => ({ id, shortcut, text });
    client.setQueryData(queryKeys.quickReplies, [reply(1, 'horario')]);
    applyEventBatch(client, { topic: 'quickReplies.upserted', items: [reply(2, 'envio'), reply(1, 'horario', 'De 9 a 8')] });
    expect(client.getQueryData<QuickReplyDto[]>(queryKeys.quickReplies)).toEqual([reply(2, 'envio'), reply(1, 'horario', 'De 9 a 8')]);
    applyEventBatch(client, { topic: 'quickReplies.removed', items: [{ id: 2 }] });
    expect(client.getQueryData<QuickReplyDto[]>(queryKeys.quickReplies)?.map((r) => r.id)).toEqual([1]);
  });

  it('inbox.counts replaces the totals, even before anything asked for them', () => {
    const client = newClient();
    const counts = (unreadChats: number): InboxCountsDto => ({ unreadChats, unreadMessages: unreadChats * 2 });
    applyEventBatch(client, { topic: 'inbox.counts', items: [counts(3)] });
    expect(client.getQueryData<InboxCountsDto>(queryKeys.inboxCounts)).toEqual(counts(3));
    applyEventBatch(client, { topic: 'inbox.counts', items: [counts(0)] });
    expect(client.getQueryData<InboxCountsDto>(queryKeys.inboxCounts)).toEqual(counts(0));
  });

  it('replays inbox.counts that arrived while the totals were being fetched', async () => {
    const client = newClient();
    const bridge = createEventBridge(client);
    const response = deferred<InboxCountsDto>();
    const fetching = client.fetchQuery({ queryKey: queryKeys.inboxCounts, queryFn: () => response.promise });
    bridge.apply({ topic: 'inbox.counts', items: [{ unreadChats: 4, unreadMessages: 9 }] });
    response.resolve({ unreadChats: 1, unreadMessages: 1 });
    await fetching;
    expect(client.getQueryData<InboxCountsDto>(queryKeys.inboxCounts)).toEqual({ unreadChats: 4, unreadMessages: 9 });
    bridge.dispose();
  });

  it('pinned chats stay on top of the list', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 300), chat(2, 200), chat(3, 100)]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(3, 100, { pinned: true })] });
    expect(chatIds(client)).toEqual([[3, 1, 2]]);
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(2, 500)] });
    expect(chatIds(client)).toEqual([[3, 2, 1]]);
  });

  it('filtered lists gain and lose chats as their status, labels or archive flag change', () => {
    const client = newClient();
    const pending: ChatFilter = { ...ALL_CHATS, status: 'pending' };
    const vip: ChatFilter = { ...ALL_CHATS, labelId: 9 };
    const archived: ChatFilter = { ...ALL_CHATS, archived: true };
    client.setQueryData(queryKeys.chats(ALL_CHATS), pages([chat(1, 300), chat(2, 200)]));
    client.setQueryData(queryKeys.chats(pending), pages([chat(2, 200, { status: 'pending' })]));
    client.setQueryData(queryKeys.chats(vip), pages<ChatDto>([]));
    client.setQueryData(queryKeys.chats(archived), pages<ChatDto>([]));

    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(1, 300, { status: 'pending', labelIds: [9] }), chat(2, 200, { status: 'resolved' })] });
    expect(chatIds(client, pending)).toEqual([[1]]);
    expect(chatIds(client, vip)).toEqual([[1]]);

    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(1, 300, { status: 'pending', labelIds: [9], archived: true })] });
    expect(chatIds(client)).toEqual([[2]]);
    expect(chatIds(client, archived)).toEqual([[1]]);
    expect(chatIds(client, vip)).toEqual([[]]);
  });

  it('an "unread only" list keeps a chat that was just read, so the row being read does not vanish', () => {
    const client = newClient();
    const unread: ChatFilter = { ...ALL_CHATS, unreadOnly: true };
    client.setQueryData(queryKeys.chats(unread), pages([chat(1, 300, { unreadCount: 2 })]));
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(1, 300, { unreadCount: 0 }), chat(2, 400, { unreadCount: 0 })] });
    expect(chatIds(client, unread)).toEqual([[1]]);
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(3, 500, { unreadCount: 1 })] });
    expect(chatIds(client, unread)).toEqual([[3, 1]]);
  });

  it('keeps the open chat, its related chats and search results fresh', () => {
    const client = newClient();
    client.setQueryData(queryKeys.chat(1), chat(1, 100));
    client.setQueryData(queryKeys.related(1), [chat(5, 300, { accountId: 'b2' }), chat(1, 100)]);
    applyEventBatch(client, { topic: 'chats.upserted', items: [chat(1, 100, { pinned: true }), chat(5, 400, { accountId: 'b2', unreadCount: 1 })] });
    expect(client.getQueryData<ChatDto>(queryKeys.chat(1))?.pinned).toBe(true);
    expect(client.getQueryData<ChatDto[]>(queryKeys.related(1))?.map((c) => [c.id, c.unreadCount])).toEqual([
      [5, 1],
      [1, 0],
    ]);
    applyEventBatch(client, { topic: 'chats.removed', items: [{ id: 5, mergedInto: 1 }] });
    expect(client.getQueryData<ChatDto[]>(queryKeys.related(1))?.map((c) => c.id)).toEqual([1]);
  });
});
