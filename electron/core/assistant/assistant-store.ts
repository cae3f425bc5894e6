import { isNotice } from '../../../shared/message-kinds';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import {
  assistantSettingsSchema,
  defaultAssistantSettings,
  type AssistantDayStatsDto,
  type AssistantProblem,
  type AssistantSettings,
  type ChatHandler,
  type HandoverReason,
} from '../../../shared/contract';
import type { Db } from '../db/open-database';
import type { Orm } from '../db/orm';
import { assistantChats, assistantDaily, assistantSettings } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';
import { dayKey, monthStartKey } from './assistant-rules';
import type { ConversationTurn } from './model-client';

export type AssistantRow = typeof assistantSettings.$inferSelect;
export type AssistantChatRow = typeof assistantChats.$inferSelect;

/**
 * The responder's hot path runs on prepared statements: building each query with drizzle cost
 * several milliseconds per answer in bench/assistant-responder.bench.ts.
 */
function prepareAssistantStatements(db: Db) {
  return {
    settingsRow: db.prepare<[string], AssistantRow>(
      'SELECT account_id AS accountId, settings, api_key_sealed AS apiKeySealed, problem, problem_detail AS problemDetail, problem_at AS problemAt, updated_at AS updatedAt FROM assistant_settings WHERE account_id = ?',
    ),
    chatState: db.prepare<[number], AssistantChatRow>(
      'SELECT chat_id AS chatId, account_id AS accountId, handler, until, reason, last_handled_message_id AS lastHandledMessageId, updated_at AS updatedAt FROM assistant_chats WHERE chat_id = ?',
    ),
    markHandled: db.prepare<[number, string, number, number]>(
      `INSERT INTO assistant_chats (chat_id, account_id, handler, until, reason, last_handled_message_id, updated_at) VALUES (?, ?, 'assistant', NULL, NULL, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET last_handled_message_id = max(last_handled_message_id, excluded.last_handled_message_id), updated_at = excluded.updated_at`,
    ),
    insertRun: db.prepare<[string, number, number, string, number, number, number]>(
      'INSERT INTO assistant_runs (account_id, chat_id, at, outcome, replies, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    addDaily: db.prepare<[string, string, number, number, number, number, number, number]>(
      `INSERT INTO assistant_daily (account_id, day, answers, handovers, failures, prompt_tokens, completion_tokens, cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, day) DO UPDATE SET answers = answers + excluded.answers, handovers = handovers + excluded.handovers,
         failures = failures + excluded.failures, prompt_tokens = prompt_tokens + excluded.prompt_tokens,
         completion_tokens = completion_tokens + excluded.completion_tokens, cost_micros = cost_micros + excluded.cost_micros`,
    ),
    replyTimes: db.prepare<[number, number], number>("SELECT at FROM assistant_runs WHERE chat_id = ? AND outcome = 'replied' AND at >= ? ORDER BY at").pluck(),
    monthCost: db.prepare<[string, string], number>('SELECT coalesce(sum(cost_micros), 0) FROM assistant_daily WHERE account_id = ? AND day >= ?').pluck(),
    chatFacts: db.prepare<[number], { jid: string; accountId: string }>('SELECT jid, account_id AS accountId FROM chats WHERE id = ?'),
    chatLabels: db.prepare<[number], number>('SELECT label_id FROM chat_labels WHERE chat_id = ?').pluck(),
    recentChats: db.prepare<[string, number], number>('SELECT id FROM chats WHERE account_id = ? AND last_message_at >= ?').pluck(),
    recent: db.prepare<[number, number], { id: number; fromMe: number; type: string; text: string | null; timestamp: number }>(
      'SELECT id, from_me AS fromMe, type, text, timestamp FROM messages WHERE chat_id = ? AND deleted_at IS NULL ORDER BY timestamp DESC, id DESC LIMIT ?',
    ),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareAssistantStatements>>();
function st(orm: Orm) {
  let statements = prepared.get(orm.$client);
  if (!statements) {
    statements = prepareAssistantStatements(orm.$client);
    prepared.set(orm.$client, statements);
  }
  return statements;
}

/** The defaults, with business hours in this computer's time zone (the shop's, most of the time). */
export function localDefaults(): AssistantSettings {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { ...defaultAssistantSettings, hours: { ...defaultAssistantSettings.hours, timeZone } };
}

/** Stored settings over the defaults, key by key; a value that no longer parses falls back to its default. */
export function parseAssistantSettings(json: string | undefined): AssistantSettings {
  let stored: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(json ?? '{}');
    if (value && typeof value === 'object') stored = value as Record<string, unknown>;
  } catch {
    // Unreadable: defaults (the assistant stays off).
  }
  const result: Record<string, unknown> = { ...localDefaults() };
  const shape = assistantSettingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [key, value] of Object.entries(stored)) {
    const parsed = shape[key]?.safeParse(value);
    if (parsed?.success) result[key] = parsed.data;
  }
  return result as AssistantSettings;
}

