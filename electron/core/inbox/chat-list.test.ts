import { describe, expect, it } from 'vitest';
import type { Db } from '../db/open-database';
import { insertChat, type ChatSeed } from '../testing/agent-tools-harness';
import { pick, seededRandom } from '../testing/seeded-random';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { chatListPlan, createChatLister, labelIdsOfChats, type ChatCursor, type ChatListQuery, type ChatRow } from './chat-store';

const T = 1_700_000_000_000;
const jid = (n: number) => `5215500${String(n).padStart(6, '0')}@s.whatsapp.net`;

function openList() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  addAccount(db, 'acc-2');
  let n = 0;
  const chat = (seed: Partial<ChatSeed> = {}) => insertChat(db, { jid: jid(++n), ...seed });
  const label = (name: string) => Number(db.prepare("INSERT INTO labels (name, color, created_at) VALUES (?, '#112233', 1)").run(name).lastInsertRowid);
  const tag = (chatId: number, labelId: number) => db.prepare('INSERT INTO chat_labels (chat_id, label_id) VALUES (?, ?)').run(chatId, labelId);
  return { db, orm, chat, label, tag, lister: createChatLister(orm) };
}

/** Every page of a query, following the cursor as the renderer does (from the last unpinned row). */
function allPages(list: (q: ChatListQuery) => ChatRow[], query: Omit<ChatListQuery, 'before'>): ChatRow[][] {
  const pages: ChatRow[][] = [];
  let before: ChatCursor | undefined;
  for (;;) {
    const page = list({ ...query, ...(before ? { before } : {}) });
    pages.push(page);
    const unpinned = page.filter((c) => c.pinnedAt === null);
    if (unpinned.length < query.limit) return pages;
    const last = unpinned.at(-1)!;
    before = { lastMessageAt: last.lastMessageAt!, id: last.id };
    if (pages.length > 1000) throw new Error('paging does not end');
  }
}

/** The list as the contract describes it, computed the slow way from every row. */
function expected(db: Db, query: Omit<ChatListQuery, 'before' | 'limit'>): number[] {
  const rows = db.prepare('SELECT id, account_id AS accountId, last_message_at AS at, unread_count AS unread, status, pinned_at AS pinnedAt, archived FROM chats').all() as {
    id: number;
    accountId: string;
    at: number | null;
    unread: number;
    status: string;
    pinnedAt: number | null;
    archived: number;
  }[];
  const labelled = new Set(
    query.labelId === undefined
      ? []
      : (db.prepare('SELECT chat_id AS id FROM chat_labels WHERE label_id = ?').all(query.labelId) as { id: number }[]).map((r) => r.id),
  );
  const kept = rows.filter(
    (r) =>
      r.at !== null &&
      r.archived === (query.archived ? 1 : 0) &&
      (!query.accountId || r.accountId === query.accountId) &&
      (!query.unreadOnly || r.unread > 0) &&
      (!query.status || r.status === query.status) &&
      (query.labelId === undefined || labelled.has(r.id)),
  );
  const pinned = kept.filter((r) => r.pinnedAt !== null).sort((a, b) => b.pinnedAt! - a.pinnedAt! || b.id - a.id);
  const rest = kept.filter((r) => r.pinnedAt === null).sort((a, b) => b.at! - a.at! || b.id - a.id);
  return [...pinned, ...rest].map((r) => r.id);
}

