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
import type { Orm } from '../db/orm';
import { assistantChats, assistantDaily, assistantRuns, assistantSettings } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';
import { dayKey, monthStartKey } from './assistant-rules';
import type { ConversationTurn } from './model-client';

export type AssistantRow = typeof assistantSettings.$inferSelect;
export type AssistantChatRow = typeof assistantChats.$inferSelect;

/** Stored settings over the defaults, key by key; a value that no longer parses falls back to its default. */
export function parseAssistantSettings(json: string | undefined): AssistantSettings {
  let stored: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(json ?? '{}');
    if (value && typeof value === 'object') stored = value as Record<string, unknown>;
  } catch {
    // Unreadable: defaults (the assistant stays off).
  }
  const result: Record<string, unknown> = { ...defaultAssistantSettings };
  const shape = assistantSettingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [key, value] of Object.entries(stored)) {
    const parsed = shape[key]?.safeParse(value);
    if (parsed?.success) result[key] = parsed.data;
  }
  return result as AssistantSettings;
}

export const getAssistantRow = (orm: Orm, accountId: string): AssistantRow | undefined =>
  orm.select().from(assistantSettings).where(eq(assistantSettings.accountId, accountId)).get();

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

export const enabledAccountIds = (orm: Orm): string[] =>
  orm
    .select({ accountId: assistantSettings.accountId, settings: assistantSettings.settings })
    .from(assistantSettings)
    .all()
    .filter((row) => parseAssistantSettings(row.settings).enabled)
    .map((row) => row.accountId);

export const getChatState = (orm: Orm, chatId: number): AssistantChatRow | undefined =>
  orm.select().from(assistantChats).where(eq(assistantChats.chatId, chatId)).get();

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
  orm
    .insert(assistantChats)
    .values({ ...chat, handler: 'assistant', until: null, reason: null, lastHandledMessageId: messageId, updatedAt: now })
    .onConflictDoUpdate({
      target: assistantChats.chatId,
      set: { lastHandledMessageId: sql`max(${assistantChats.lastHandledMessageId}, ${messageId})`, updatedAt: now },
    })
    .run();
}

export interface ChatFacts {
  jid: string;
  accountId: string;
  labelIds: number[];
}

/** What the responder needs to know of a chat (read only: the inbox owns the chat tables). */
export function chatFacts(orm: Orm, chatId: number): ChatFacts | undefined {
  const row = orm.$client.prepare('SELECT jid, account_id AS accountId FROM chats WHERE id = ?').get(chatId) as { jid: string; accountId: string } | undefined;
  if (!row) return undefined;
  const labelIds = orm.$client.prepare('SELECT label_id FROM chat_labels WHERE chat_id = ?').pluck().all(chatId) as number[];
  return { ...row, labelIds };
}

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
  const rows = orm.$client
    .prepare(
      'SELECT id, from_me AS fromMe, type, text, timestamp FROM messages WHERE chat_id = ? AND deleted_at IS NULL ORDER BY timestamp DESC, id DESC LIMIT ?',
    )
    .all(chatId, limit) as { id: number; fromMe: number; type: string; text: string | null; timestamp: number }[];
  return rows.reverse().map((r) => ({ ...r, fromMe: r.fromMe === 1 }));
}

/** Stored messages as conversation turns; files become a short marker so the model knows something came. */
export function toTurns(messages: readonly StoredMessage[]): ConversationTurn[] {
  return messages
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
  orm.$client.transaction(() => {
    if (run.chatId !== null) {
      orm
        .insert(assistantRuns)
        .values({ accountId: run.accountId, chatId: run.chatId, at, outcome: run.outcome, replies: run.replies, promptTokens: run.promptTokens, completionTokens: run.completionTokens })
        .run();
    }
    const add = {
      answers: run.outcome === 'replied' ? 1 : 0,
      handovers: run.outcome === 'handover' ? 1 : 0,
      failures: run.outcome === 'failed' ? 1 : 0,
      promptTokens: run.promptTokens,
      completionTokens: run.completionTokens,
      costMicros: run.costMicros,
    };
    orm
      .insert(assistantDaily)
      .values({ accountId: run.accountId, day: dayKey(at), ...add })
      .onConflictDoUpdate({
        target: [assistantDaily.accountId, assistantDaily.day],
        set: {
          answers: sql`${assistantDaily.answers} + ${add.answers}`,
          handovers: sql`${assistantDaily.handovers} + ${add.handovers}`,
          failures: sql`${assistantDaily.failures} + ${add.failures}`,
          promptTokens: sql`${assistantDaily.promptTokens} + ${add.promptTokens}`,
          completionTokens: sql`${assistantDaily.completionTokens} + ${add.completionTokens}`,
          costMicros: sql`${assistantDaily.costMicros} + ${add.costMicros}`,
        },
      })
      .run();
  })();
}

/** Times of the assistant's replies in a chat since `since`, oldest first. */
export const replyTimesSince = (orm: Orm, chatId: number, since: number): number[] =>
  orm
    .select({ at: assistantRuns.at })
    .from(assistantRuns)
    .where(and(eq(assistantRuns.chatId, chatId), eq(assistantRuns.outcome, 'replied'), gte(assistantRuns.at, since)))
    .orderBy(assistantRuns.at)
    .all()
    .map((r) => r.at);

/** Estimated spend since the first day of `now`'s month (UTC), in millionths of a dollar. */
export const monthCostMicros = (orm: Orm, accountId: string, now: number): number =>
  orm
    .select({ total: sql<number>`coalesce(sum(${assistantDaily.costMicros}), 0)` })
    .from(assistantDaily)
    .where(and(eq(assistantDaily.accountId, accountId), gte(assistantDaily.day, monthStartKey(now))))
    .get()?.total ?? 0;

export const dailyStats = (orm: Orm, accountId: string, days: number, now: number): AssistantDayStatsDto[] =>
  orm
    .select()
    .from(assistantDaily)
    .where(and(eq(assistantDaily.accountId, accountId), gte(assistantDaily.day, dayKey(now - (days - 1) * 86_400_000))))
    .orderBy(desc(assistantDaily.day))
    .all()
    .map(({ accountId: _account, costMicros, ...rest }) => ({ ...rest, costUsd: costMicros / 1_000_000 }));