export const getAssistantRow = (orm: Orm, accountId: string): AssistantRow | undefined => st(orm).settingsRow.get(accountId);

export const settingsOf = (orm: Orm, accountId: string): AssistantSettings => parseAssistantSettings(getAssistantRow(orm, accountId)?.settings);

/** The API key in clear, for the model call only. */
export function apiKeyOf(orm: Orm, box: SecretBox, accountId: string): string | null {
  const sealed = getAssistantRow(orm, accountId)?.apiKeySealed;
  return sealed ? box.open(sealed).toString('utf8') : null;
}

/**
 * Saves settings and, when given, the key (sealed; null removes it). A change of settings or key
 * clears the last problem: the owner fixed something, the next answer will tell.
 */
export function saveAssistant(orm: Orm, box: SecretBox, accountId: string, settings: AssistantSettings, apiKey: string | null | undefined, now: number): AssistantRow {
  const sealed = apiKey === undefined ? undefined : apiKey === null ? null : box.seal(apiKey);
  const values = { settings: JSON.stringify(settings), problem: null, problemDetail: null, problemAt: null, updatedAt: now, ...(sealed !== undefined ? { apiKeySealed: sealed } : {}) };
  return orm
    .insert(assistantSettings)
    .values({ accountId, ...values })
    .onConflictDoUpdate({ target: assistantSettings.accountId, set: values })
    .returning()
    .get();
}

export function setProblem(orm: Orm, accountId: string, problem: AssistantProblem | null, detail: string | null, now: number): void {
  orm
    .insert(assistantSettings)
    .values({ accountId, problem, problemDetail: detail, problemAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: assistantSettings.accountId, set: { problem, problemDetail: detail, problemAt: now } })
    .run();
}

/** Accounts whose assistant is on, and those of them whose last try failed (the sidebar warns about them). */
export function enabledAccounts(orm: Orm): { enabledAccountIds: string[]; problemAccountIds: string[] } {
  const on = orm
    .select({ accountId: assistantSettings.accountId, settings: assistantSettings.settings, problem: assistantSettings.problem })
    .from(assistantSettings)
    .all()
    .filter((row) => parseAssistantSettings(row.settings).enabled);
  return { enabledAccountIds: on.map((row) => row.accountId), problemAccountIds: on.filter((row) => row.problem !== null).map((row) => row.accountId) };
}

export const getChatState = (orm: Orm, chatId: number): AssistantChatRow | undefined => st(orm).chatState.get(chatId);

/** Chats a person handles or waits for, whose quiet time has not ended. */
export const activeHandovers = (orm: Orm, now: number): AssistantChatRow[] =>
  orm
    .select()
    .from(assistantChats)
    .where(and(sql`${assistantChats.handler} != 'assistant'`, gte(assistantChats.until, now)))
    .all();

