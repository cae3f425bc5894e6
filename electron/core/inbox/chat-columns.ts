import { CHAT_ROW_COLUMNS, type ChatRow } from './chat-store';

/** Every chats column under its ChatRow name, for the raw statements of the hot path. */
export const chatColumns = CHAT_ROW_COLUMNS;

/** A chats row as SQLite returns it: booleans are 0/1. */
export type RawChatRow = Omit<ChatRow, 'archived'> & { archived: number };

export const toChatRow = (raw: RawChatRow): ChatRow => ({ ...raw, archived: raw.archived === 1 });
