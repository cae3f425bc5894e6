import { z } from 'zod';
import { assistantDayStatsSchema } from './assistant-dto';
import { accountStateSchema } from './dto';

const DAY_MS = 86_400_000;
/** The longest period a Stats call covers: a year and a bit (a leap year plus a time-zone change). */
export const MAX_STATS_PERIOD_DAYS = 400;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A period [from, to) in ms, read in the person's time zone (days, weekdays and hours are local). */
export const statsPeriodSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone'),
    /** One account, or all of them. */
    accountId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((p) => p.to > p.from, { message: 'The period ends before it starts', path: ['to'] })
  .refine((p) => p.to - p.from <= MAX_STATS_PERIOD_DAYS * DAY_MS, { message: `At most ${MAX_STATS_PERIOD_DAYS} days`, path: ['from'] });
export type StatsPeriod = z.input<typeof statsPeriodSchema>;

const count = z.number().int().nonnegative();

export const activityStatsSchema = z.object({
  /** Every local day of the period, oldest first, zeros included (a chart needs the gaps). */
  days: z.array(z.object({ day: z.string(), received: count, sent: count, newConversations: count })),
  totals: z.object({ received: count, sent: count, newConversations: count }),
  /** Received messages per local weekday (0 = Monday) and hour (0–23). */
  busiestHours: z.array(z.array(count).length(24)).length(7),
});
export type ActivityStatsDto = z.infer<typeof activityStatsSchema>;

const responseFigures = z.object({
  count,
  medianMs: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
});
export type ResponseFiguresDto = z.infer<typeof responseFigures>;

export const responseStatsSchema = z.object({
  /** From the customer's first unanswered message to our first reply, answered in the period. */
  person: responseFigures,
  assistant: responseFigures,
  /** Conversations answered in the period, and how many of them the assistant answered. */
  conversationsAnswered: count,
  conversationsAnsweredByAssistant: count,
  /** Conversations still being counted (a history import in progress): the figures will grow. */
  pendingConversations: count,
});
export type ResponseStatsDto = z.infer<typeof responseStatsSchema>;

/** Conversations by agent status now (the status has no history). */
export const conversationStatsSchema = z.object({ open: count, pending: count, resolved: count });
export type ConversationStatsDto = z.infer<typeof conversationStatsSchema>;

/** The tiles at the top of the Stats screen. */
export const liveStatsSchema = z.object({
  accounts: z.array(z.object({ id: z.string(), label: z.string(), state: accountStateSchema })),
  outboxWaiting: count,
  campaignsRunning: count,
  lastReceivedAt: z.number().nullable(),
});
export type LiveStatsDto = z.infer<typeof liveStatsSchema>;

/** The assistant's work in the period: per UTC day (as the assistant books it) and in total. */
export const assistantUsageSchema = z.object({
  days: z.array(assistantDayStatsSchema),
  totals: assistantDayStatsSchema.omit({ day: true }),
});
export type AssistantUsageDto = z.infer<typeof assistantUsageSchema>;

/** Campaign recipients handed to WhatsApp in the period, by how far each got (each stage counts those past it too). */
export const campaignFunnelSchema = z.object({
  queued: count,
  sent: count,
  delivered: count,
  read: count,
  replied: count,
  optedOut: count,
  failed: count,
});
export type CampaignFunnelDto = z.infer<typeof campaignFunnelSchema>;
