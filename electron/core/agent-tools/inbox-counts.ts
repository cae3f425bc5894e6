import type { InboxCountsDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';

/**
 * What the badge counts: chats with unread messages that are neither archived nor muted (a mute
 * that has ended counts again). One pass over the table: a few milliseconds at 50,000 chats, so
 * it answers `inbox.counts` but is not repeated on every change (the publisher below is incremental).
 */
export function readInboxCounts(orm: Orm, now: number): InboxCountsDto {
  const row = orm.$client
    .prepare<[number], { chats: number; messages: number | null }>(
      `SELECT count(*) AS chats, sum(unread_count) AS messages FROM chats
       WHERE unread_count > 0 AND +archived = 0 AND (muted_until IS NULL OR muted_until <= ?)`,
    )
    .get(now)!;
  return { unreadChats: row.chats, unreadMessages: row.messages ?? 0 };
}

export interface InboxCountsPublisherOptions {
  orm: Orm;
  bus: EventBus;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface InboxCountsPublisher {
  /** The totals as last computed. */
  current(): InboxCountsDto;
  stop(): void;
}

interface UnreadChat {
  unread: number;
  mutedUntil: number | null;
}

/** setTimeout's longest delay; a later unmute is reached by waking up and waiting again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Emits `inbox.counts` whenever the unread totals change. It keeps the unread, unarchived chats in
 * memory (read once, then re-read by id for each chat an event names: a full aggregate at 50,000
 * chats costs 5–10 ms, too much to repeat on every batch during a history import) and wakes up
 * when a mute ends, since that changes the totals without any event.
 */
export function startInboxCountsPublisher(options: InboxCountsPublisherOptions): InboxCountsPublisher {
  const { orm, bus } = options;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  const db = orm.$client;
  const loadAll = db.prepare<[], { id: number; unread: number; mutedUntil: number | null }>(
    'SELECT id, unread_count AS unread, muted_until AS mutedUntil FROM chats WHERE unread_count > 0 AND +archived = 0',
  );
  const loadSome = db.prepare<[string], { id: number; unread: number; archived: number; mutedUntil: number | null }>(
    'SELECT id, unread_count AS unread, archived, muted_until AS mutedUntil FROM chats WHERE id IN (SELECT value FROM json_each(?))',
  );

  const unread = new Map<number, UnreadChat>();
  const reloadAll = () => {
    unread.clear();
    for (const { id, ...chat } of loadAll.all()) unread.set(id, chat);
  };
  const reload = (ids: readonly number[]) => {
    const rows = new Map(loadSome.all(JSON.stringify(ids)).map((r) => [r.id, r]));
    for (const id of ids) {
      const row = rows.get(id);
      if (row && row.unread > 0 && row.archived === 0) unread.set(id, { unread: row.unread, mutedUntil: row.mutedUntil });
      else unread.delete(id);
    }
  };

  let timer: unknown;
  const totals = (): InboxCountsDto => {
    const at = now();
    let unreadChats = 0;
    let unreadMessages = 0;
    let nextUnmute = Infinity;
    for (const chat of unread.values()) {
      if (chat.mutedUntil === null || chat.mutedUntil <= at) {
        unreadChats += 1;
        unreadMessages += chat.unread;
      } else {
        nextUnmute = Math.min(nextUnmute, chat.mutedUntil);
      }
    }
    if (timer !== undefined) clearTimer(timer);
    timer = nextUnmute === Infinity ? undefined : setTimer(publish, Math.min(nextUnmute - at, MAX_TIMER_MS));
    return { unreadChats, unreadMessages };
  };

  reloadAll();
  let last = totals();
  function publish() {
    timer = undefined;
    const next = totals();
    if (next.unreadChats === last.unreadChats && next.unreadMessages === last.unreadMessages) return;
    last = next;
    bus.emit('inbox.counts', next);
  }

  const unsubscribe = bus.subscribe((batch) => {
    if (batch.topic === 'account.removed') reloadAll();
    else if (batch.topic === 'chats.upserted' || batch.topic === 'chats.removed') reload(batch.items.map((item) => item.id));
    else return;
    publish();
  });

  return {
    current: () => last,
    stop() {
      unsubscribe();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
