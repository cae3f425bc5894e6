import { eq, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { ChatDto, ChatStatus } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { chats } from '../db/schema';

export type ChatRow = typeof chats.$inferSelect;

/**
 * Every chat column under its ChatRow name, for hand-written statements that return chats
 * (`RETURNING ${CHAT_ROW_COLUMNS}`), so their rows carry status, pin, archive and mute too.
 */
export const CHAT_ROW_COLUMNS =
  'id, account_id AS accountId, jid, pn_jid AS pnJid, lid_jid AS lidJid, name, last_message_at AS lastMessageAt, ' +
  'last_message_preview AS lastMessagePreview, unread_count AS unreadCount, status, pinned_at AS pinnedAt, archived, muted_until AS mutedUntil, assigned_to AS assignedTo';

const phoneOf = (jid: string | null) => (jid?.endsWith('@s.whatsapp.net') ? jid.split('@')[0]!.split(':')[0]! : null);

/**
 * The row as the contract shows it, with the labels the caller read (see `chatDtos`). Rows from
 * hand-written statements may carry `archived` as 0/1, hence the loose reads.
 */
export function chatToDto(row: ChatRow, labelIds: readonly number[] = []): ChatDto {
  const phone = phoneOf(row.jid) ?? phoneOf(row.pnJid);
  return {
    id: row.id,
    accountId: row.accountId,
    jid: row.jid,
    title: row.name ?? (phone ? `+${phone}` : row.jid.split('@')[0]!),
    phone,
    lastMessagePreview: row.lastMessagePreview,
    lastMessageAt: row.lastMessageAt,
    unreadCount: row.unreadCount,
    status: row.status ?? 'open',
    labelIds: [...labelIds],
    pinned: row.pinnedAt != null,
    archived: Boolean(row.archived),
    mutedUntil: row.mutedUntil ?? null,
    assignedTo: row.assignedTo ?? null,
  };
}

function groupLabels(rows: readonly { chatId: number; labelId: number }[]): Map<number, number[]> {
  const byChat = new Map<number, number[]>();
  for (const { chatId, labelId } of rows) {
    let ids = byChat.get(chatId);
    if (!ids) byChat.set(chatId, (ids = []));
    ids.push(labelId);
  }
  return byChat;
}

const LABELS_OF_CHATS_SQL =
  'SELECT chat_id AS chatId, label_id AS labelId FROM chat_labels WHERE chat_id IN (SELECT value FROM json_each(?)) ORDER BY chat_id, label_id';

/** The label ids of these chats, in one query (ascending per chat; any number of chats). */
export function labelIdsOfChats(orm: Orm, chatIds: readonly number[]): Map<number, number[]> {
  if (chatIds.length === 0) return new Map();
  return groupLabels(prepared<[string], { chatId: number; labelId: number }>(orm.$client, LABELS_OF_CHATS_SQL).all(JSON.stringify(chatIds)));
}

/** DTOs of several chats with their labels, loaded in one query (use this for pages and event bursts). */
export function chatDtos(orm: Orm, rows: readonly ChatRow[]): ChatDto[] {
  const labels = labelIdsOfChats(orm, rows.map((r) => r.id));
  return rows.map((row) => chatToDto(row, labels.get(row.id) ?? []));
}

/** The DTO of one chat with its labels. */
export const chatDto = (orm: Orm, row: ChatRow): ChatDto => chatDtos(orm, [row])[0]!;

/** Finds or creates the chat; a known name is kept unless a new one is given. */
export function upsertChat(orm: Orm, accountId: string, jid: string, details: { name?: string | null; alt?: string | null } = {}): ChatRow {
  const alt = details.alt ?? null;
  const pnJid = jid.endsWith('@s.whatsapp.net') ? jid : alt?.endsWith('@s.whatsapp.net') ? alt : null;
  const lidJid = jid.endsWith('@lid') ? jid : alt?.endsWith('@lid') ? alt : null;
  return orm
    .insert(chats)
    .values({ accountId, jid, pnJid, lidJid, name: details.name ?? null })
    .onConflictDoUpdate({
      target: [chats.accountId, chats.jid],
      set: {
        name: sql`coalesce(excluded.name, ${chats.name})`,
        pnJid: sql`coalesce(excluded.pn_jid, ${chats.pnJid})`,
        lidJid: sql`coalesce(excluded.lid_jid, ${chats.lidJid})`,
      },
    })
    .returning()
    .get();
}

/** Moves the chat's last message forward (never back, when older messages arrive late). */
export function noteMessageInChat(orm: Orm, chatId: number, m: { timestamp: number; text: string | null; type: string }, unread: boolean): ChatRow {
  const preview = m.text ?? `[${m.type}]`;
  return orm
    .update(chats)
    .set({
      lastMessageAt: sql`max(coalesce(${chats.lastMessageAt}, 0), ${m.timestamp})`,
      lastMessagePreview: sql`case when coalesce(${chats.lastMessageAt}, 0) <= ${m.timestamp} then ${preview} else ${chats.lastMessagePreview} end`,
      unreadCount: unread ? sql`${chats.unreadCount} + 1` : chats.unreadCount,
    })
    .where(eq(chats.id, chatId))
    .returning()
    .get()!;
}

/** A chats row as a hand-written statement returns it: booleans are 0/1. */
export type RawChatRow = Omit<ChatRow, 'archived'> & { archived: number };

export const toChatRow = (raw: RawChatRow): ChatRow => ({ ...raw, archived: raw.archived === 1 });

const CHAT_BY_ID_SQL = `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE id = ?`;

export function getChat(orm: Orm, chatId: number): ChatRow | undefined {
  const raw = prepared<[number], RawChatRow>(orm.$client, CHAT_BY_ID_SQL).get(chatId);
  return raw && toChatRow(raw);
}

export interface ChatListQuery {
  accountId?: string;
  limit: number;
  /** The last unpinned row of the previous page. */
  before?: ChatCursor;
  unreadOnly?: boolean;
  labelId?: number;
  status?: ChatStatus;
  archived?: boolean;
}

/** A place in the newest-first order of unpinned chats. */
export interface ChatCursor {
  lastMessageAt: number;
  id: number;
}

export interface SqlWithParams {
  sql: string;
  params: unknown[];
}

/** How many chats a filtered page may walk newest first before the filter's own plan takes over. */
const walkBudgetFor = (limit: number) => Math.max(1000, 20 * limit);

/**
 * The SQL of one page. Pinned chats (first page only) come through `chats_pinned`; they are few.
 * Unpinned chats are walked newest first along `chats_archived_last_message`: no scan, no sort.
 * A filter that matches few chats would make that walk long (all 50,000 chats for a handful of
 * unread ones), so a filtered walk stops after `walkBudget` chats — `edge` finds where from the
 * index alone — and when it found too few, `rest` reads the older part with a plan that uses the
 * filter's own index (account, label) or scans, then sorts what matches. A unary `+` keeps a
 * condition from pulling SQLite onto an index that is not the one meant.
 */
export function chatListPlan(query: ChatListQuery, walkBudget = walkBudgetFor(query.limit)) {
  const archived = query.archived ? 1 : 0;
  const select = `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE `;
  const newestFirst = 'ORDER BY last_message_at DESC, id DESC';
  const walkFilters: string[] = [];
  const restFilters: string[] = [];
  const filterParams: unknown[] = [];
  const filter = (walk: string, rest: string, ...params: unknown[]) => {
    walkFilters.push(walk);
    restFilters.push(rest);
    filterParams.push(...params);
  };
  if (query.accountId) filter('+account_id = ?', 'account_id = ?', query.accountId);
  if (query.unreadOnly) filter('unread_count > 0', 'unread_count > 0');
  if (query.status) filter('status = ?', 'status = ?', query.status);
  if (query.labelId !== undefined) {
    filter(
      'EXISTS (SELECT 1 FROM chat_labels cl WHERE cl.chat_id = chats.id AND cl.label_id = ?)',
      'id IN (SELECT chat_id FROM chat_labels WHERE label_id = ?)',
      query.labelId,
    );
  }
  const where = (conditions: string[]) => conditions.join(' AND ');

  // (time, id) so two chats with the same time at a page boundary are neither skipped nor repeated.
  const before = query.before;
  const cursor = before ? ['last_message_at <= ?', '(last_message_at < ? OR id < ?)'] : ['last_message_at IS NOT NULL'];
  const cursorParams = before ? [before.lastMessageAt, before.lastMessageAt, before.id] : [];

  const pinned: SqlWithParams | undefined = before
    ? undefined
    : {
        sql: `${select}${where(['pinned_at IS NOT NULL', '+archived = ?', '+last_message_at IS NOT NULL', ...walkFilters])} ORDER BY pinned_at DESC, id DESC`,
        params: [archived, ...filterParams],
      };

  return {
    pinned,
    filtered: walkFilters.length > 0,
    /** The last chat a bounded walk reaches (read from the index only); none when fewer are left. */
    edge: {
      sql: `SELECT last_message_at AS lastMessageAt, id FROM chats WHERE ${where(['archived = ?', ...cursor])} ${newestFirst} LIMIT 1 OFFSET ?`,
      params: [archived, ...cursorParams, walkBudget - 1],
    } satisfies SqlWithParams,
    /** Newest first along the index, down to `edge` (inclusive) when given. */
    walk(edge?: ChatCursor): SqlWithParams {
      const bound = edge ? ['last_message_at >= ?', '(last_message_at > ? OR id >= ?)'] : [];
      return {
        sql: `${select}${where(['archived = ?', '+pinned_at IS NULL', ...cursor, ...bound, ...walkFilters])} ${newestFirst} LIMIT ?`,
        params: [archived, ...cursorParams, ...(edge ? [edge.lastMessageAt, edge.lastMessageAt, edge.id] : []), ...filterParams, query.limit],
      };
    },
    /** What is older than `edge`, by the filter's own plan, sorted. */
    rest(edge: ChatCursor, limit: number): SqlWithParams {
      const older = ['+last_message_at <= ?', '(+last_message_at < ? OR id < ?)'];
      return {
        // `+` in ORDER BY too: walking another time index would cost as much as the walk it replaces.
        sql: `${select}${where(['+archived = ?', '+pinned_at IS NULL', ...older, ...restFilters])} ORDER BY +last_message_at DESC, id DESC LIMIT ?`,
        params: [archived, edge.lastMessageAt, edge.lastMessageAt, edge.id, ...filterParams, limit],
      };
    },
  };
}

/** Reads conversation lists with statements prepared once per connection (the app's hottest read). */
export function createChatLister(orm: Orm, options: { walkBudget?: number } = {}) {
  const run = (part: SqlWithParams) => prepared<unknown[], RawChatRow>(orm.$client, part.sql).all(...part.params).map(toChatRow);

  const rows = (query: ChatListQuery): ChatRow[] => {
    const plan = chatListPlan(query, options.walkBudget);
    const pinned = plan.pinned ? run(plan.pinned) : [];
    return [...pinned, ...unpinned(query, plan)];
  };

  const unpinned = (query: ChatListQuery, plan: ReturnType<typeof chatListPlan>): ChatRow[] => {
    const edge = plan.filtered ? prepared<unknown[], ChatCursor>(orm.$client, plan.edge.sql).get(...plan.edge.params) : undefined;
    const walked = run(plan.walk(edge));
    if (!edge || walked.length >= query.limit) return walked;
    return [...walked, ...run(plan.rest(edge, query.limit - walked.length))];
  };

  return {
    /**
     * One page of the conversation list: on the first page the pinned chats (most recently pinned
     * on top, not counted in `limit`), then up to `limit` unpinned chats newest first by (time, id).
     * Only archived chats when `archived`, else only the others; chats without messages never.
     */
    rows,
    /** The same page as DTOs, the labels of all its chats read in one query. */
    page(query: ChatListQuery): ChatDto[] {
      return chatDtos(orm, rows(query));
    },
  };
}

/** See `createChatLister().rows`. */
export const listChats = (orm: Orm, query: ChatListQuery): ChatRow[] => createChatLister(orm).rows(query);

export function markChatRead(orm: Orm, chatId: number): ChatRow | undefined {
  return orm.update(chats).set({ unreadCount: 0 }).where(eq(chats.id, chatId)).returning().get();
}

export interface ChatChanges {
  status?: ChatStatus;
  pinned?: boolean;
  archived?: boolean;
  mutedUntil?: number | null;
}

/** Applies the agent's changes; pinning an already pinned chat keeps its place. Undefined when the chat is gone. */
/** Assigns the chat to a colleague by name (null = nobody). */
export function assignChat(orm: Orm, chatId: number, assignedTo: string | null): ChatRow | undefined {
  return orm.update(chats).set({ assignedTo }).where(eq(chats.id, chatId)).returning().get();
}

export function updateChat(orm: Orm, chatId: number, changes: ChatChanges, now: number): ChatRow | undefined {
  const set: SQLiteUpdateSetSource<typeof chats> = {};
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.pinned !== undefined) set.pinnedAt = changes.pinned ? sql`coalesce(${chats.pinnedAt}, ${now})` : null;
  if (changes.archived !== undefined) set.archived = changes.archived;
  if (changes.mutedUntil !== undefined) set.mutedUntil = changes.mutedUntil;
  if (Object.keys(set).length === 0) return getChat(orm, chatId);
  return orm.update(chats).set(set).where(eq(chats.id, chatId)).returning().get();
}
