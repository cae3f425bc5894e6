import { quantileSorted } from 'd3-array';
import type { ActivityStatsDto, AssistantUsageDto, CampaignFunnelDto, ConversationStatsDto, ResponseFiguresDto, ResponseStatsDto } from '../../../shared/contract';
import { dayKey } from '../assistant/assistant-rules';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { HOUR_MS, localHours } from './local-hours';

export interface PeriodQuery {
  from: number;
  to: number;
  timeZone: string;
  accountId?: string;
}

/** The same SQL for all accounts or one: two fixed statements, so each keeps its own index plan. */
const forAccount = (sql: string, accountId: string | undefined) => (accountId ? sql.replace('/*account*/', 'AND account_id = @accountId') : sql);
const params = (q: PeriodQuery, extra: Record<string, unknown>) => ({ ...extra, ...(q.accountId ? { accountId: q.accountId } : {}) });

const HOURLY_SQL = `SELECT hour, sum(received) AS received, sum(sent) AS sent FROM stats_hourly
  WHERE hour >= @fromHour AND hour < @toHour /*account*/ GROUP BY hour`;
const NEW_CHATS_SQL = `SELECT first_message_at / ${HOUR_MS} AS hour, count(*) AS n FROM chat_stats
  WHERE first_message_at >= @from AND first_message_at < @to /*account*/ GROUP BY hour`;

/** Received / sent per local day, new conversations, and the weekday × hour map, from the rollups only. */
export function activityStats(orm: Orm, q: PeriodQuery): ActivityStatsDto {
  const db = orm.$client;
  const local = localHours(q.timeZone);
  const fromHour = Math.floor(q.from / HOUR_MS);
  const toHour = Math.ceil(q.to / HOUR_MS);

  const days = new Map<string, { day: string; received: number; sent: number; newConversations: number }>();
  for (let hour = fromHour; hour < toHour; hour++) {
    const { day } = local(hour);
    if (!days.has(day)) days.set(day, { day, received: 0, sent: 0, newConversations: 0 });
  }
  const totals = { received: 0, sent: 0, newConversations: 0 };
  const busiestHours = Array.from({ length: 7 }, () => Array<number>(24).fill(0));

  const hourly = prepared<Record<string, unknown>, { hour: number; received: number; sent: number }>(db, forAccount(HOURLY_SQL, q.accountId));
  for (const row of hourly.all(params(q, { fromHour, toHour }))) {
    const at = local(row.hour);
    const day = days.get(at.day)!;
    day.received += row.received;
    day.sent += row.sent;
    totals.received += row.received;
    totals.sent += row.sent;
    busiestHours[at.weekday]![at.hour]! += row.received;
  }
  const newChats = prepared<Record<string, unknown>, { hour: number; n: number }>(db, forAccount(NEW_CHATS_SQL, q.accountId));
  for (const row of newChats.all(params(q, { from: q.from, to: q.to }))) {
    days.get(local(row.hour).day)!.newConversations += row.n;
    totals.newConversations += row.n;
  }
  return { days: [...days.values()], totals, busiestHours };
}

// Everything is read from the covering index `responses_answered`. One scan per kind of answerer
// gives both the times and the chats: a response time (capped at 2^32 ms, about 50 days) and a chat
// id below 2^21 pack into one exact double, a third faster than reading them apart. Workstations
// with larger chat ids (two million conversations) read them apart.
const PACK = 2 ** 21;
const MAX_RESPONSE_MS = 4294967295;
const PACKED_SQL = `SELECT min(answered_at - asked_at, ${MAX_RESPONSE_MS}) * ${PACK} + chat_id FROM responses
  WHERE answered_at >= @from AND answered_at < @to AND by = @by /*account*/`;
const TIMES_SQL = `SELECT min(answered_at - asked_at, ${MAX_RESPONSE_MS}) FROM responses WHERE answered_at >= @from AND answered_at < @to AND by = @by /*account*/`;
const CHATS_SQL = `SELECT chat_id FROM responses WHERE answered_at >= @from AND answered_at < @to AND by = @by /*account*/`;

interface Answers {
  /** Sorted ascending. */
  times: Float64Array;
  chats: Set<number>;
}

function answersBy(orm: Orm, q: PeriodQuery, by: 'person' | 'assistant', packable: boolean): Answers {
  const query = params(q, { from: q.from, to: q.to, by });
  const column = (sql: string) => prepared<Record<string, unknown>, number>(orm.$client, forAccount(sql, q.accountId)).pluck().all(query);
  if (!packable) return { times: Float64Array.from(column(TIMES_SQL)).sort(), chats: new Set(column(CHATS_SQL)) };
  const packed = column(PACKED_SQL);
  const times = new Float64Array(packed.length);
  const chats = new Set<number>();
  for (let i = 0; i < packed.length; i++) {
    const chat = packed[i]! % PACK;
    chats.add(chat);
    times[i] = (packed[i]! - chat) / PACK;
  }
  // A typed array sorts numerically without a comparator.
  return { times: times.sort(), chats };
}

