import type { InfiniteData } from '@tanstack/react-query';
import type { AccountDto, ChatDto, MessageDto } from '../../shared/contract';

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

/** Newest conversation first; chats without messages last; id breaks ties so the order is stable. */
export function compareChats(a: ChatDto, b: ChatDto): number {
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

/**
 * Upserts chats into the pages of one chat list (optionally filtered by account) and re-sorts.
 * A chat we did not have that sorts after the last loaded row is left out while older pages remain
 * unloaded: keeping it would move the page cursor past chats we have never seen.
 */
export function upsertChatPages(
  data: ChatPages | undefined,
  items: ChatDto[],
  accountId: string | null,
  pageSize: number,
): ChatPages | undefined {
  if (!data || data.pages.length === 0) return data;
  const relevant = accountId === null ? items : items.filter((c) => c.accountId === accountId);
  if (relevant.length === 0) return data;
  const lastPage = data.pages[data.pages.length - 1] ?? [];
  const hasMore = lastPage.length >= pageSize;
  const flat = data.pages.flat();
  const lengths = data.pages.map((p) => p.length);
  const added = upsertSorted(flat, relevant, (c) => c.id, compareChats, hasMore);
  lengths[0] = (lengths[0] ?? 0) + added;
  return { ...data, pages: split(flat, lengths) };
}

/** Drops chats (merged into another) from every page, keeping the other rows where they were. */
export function removeChatPages(data: ChatPages | undefined, ids: Set<number>): ChatPages | undefined {
  if (!data || !data.pages.some((page) => page.some((c) => ids.has(c.id)))) return data;
  return { ...data, pages: data.pages.map((page) => page.filter((c) => !ids.has(c.id))) };
}

/** Same for one chat's messages; new messages land in the newest page. */
export function upsertMessagePages(data: MessagePages | undefined, items: MessageDto[], pageSize: number): MessagePages | undefined {
  if (!data || data.pages.length === 0) return data;
  const oldestFirst = [...data.pages].reverse();
  const oldestPage = oldestFirst[0] ?? [];
  const hasOlder = oldestPage.length >= pageSize;
  const flat = oldestFirst.flat();
  const lengths = oldestFirst.map((p) => p.length);
  const added = upsertSorted(flat, items, (m) => m.id, compareMessages, hasOlder, 'before');
  lengths[lengths.length - 1] = (lengths[lengths.length - 1] ?? 0) + added;
  return { ...data, pages: split(flat, lengths).reverse() };
}

/**
 * Replaces or inserts each item in a sorted array (mutating it). With `hasMoreAtEdge`, a new item
 * that would sort beyond the loaded edge ('after' the last or 'before' the first) is skipped: it
 * belongs to a page not loaded yet. Returns how many items were inserted.
 */
function upsertSorted<T>(
  sorted: T[],
  items: T[],
  key: (item: T) => number,
  compare: (a: T, b: T) => number,
  hasMoreAtEdge: boolean,
  edge: 'after' | 'before' = 'after',
): number {
  let added = 0;
  for (const item of items) {
    const index = sorted.findIndex((x) => key(x) === key(item));
    if (index >= 0) {
      sorted.splice(index, 1);
    } else if (hasMoreAtEdge && sorted.length > 0) {
      const edgeItem = edge === 'after' ? sorted[sorted.length - 1] : sorted[0];
      const beyond = edgeItem !== undefined && (edge === 'after' ? compare(item, edgeItem) > 0 : compare(item, edgeItem) < 0);
      if (beyond) continue;
      added += 1;
    } else {
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
