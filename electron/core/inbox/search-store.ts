import type { ChatDto } from '../../../shared/contract';
import type { SearchHitDto } from '../../../shared/contract/agent-dto';
import type { Db } from '../db/open-database';
import type { Orm } from '../db/orm';
import { CHAT_ROW_COLUMNS, chatDtos, type ChatRow } from './chat-store';
import { messagesByIds, messagesToDtos } from './message-store';

/** Matching chats a search shows at most. */
export const SEARCH_CHAT_LIMIT = 20;

/** The last word is searched as a prefix only from this length on: a one-letter prefix matches most of the index. */
const MIN_PREFIX_LENGTH = 2;

/**
 * The person's words as an FTS5 query that cannot be a syntax error: each word quoted (so `"`, `*`,
 * `(`, `NEAR`, `-`, `AND` are plain text), all of them required, the last one as a prefix. Words
 * without a letter or digit would be empty phrases and are dropped; null when none is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words
    .map((word, i) => {
      const phrase = `"${word.replace(/"/g, '""')}"`;
      return i === words.length - 1 && word.length >= MIN_PREFIX_LENGTH ? `${phrase}*` : phrase;
    })
    .join(' ');
}

/** Lower case without accents, as the FTS tokenizer folds text ("Canción" → "cancion"). */
export const foldText = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const foldFunctionReady = new WeakSet<Db>();
function ensureFoldFunction(db: Db) {
  if (foldFunctionReady.has(db)) return;
  db.function('mostrador_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldText(value) : null));
  foldFunctionReady.add(db);
}

interface HitRow {
  id: number;
  snippet: string;
}

/**
 * Messages whose text has every word, newest first: sorted by time, never by `rank` (half a second
 * on a common word, DESIGN §7). One statement: a second MATCH per hit to build snippets apart costs
 * several milliseconds each with a prefix word.
 */
function searchMessages(orm: Orm, query: string, limit: number): SearchHitDto[] {
  const hits = orm.$client
    .prepare<{ query: string; limit: number }, HitRow>(
      `SELECT m.id, snippet(messages_fts, 0, char(1), char(2), '…', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH @query AND m.deleted_at IS NULL
       ORDER BY m.timestamp DESC, m.id DESC
       LIMIT @limit`,
    )
    .all({ query, limit });
  if (hits.length === 0) return [];

  const rows = messagesByIds(
    orm,
    hits.map((h) => h.id),
  );
  const messages = new Map(messagesToDtos(orm, rows).map((m) => [m.id, m]));
  const chatIds = [...new Set(rows.map((r) => r.chatId))];
  const chatRows = orm.$client
    .prepare<[string], ChatRow>(`SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(chatIds));
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
 * Chats by name (the chat's, or the contact's saved or own name), accent- and case-insensitive, or
 * by phone number when the text looks like one; the most recently active first.
 */
function searchChats(orm: Orm, text: string): ChatDto[] {
  ensureFoldFunction(orm.$client);
  const digits = /^[\d\s+().-]+$/.test(text) ? text.replace(/\D/g, '') : '';
  const rows = orm.$client
    .prepare<{ name: string; digits: string | null; limit: number }, ChatRow>(
      `SELECT ${CHAT_ROW_COLUMNS} FROM chats WHERE id IN (
         SELECT c.id FROM chats c LEFT JOIN contacts k ON k.account_id = c.account_id AND k.jid = c.jid
         WHERE mostrador_fold(c.name) LIKE @name ESCAPE '\\'
            OR mostrador_fold(k.name) LIKE @name ESCAPE '\\'
            OR mostrador_fold(k.notify) LIKE @name ESCAPE '\\'
            OR (@digits IS NOT NULL AND (c.jid LIKE @digits OR c.pn_jid LIKE @digits))
       )
       ORDER BY last_message_at IS NULL, last_message_at DESC, id DESC
       LIMIT @limit`,
    )
    .all({ name: likePattern(foldText(text)), digits: digits.length >= 3 ? likePattern(digits) : null, limit: SEARCH_CHAT_LIMIT });
  return chatDtos(orm, rows);
}

/** `search.query`: messages with every word (deleted ones never: their text is gone) and matching chats. */
export function searchInbox(orm: Orm, request: { text: string; limit: number }): { messages: SearchHitDto[]; chats: ChatDto[] } {
  const text = request.text.trim();
  if (!text) return { messages: [], chats: [] };
  const query = toFtsQuery(text);
  return { messages: query ? searchMessages(orm, query, request.limit) : [], chats: searchChats(orm, text) };
}
