import type { InfiniteData } from '@tanstack/react-query';
import type { AccountDto, ChatDto, LabelDto, MessageDto, NoteDto, QuickReplyDto } from '../../shared/contract';
import type { ChatFilter } from './query-keys';

/** Pure cache updaters, shared by the event bridge and by mutations that get fresh rows back. */

export type ChatPages = InfiniteData<ChatDto[], { lastMessageAt: number; id: number } | undefined>;
/** pages[0] is the newest page; each page is oldest-first. */
export type MessagePages = InfiniteData<MessageDto[], number | undefined>;

export function upsertAccounts(list: AccountDto[] | undefined, items: AccountDto[]): AccountDto[] | undefined {
  if (!list) return list;
  const next = [...list];
  for (const item of items) {
    const index = next.findIndex((a) => a.id === item.id);
    if (index >= 0) next[index] = item;
    else next.push(item);
  }
  return next;
}

/** Pinned first (as chats.list answers), then newest; chats without messages last; id breaks ties. */
export function compareChats(a: ChatDto, b: ChatDto): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const at = a.lastMessageAt ?? -Infinity;
  const bt = b.lastMessageAt ?? -Infinity;
  if (at !== bt) return bt - at;
  return b.id - a.id;
}

/** Oldest first, as the conversation shows them. */
export function compareMessages(a: MessageDto, b: MessageDto): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return a.id - b.id;
}

/** Whether a chat belongs in a list with this filter (the same rules chats.list applies). */
export function chatMatchesFilter(chat: ChatDto, filter: ChatFilter): boolean {
  return (
    (filter.accountId === null || chat.accountId === filter.accountId) &&
    chat.archived === filter.archived &&
    (filter.labelId === null || chat.labelIds.includes(filter.labelId)) &&
    (filter.status === null || chat.status === filter.status) &&
    (!filter.unreadOnly || chat.unreadCount > 0)
  );
}

/**
 * Upserts chats into the pages of one filtered list and re-sorts. A chat that no longer matches
 * the filter leaves the list, except one that was only read in an "unread only" list: it stays
 * until the list is reloaded, so the row being read does not vanish under the pointer.
 * A chat we did not have that sorts after the last loaded row is left out while older pages remain
 * unloaded: keeping it would move the page cursor past chats we have never seen.
 */
export function upsertChatPages(data: ChatPages | undefined, items: ChatDto[], filter: ChatFilter, pageSize: number): ChatPages | undefined {
  if (!data || data.pages.length === 0) return data;
  const present = new Set<number>();
  for (const page of data.pages) for (const chat of page) present.add(chat.id);
  const keep: ChatDto[] = [];
  const drop = new Set<number>();
  for (const chat of items) {
    if (chatMatchesFilter(chat, filter)) keep.push(chat);
    else if (present.has(chat.id)) {
      if (filter.unreadOnly && chatMatchesFilter(chat, { ...filter, unreadOnly: false })) keep.push(chat);
      else drop.add(chat.id);
    }
  }
  const base = drop.size > 0 ? removeChatPages(data, drop) : data;
  if (!base || keep.length === 0) return base;
  const lastPage = base.pages[base.pages.length - 1] ?? [];
  const hasMore = lastPage.length >= pageSize;
  const flat = base.pages.flat();
  const lengths = base.pages.map((p) => p.length);
  const added = upsertSorted(flat, keep, (c) => c.id, compareChats, { skipAfterLast: hasMore });
  lengths[0] = (lengths[0] ?? 0) + added;
  return { ...base, pages: split(flat, lengths) };
}

/** Drops chats (merged into another) from every page, keeping the other rows where they were. */
export function removeChatPages(data: ChatPages | undefined, ids: Set<number>): ChatPages | undefined {
  if (!data || !data.pages.some((page) => page.some((c) => ids.has(c.id)))) return data;
  return { ...data, pages: data.pages.map((page) => page.filter((c) => !ids.has(c.id))) };
}

