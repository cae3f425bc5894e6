import { z } from 'zod';

/** When the assistant answers a customer. */
export const assistantWhenSchema = z.enum(['always', 'outside_hours', 'no_agent_reply']);
export type AssistantWhen = z.infer<typeof assistantWhenSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Opening hours: the same hours on the chosen weekdays (0 = Sunday), in `timeZone`. */
export const businessHoursSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).max(7),
  open: clockTime,
  close: clockTime,
  /** IANA zone, e.g. America/Mexico_City. */
  timeZone: z.string().min(1).max(64),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Everything an owner sets for one account's assistant, except the API key (kept sealed apart). */
export const assistantSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Any OpenAI-compatible server: OpenAI, Azure OpenAI, Ollama, LM Studio… */
  baseUrl: z.string().trim().url().max(300),
  model: z.string().trim().min(1).max(100),
  /** What we sell, prices, hours, address, FAQ: the only facts the assistant may use. */
  knowledge: z.string().max(20_000),
  tone: z.string().max(500),
  when: assistantWhenSchema,
  hours: businessHoursSchema,
  /** For `no_agent_reply`: minutes a customer waits for a person before the assistant answers. */
  noReplyMinutes: z.number().int().min(1).max(24 * 60),
  /** Chats carrying any of these labels are left to people. */
  excludedLabelIds: z.array(z.number().int().positive()).max(50),
  /** A customer message containing one of these (accents and case ignored) asks for a person. */
  handoverKeywords: z.array(z.string().trim().min(1).max(80)).max(50),
  /** How long the assistant stays quiet in a chat after a handover. */
  quietHours: z.number().min(0.25).max(24 * 30),
  /** At most this many answers per chat in `limitMinutes`; then a person is asked for. */
  limitAnswers: z.number().int().min(1).max(100),
  limitMinutes: z.number().int().min(1).max(24 * 60),
  /** The assistant stops for the month once its estimated cost reaches this (US dollars); null = no cap. */
  monthlyCapUsd: z.number().min(0).max(100_000).nullable(),
  /** Prices per million tokens (US dollars), for the estimate. */
  inputPricePerMillion: z.number().min(0).max(10_000),
  outputPricePerMillion: z.number().min(0).max(10_000),
  /**
   * Told to the customer when the chat goes to a person (keyword, the model's choice, a failure,
   * the limit, the spend cap). null: the default text in the workstation's language; '' sends nothing.
   */
  handoverMessage: z.string().trim().max(500).nullable(),
});
export type AssistantSettings = z.infer<typeof assistantSettingsSchema>;

export const defaultHandoverKeywords = [
  'quiero hablar con una persona',
  'hablar con una persona',
  'hablar con alguien',
  'asesor',
  'humano',
  'agente',
  'persona real',
  'human',
  'real person',
  'talk to a person',
  'agent',
];

export const defaultAssistantSettings: AssistantSettings = {
  enabled: false,
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  knowledge: '',
  tone: '',
  when: 'always',
  hours: { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '19:00', timeZone: 'UTC' },
  noReplyMinutes: 5,
  excludedLabelIds: [],
  handoverKeywords: defaultHandoverKeywords,
  quietHours: 12,
  limitAnswers: 5,
  limitMinutes: 10,
  monthlyCapUsd: 10,
  // gpt-4o-mini's list price; owners of other models change it.
  inputPricePerMillion: 0.15,
  outputPricePerMillion: 0.6,
  handoverMessage: null,
};

/** What the customer is told on a handover when the owner kept the default (by workstation language). */
export const defaultHandoverMessages = {
  es: 'Un momento, te atiende una persona.',
  en: 'One moment, a person will help you.',
} as const;

/** Why the assistant last could not answer (the card shows it); `ok` after a good answer. */
export const assistantProblemSchema = z.enum(['auth_failed', 'rate_limited', 'unreachable', 'timeout', 'provider_error', 'bad_answer', 'spend_cap']);
export type AssistantProblem = z.infer<typeof assistantProblemSchema>;

export const assistantStatusSchema = z.object({
  /** null: it has not tried yet (or settings changed since). */
  problem: assistantProblemSchema.nullable(),
  /** The provider's own words for the last problem (never the key). */
  detail: z.string().nullable(),
  at: z.number().nullable(),
  /** Estimated spend this calendar month (UTC), US dollars. */
  monthCostUsd: z.number(),
});
export type AssistantStatusDto = z.infer<typeof assistantStatusSchema>;

export const assistantConfigSchema = z.object({
  accountId: z.string(),
  settings: assistantSettingsSchema,
  /** The key itself never leaves the core. */
  hasKey: z.boolean(),
  status: assistantStatusSchema,
});
export type AssistantConfigDto = z.infer<typeof assistantConfigSchema>;

/** Who answers a chat now. */
export const chatHandlerSchema = z.enum(['assistant', 'waiting', 'person']);
export type ChatHandler = z.infer<typeof chatHandlerSchema>;

export const handoverReasonSchema = z.enum(['keyword', 'model', 'agent', 'failure', 'limit', 'loop', 'spend_cap']);
export type HandoverReason = z.infer<typeof handoverReasonSchema>;

export const chatHandlerStateSchema = z.object({
  chatId: z.number().int(),
  accountId: z.string(),
  handler: chatHandlerSchema,
  /** Epoch ms when the assistant may answer again by itself; null while it handles the chat. */
  until: z.number().nullable(),
  reason: handoverReasonSchema.nullable(),
});
export type ChatHandlerStateDto = z.infer<typeof chatHandlerStateSchema>;

export const assistantDayStatsSchema = z.object({
  /** YYYY-MM-DD (UTC). */
  day: z.string(),
  answers: z.number().int(),
  /** Chats handed to a person by a keyword, the model, the limit, a bot loop or the spend cap. */
  handovers: z.number().int(),
  /** Chats handed to a person because the call failed: booked apart, shown as handovers too (renderer's assistantCounters). */
  failures: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  costUsd: z.number(),
});
export type AssistantDayStatsDto = z.infer<typeof assistantDayStatsSchema>;

/** One line of the "Try the assistant" conversation. */
export const tryTurnSchema = z.object({ from: z.enum(['customer', 'assistant']), text: z.string().trim().min(1).max(4096) }).strict();
export type TryTurn = z.infer<typeof tryTurnSchema>;

export const tryResultSchema = z.object({
  /** The WhatsApp messages the assistant would send. */
  replies: z.array(z.string()),
  /** It would hand the chat to a person (and why, in its words or the keyword's). */
  handover: z.boolean(),
  handoverNote: z.string().nullable(),
  problem: assistantProblemSchema.nullable(),
  detail: z.string().nullable(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
});
export type TryResultDto = z.infer<typeof tryResultSchema>;