function figures({ times }: Answers): ResponseFiguresDto {
  if (times.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  // d3 reads any array-like; its types only say arrays.
  const sorted = times as unknown as number[];
  return { count: times.length, medianMs: quantileSorted(sorted, 0.5)!, p90Ms: quantileSorted(sorted, 0.9)! };
}

/**
 * First-response times answered in the period, for people and for the assistant (median and 90th
 * percentile, interpolated), and the share of answered conversations the assistant answered.
 */
export function responseStats(orm: Orm, q: PeriodQuery, pendingConversations: number): ResponseStatsDto {
  const packable = ((prepared(orm.$client, 'SELECT max(id) FROM chats').pluck().get() as number | null) ?? 0) < PACK;
  const person = answersBy(orm, q, 'person', packable);
  const assistant = answersBy(orm, q, 'assistant', packable);
  return {
    person: figures(person),
    assistant: figures(assistant),
    conversationsAnswered: person.chats.size + [...assistant.chats].filter((chat) => !person.chats.has(chat)).length,
    conversationsAnsweredByAssistant: assistant.chats.size,
    pendingConversations,
  };
}

const STATUS_SQL = `SELECT status, count(*) AS n FROM chats WHERE last_message_at IS NOT NULL /*account*/ GROUP BY status`;

/** Conversations by agent status, as they are now (chats without messages are not conversations yet). */
export function conversationStats(orm: Orm, accountId: string | undefined): ConversationStatsDto {
  const counts: ConversationStatsDto = { open: 0, pending: 0, resolved: 0 };
  const rows = prepared<Record<string, unknown>, { status: keyof ConversationStatsDto; n: number }>(orm.$client, forAccount(STATUS_SQL, accountId));
  for (const row of rows.all(accountId ? { accountId } : {})) counts[row.status] += row.n;
  return counts;
}

/** Messages in the outbox, campaigns sending, and the newest message a customer sent us. */
export function liveFigures(orm: Orm): { outboxWaiting: number; campaignsRunning: number; lastReceivedAt: number | null } {
  const db = orm.$client;
  return {
    outboxWaiting: prepared(db, 'SELECT count(*) FROM outbox').pluck().get() as number,
    campaignsRunning: prepared(db, "SELECT count(*) FROM campaigns WHERE status = 'running'").pluck().get() as number,
    lastReceivedAt: (prepared(db, 'SELECT max(last_received_at) FROM chat_stats').pluck().get() as number | null) ?? null,
  };
}

const ASSISTANT_DAYS_SQL = `SELECT day, sum(answers) AS answers, sum(handovers) AS handovers, sum(failures) AS failures,
  sum(prompt_tokens) AS promptTokens, sum(completion_tokens) AS completionTokens, sum(cost_micros) AS costMicros
  FROM assistant_daily WHERE day >= @firstDay AND day <= @lastDay /*account*/ GROUP BY day ORDER BY day`;

/**
 * The assistant's answers, handovers, tokens and cost in the period. The assistant books them per
 * UTC day, so the period is read in whole UTC days (the days its local midnights fall in).
 */
export function assistantUsage(orm: Orm, q: PeriodQuery): AssistantUsageDto {
  const rows = prepared<Record<string, unknown>, Omit<AssistantUsageDto['days'][number], 'costUsd'> & { costMicros: number }>(
    orm.$client,
    forAccount(ASSISTANT_DAYS_SQL, q.accountId),
  ).all(params(q, { firstDay: dayKey(q.from), lastDay: dayKey(q.to - 1) }));
  const sum = (key: 'answers' | 'handovers' | 'failures' | 'promptTokens' | 'completionTokens' | 'costMicros') => rows.reduce((total, row) => total + row[key], 0);
  return {
    days: rows.map(({ costMicros, ...day }) => ({ ...day, costUsd: costMicros / 1_000_000 })),
    // Cost summed in millionths, then converted once: sums of dollars would drift.
    totals: {
      answers: sum('answers'),
      handovers: sum('handovers'),
      failures: sum('failures'),
      promptTokens: sum('promptTokens'),
      completionTokens: sum('completionTokens'),
      costUsd: sum('costMicros') / 1_000_000,
    },
  };
}

const FUNNEL_SQL = `SELECT count(*) AS queued,
    count(*) FILTER (WHERE state IN ('sent', 'delivered', 'read', 'replied')) AS sent,
    count(*) FILTER (WHERE state IN ('delivered', 'read', 'replied')) AS delivered,
    count(*) FILTER (WHERE state IN ('read', 'replied')) AS read,
    count(*) FILTER (WHERE replied_at IS NOT NULL OR state = 'replied') AS replied,
    count(*) FILTER (WHERE opted_out_at IS NOT NULL) AS optedOut,
    count(*) FILTER (WHERE state = 'failed') AS failed
  FROM campaign_recipients WHERE queued_at >= @from AND queued_at < @to /*account*/`;

/** How far the campaign messages handed to WhatsApp in the period got, every campaign together. */
export function campaignFunnel(orm: Orm, q: PeriodQuery): CampaignFunnelDto {
  return prepared<Record<string, unknown>, CampaignFunnelDto>(orm.$client, forAccount(FUNNEL_SQL, q.accountId)).get(params(q, { from: q.from, to: q.to }))!;
}