export function setChatHandler(
  orm: Orm,
  chat: { chatId: number; accountId: string },
  state: { handler: ChatHandler; until: number | null; reason: HandoverReason | null },
  now: number,
): AssistantChatRow {
  const values = { handler: state.handler, until: state.until, reason: state.reason, updatedAt: now };
  return orm
    .insert(assistantChats)
    .values({ ...chat, ...values })
    .onConflictDoUpdate({ target: assistantChats.chatId, set: values })
    .returning()
    .get();
}

/** Records that customer messages up to `messageId` have been dealt with (answered or handed over). */
export function markHandled(orm: Orm, chat: { chatId: number; accountId: string }, messageId: number, now: number): void {
  st(orm).markHandled.run(chat.chatId, chat.accountId, messageId, now);
}

export interface ChatFacts {
  jid: string;
  accountId: string;
  labelIds: number[];
}

/** What the responder needs to know of a chat (read only: the inbox owns the chat tables). */
export function chatFacts(orm: Orm, chatId: number): ChatFacts | undefined {
  const row = st(orm).chatFacts.get(chatId);
  return row ? { ...row, labelIds: st(orm).chatLabels.all(chatId) } : undefined;
}

/** The account's chats with a message since `since` (the ones a restart may have left unanswered). */
export const chatsActiveSince = (orm: Orm, accountId: string, since: number): number[] => st(orm).recentChats.all(accountId, since);

export interface StoredMessage {
  id: number;
  fromMe: boolean;
  type: string;
  text: string | null;
  /** Epoch ms. */
  timestamp: number;
}

/** The chat's newest messages, oldest first (what the model reads and the guards look at). */
export function recentMessages(orm: Orm, chatId: number, limit: number): StoredMessage[] {
  return st(orm)
    .recent.all(chatId, limit)
    .reverse()
    .map((r) => ({ ...r, fromMe: r.fromMe === 1 }));
}

/** Stored messages as conversation turns; files become a short marker so the model knows something came. */
export function toTurns(messages: readonly StoredMessage[]): ConversationTurn[] {
  return messages
    .filter((m) => m.type !== 'unsupported' && !isNotice(m.type))
    .map((m): ConversationTurn => ({ from: m.fromMe ? 'assistant' : 'customer', text: m.text?.trim() || `[${m.type.replace(/Message$/, '')}]` }))
    .filter((t) => t.text.length > 0);
}

export interface RunRecord {
  accountId: string;
  chatId: number | null;
  outcome: 'replied' | 'handover' | 'failed' | 'discarded';
  replies: number;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
}

/** One run and its share of the day's rollup, in one transaction. */
export function recordRun(orm: Orm, run: RunRecord, at: number): void {
  const statements = st(orm);
  orm.$client.transaction(() => {
    if (run.chatId !== null) {
      statements.insertRun.run(run.accountId, run.chatId, at, run.outcome, run.replies, run.promptTokens, run.completionTokens);
    }
    statements.addDaily.run(
      run.accountId,
      dayKey(at),
      run.outcome === 'replied' ? 1 : 0,
      run.outcome === 'handover' ? 1 : 0,
      run.outcome === 'failed' ? 1 : 0,
      run.promptTokens,
      run.completionTokens,
      run.costMicros,
    );
  })();
}

/** Times of the assistant's replies in a chat since `since`, oldest first. */
export const replyTimesSince = (orm: Orm, chatId: number, since: number): number[] => st(orm).replyTimes.all(chatId, since);

/** Estimated spend since the first day of `now`'s month (UTC), in millionths of a dollar. */
export const monthCostMicros = (orm: Orm, accountId: string, now: number): number => st(orm).monthCost.get(accountId, monthStartKey(now)) ?? 0;

export const dailyStats = (orm: Orm, accountId: string, days: number, now: number): AssistantDayStatsDto[] =>
  orm
    .select()
    .from(assistantDaily)
    .where(and(eq(assistantDaily.accountId, accountId), gte(assistantDaily.day, dayKey(now - (days - 1) * 86_400_000))))
    .orderBy(desc(assistantDaily.day))
    .all()
    .map(({ accountId: _account, costMicros, ...rest }) => ({ ...rest, costUsd: costMicros / 1_000_000 }));