describe('conversation list', () => {
  it('lists pinned chats first, the most recently pinned on top, then the others newest first', () => {
    const { chat, lister } = openList();
    const old = chat({ lastMessageAt: T + 1 });
    const newest = chat({ lastMessageAt: T + 9 });
    const pinnedEarly = chat({ lastMessageAt: T + 2, pinnedAt: T + 100 });
    const pinnedLate = chat({ lastMessageAt: T + 3, pinnedAt: T + 200 });
    const middle = chat({ lastMessageAt: T + 5 });
    expect(lister.rows({ limit: 50 }).map((c) => c.id)).toEqual([pinnedLate, pinnedEarly, newest, middle, old]);
  });

  it('hides archived chats unless asked, and then lists only them', () => {
    const { chat, lister } = openList();
    const shown = chat();
    const archived = chat({ archived: true });
    const archivedPinned = chat({ archived: true, pinnedAt: T, lastMessageAt: T - 5 });
    expect(lister.rows({ limit: 50 }).map((c) => c.id)).toEqual([shown]);
    expect(lister.rows({ limit: 50, archived: true }).map((c) => c.id)).toEqual([archivedPinned, archived]);
  });

  it('leaves out chats without messages, pinned or not', () => {
    const { chat, lister } = openList();
    const withMessages = chat();
    chat({ lastMessageAt: null });
    chat({ lastMessageAt: null, pinnedAt: T });
    expect(lister.rows({ limit: 50 }).map((c) => c.id)).toEqual([withMessages]);
  });

  it('filters by account, unread, label and status, pinned chats included', () => {
    const { chat, label, tag, lister } = openList();
    const vip = label('VIP');
    const a = chat({ accountId: 'acc-1', unreadCount: 2, status: 'pending', lastMessageAt: T + 4 });
    const b = chat({ accountId: 'acc-2', unreadCount: 0, status: 'pending', lastMessageAt: T + 3 });
    const c = chat({ accountId: 'acc-2', unreadCount: 1, status: 'resolved', lastMessageAt: T + 2, pinnedAt: T });
    const d = chat({ accountId: 'acc-1', unreadCount: 0, status: 'open', lastMessageAt: T + 1 });
    tag(b, vip);
    tag(c, vip);
    const ids = (q: Omit<ChatListQuery, 'limit'>) => lister.rows({ limit: 50, ...q }).map((r) => r.id);
    expect(ids({ accountId: 'acc-2' })).toEqual([c, b]);
    expect(ids({ unreadOnly: true })).toEqual([c, a]);
    expect(ids({ labelId: vip })).toEqual([c, b]);
    expect(ids({ status: 'pending' })).toEqual([a, b]);
    expect(ids({ status: 'open' })).toEqual([d]);
    expect(ids({ accountId: 'acc-2', unreadOnly: true, labelId: vip, status: 'resolved' })).toEqual([c]);
  });

  it('pages without gaps or repeats when many chats share a time, pinned chats only on the first page', () => {
    const { chat, lister } = openList();
    const pinned = chat({ lastMessageAt: T, pinnedAt: T });
    for (const at of [5, 3, 3, 3, 3, 3, 2, 2, 1]) chat({ lastMessageAt: T + at });
    const pages = allPages(lister.rows, { limit: 2 });
    expect(pages[0]![0]!.id).toBe(pinned);
    expect(pages.slice(1).flat().some((c) => c.id === pinned)).toBe(false);
    const seen = pages.flat().map((c) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(10);
    expect(pages.flat().map((c) => c.lastMessageAt! - T)).toEqual([0, 5, 3, 3, 3, 3, 3, 2, 2, 1]);
  });

  it('agrees with the slow way for every filter, across pages, also past the walk budget', () => {
    const { db, orm, chat, label, tag } = openList();
    const random = seededRandom(7);
    const labels = [label('a'), label('b')];
    for (let i = 0; i < 300; i++) {
      const id = chat({
        accountId: random() < 0.8 ? 'acc-1' : 'acc-2',
        // Few distinct times, so ties land on page boundaries.
        lastMessageAt: random() < 0.03 ? null : T + Math.floor(random() * 40),
        unreadCount: random() < 0.07 ? 1 + Math.floor(random() * 3) : 0,
        status: pick(random, ['open', 'open', 'pending', 'resolved'] as const),
        pinnedAt: random() < 0.03 ? T + i : null,
        archived: random() < 0.15,
      });
      if (random() < 0.05) tag(id, labels[0]!);
      if (random() < 0.5) tag(id, labels[1]!);
    }
    // A small budget makes sparse filters finish through the filter's own plan.
    for (const lister of [createChatLister(orm), createChatLister(orm, { walkBudget: 8 })]) {
      const queries: Omit<ChatListQuery, 'before' | 'limit'>[] = [
        {},
        { archived: true },
        { accountId: 'acc-2' },
        { unreadOnly: true },
        { status: 'resolved' },
        { labelId: labels[0]! },
        { labelId: labels[1]!, accountId: 'acc-1', archived: true },
        { unreadOnly: true, status: 'open', accountId: 'acc-1' },
      ];
      for (const query of queries) {
        for (const limit of [1, 7, 50]) {
          const got = allPages(lister.rows, { ...query, limit })
            .flat()
            .map((c) => c.id);
          expect(got, JSON.stringify({ query, limit })).toEqual(expected(db, query));
        }
      }
    }
  });

  it('reads the default first page along the indexes, without scanning or sorting the table', () => {
    const { db, chat } = openList();
    for (let i = 0; i < 20; i++) chat({ lastMessageAt: T + i, pinnedAt: i % 10 === 0 ? T + i : null });
    const planOf = (part: { sql: string; params: unknown[] }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${part.sql}`).all(...part.params) as { detail: string }[]).map((r) => r.detail);

    const plan = chatListPlan({ limit: 50 });
    expect(plan.filtered).toBe(false);
    const walk = planOf(plan.walk());
    expect(walk.join('\n')).toMatch(/SEARCH chats USING INDEX chats_archived_last_message/);
    expect(walk.join('\n')).not.toMatch(/TEMP B-TREE|SCAN chats/);
    const pinned = planOf(plan.pinned!);
    expect(pinned.join('\n')).toMatch(/USING INDEX chats_pinned/);
    expect(pinned.join('\n')).not.toMatch(/TEMP B-TREE|SCAN chats/);

    // Later pages and filtered walks keep to the same index; the budget edge reads the index alone.
    const later = planOf(chatListPlan({ limit: 50, before: { lastMessageAt: T + 5, id: 3 } }).walk());
    expect(later.join('\n')).toMatch(/chats_archived_last_message/);
    expect(later.join('\n')).not.toMatch(/TEMP B-TREE|SCAN chats/);
    const filtered = chatListPlan({ limit: 50, unreadOnly: true, accountId: 'acc-1', status: 'open', labelId: 1 });
    expect(planOf(filtered.walk({ lastMessageAt: T, id: 1 })).join('\n')).not.toMatch(/TEMP B-TREE|SCAN chats/);
    expect(planOf(filtered.edge).join('\n')).toMatch(/USING COVERING INDEX chats_archived_last_message/);
  });

  it('gives each chat of a page its labels', () => {
    const { chat, label, tag, lister, orm } = openList();
    const [x, y] = [label('x'), label('y')];
    const a = chat({ lastMessageAt: T + 2 });
    const b = chat({ lastMessageAt: T + 1 });
    tag(a, y);
    tag(a, x);
    expect(lister.page({ limit: 50 }).map((c) => [c.id, c.labelIds])).toEqual([
      [a, [x, y]],
      [b, []],
    ]);
    expect(labelIdsOfChats(orm, [a, b]).get(a)).toEqual([x, y]);
  });
});