/** Replaces known chats in a plain list (related chats, search results); never adds any. */
export function replaceChats(list: ChatDto[] | undefined, items: ChatDto[]): ChatDto[] | undefined {
  if (!list) return list;
  const byId = new Map(items.map((c) => [c.id, c]));
  return list.some((c) => byId.has(c.id)) ? list.map((c) => byId.get(c.id) ?? c) : list;
}

/**
 * Same for one chat's messages; new messages land in the newest page. `window`: the pages were
 * opened around one message and newer ones are not loaded, so nothing is added after the newest.
 */
export function upsertMessagePages(
  data: MessagePages | undefined,
  items: MessageDto[],
  pageSize: number,
  { window = false }: { window?: boolean } = {},
): MessagePages | undefined {
  if (!data || data.pages.length === 0) return data;
  const oldestFirst = [...data.pages].reverse();
  const oldestPage = oldestFirst[0] ?? [];
  const hasOlder = oldestPage.length >= pageSize;
  const flat = oldestFirst.flat();
  const lengths = oldestFirst.map((p) => p.length);
  const added = upsertSorted(flat, items, (m) => m.id, compareMessages, { skipBeforeFirst: hasOlder, skipAfterLast: window });
  lengths[lengths.length - 1] = (lengths[lengths.length - 1] ?? 0) + added;
  return { ...data, pages: split(flat, lengths).reverse() };
}

/** Drops messages (cancelled from the outbox) from every page. */
export function removeMessagePages(data: MessagePages | undefined, ids: Set<number>): MessagePages | undefined {
  if (!data || !data.pages.some((page) => page.some((m) => ids.has(m.id)))) return data;
  return { ...data, pages: data.pages.map((page) => page.filter((m) => !ids.has(m.id))) };
}

export const compareLabels = (a: LabelDto, b: LabelDto) => a.name.localeCompare(b.name) || a.id - b.id;
export const compareNotes = (a: NoteDto, b: NoteDto) => a.createdAt - b.createdAt || a.id - b.id;
export const compareQuickReplies = (a: QuickReplyDto, b: QuickReplyDto) => a.shortcut.localeCompare(b.shortcut) || a.id - b.id;

/** Replaces or adds rows by id in a small list and keeps it sorted (labels, notes, quick replies). */
export function upsertById<T extends { id: number }>(list: T[] | undefined, items: T[], compare: (a: T, b: T) => number): T[] | undefined {
  if (!list) return list;
  const byId = new Map(list.map((x) => [x.id, x]));
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()].sort(compare);
}

export function removeById<T extends { id: number }>(list: T[] | undefined, ids: Set<number>): T[] | undefined {
  if (!list || !list.some((x) => ids.has(x.id))) return list;
  return list.filter((x) => !ids.has(x.id));
}

/**
 * Replaces or inserts each item in a sorted array (mutating it). A new item that would sort
 * before the first loaded one (`skipBeforeFirst`) or after the last (`skipAfterLast`) is skipped:
 * it belongs to a page not loaded yet. Returns how many items were inserted.
 */
function upsertSorted<T>(
  sorted: T[],
  items: T[],
  key: (item: T) => number,
  compare: (a: T, b: T) => number,
  { skipBeforeFirst = false, skipAfterLast = false }: { skipBeforeFirst?: boolean; skipAfterLast?: boolean },
): number {
  let added = 0;
  for (const item of items) {
    const index = sorted.findIndex((x) => key(x) === key(item));
    if (index >= 0) {
      sorted.splice(index, 1);
    } else {
      const first = sorted[0];
      const last = sorted[sorted.length - 1];
      if (skipBeforeFirst && first !== undefined && compare(item, first) < 0) continue;
      if (skipAfterLast && last !== undefined && compare(item, last) > 0) continue;
      added += 1;
    }
    sorted.splice(insertionIndex(sorted, item, compare), 0, item);
  }
  return added;
}

function insertionIndex<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function split<T>(flat: T[], lengths: number[]): T[][] {
  const pages: T[][] = [];
  let start = 0;
  for (const length of lengths) {
    pages.push(flat.slice(start, start + length));
    start += length;
  }
  return pages;
}
