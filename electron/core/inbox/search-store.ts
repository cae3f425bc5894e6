import type { ChatDto } from '../../../shared/contract';
import type { SearchHitDto } from '../../../shared/contract/agent-dto';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { CHAT_ROW_COLUMNS, chatDtos, toChatRow, type RawChatRow } from './chat-store';
import { messagesByIds, messagesToDtos } from './message-store';

/** Matching chats a search shows at most. */
export const SEARCH_CHAT_LIMIT = 20;

/** The last word is searched as a prefix only from this length on: a one-letter prefix matches most of the index. */
const MIN_PREFIX_LENGTH = 2;

/** Control characters (NUL ends an FTS5 string early: a syntax error) separate words like spaces do. */
const withoutControls = (text: string) => text.replace(/\p{Cc}/gu, ' ');

/**
 * The person's words as an FTS5 query that cannot be a syntax error: each word quoted (so `"`, `*`,
 * `(`, `NEAR`, `-`, `AND` are plain text), all of them required, the last one as a prefix. Words
 * without a letter or digit would be empty phrases and are dropped; null when none is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = withoutControls(text).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words
    .map((word, i) => {
      const phrase = `"${word.replace(/"/g, '""')}"`;
      return i === words.length - 1 && word.length >= MIN_PREFIX_LENGTH ? `${phrase}*` : phrase;
    })
    .join(' ');
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The message index files each message under (seconds since 2020) · 2^32 + id (migration 0005), so
 * its rowid order is time order; the low 32 bits give the message id back.
 */
export const messageSearchKeySql = (alias = '') => `(${alias}timestamp / 1000 - 1577836800) * 4294967296 + ${alias}id`;
const MESSAGE_ID_OF_KEY = 'messages_fts.rowid & 4294967295';

const CHATS_BY_IDS_SQL = `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE id IN (SELECT value FROM json_each(?))`;

interface HitRow {
  id: number;
  snippet: string;
}

/**
 * Messages whose text has every word, newest first: FTS5 walks its time-keyed doclist backwards
 * and stops at `limit` — no sort of every match, never `rank` (DESIGN §7). Snippets come from the
 * same statement: a second MATCH per hit costs several milliseconds with a prefix word.
 */
function searchMessages(orm: Orm, query: string, limit: number): SearchHitDto[] {
  const hits = prepared<{ query: string; limit: number }, HitRow>(
    orm.$client,
    `SELECT m.id, snippet(messages_fts, 0, char(1), char(2), '…', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.id = ${MESSAGE_ID_OF_KEY}
       WHERE messages_fts MATCH @query AND m.deleted_at IS NULL
       ORDER BY messages_fts.rowid DESC
       LIMIT @limit`,
  ).all({ query, limit });
  if (hits.length === 0) return [];

  const rows = messagesByIds(
    orm,
    hits.map((h) => h.id),
  );
  const messages = new Map(messagesToDtos(orm, rows).map((m) => [m.id, m]));
  const chatIds = [...new Set(rows.map((r) => r.chatId))];
  const chatRows = prepared<[string], RawChatRow>(orm.$client, CHATS_BY_IDS_SQL).all(JSON.stringify(chatIds)).map(toChatRow);
  const chats = new Map(chatDtos(orm, chatRows).map((c) => [c.id, c]));

  const result: SearchHitDto[] = [];
  for (const hit of hits) {
    const message = messages.get(hit.id);
    const chat = message && chats.get(message.chatId);
    if (message && chat) result.push({ message, chat, snippet: hit.snippet });
  }
  return result;
}

/**
 * Chats by name (the chat's, or the contact's saved or own name; every word, the last one as a
 * prefix, accent- and case-insensitive through `chat_names_fts`), or by phone number when the text
 * looks like one; the most recently active first.
 */
function searchChats(orm: Orm, text: string, nameQuery: string | null): ChatDto[] {
  const digits = /^[\d\s+().-]+$/.test(text) ? text.replace(/\D/g, '') : '';
  const byName = nameQuery ? 'SELECT rowid FROM chat_names_fts WHERE chat_names_fts MATCH @name' : null;
  const byNumber = digits.length >= 3 ? String.raw`SELECT id FROM chats WHERE jid LIKE @digits ESCAPE '\' OR pn_jid LIKE @digits ESCAPE '\'` : null;
  const sources = [byName, byNumber].filter((s) => s !== null);
  if (sources.length === 0) return [];
  const rows = prepared<Record<string, unknown>, RawChatRow>(
    orm.$client,
    `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE id IN (${sources.join(' UNION ')})
       ORDER BY last_message_at IS NULL, last_message_at DESC, id DESC
       LIMIT @limit`,
  )
    .all({ ...(byName ? { name: nameQuery } : {}), ...(byNumber ? { digits: likePattern(digits) } : {}), limit: SEARCH_CHAT_LIMIT })
    .map(toChatRow);
  return chatDtos(orm, rows);
}

/** `search.query`: messages with every word (deleted ones never: their text is gone) and matching chats. */
export function searchInbox(orm: Orm, request: { text: string; limit: number }): { messages: SearchHitDto[]; chats: ChatDto[] } {
  const text = withoutControls(request.text).trim();
  if (!text) return { messages: [], chats: [] };
  const query = toFtsQuery(text);
  return { messages: query ? searchMessages(orm, query, request.limit) : [], chats: searchChats(orm, text, query) };
}
