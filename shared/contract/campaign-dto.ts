import { z } from 'zod';

/**
 * How fast a campaign may send from one account (DESIGN §6). Defaults keep a number safe; a person
 * may lower the delay (down to a few seconds) knowing the risk.
 */
export const campaignPacingSchema = z
  .object({
    minDelaySec: z.number().int().min(2).max(3600),
    maxDelaySec: z.number().int().min(2).max(3600),
    /** A longer pause after this many messages from one account. */
    pauseEvery: z.number().int().min(1).max(10_000),
    pauseMinSec: z.number().int().min(0).max(86_400),
    pauseMaxSec: z.number().int().min(0).max(86_400),
    hourlyCap: z.number().int().min(1).max(10_000),
    dailyCap: z.number().int().min(1).max(100_000),
    /** Numbers paired in the last 14 days start with smaller caps that grow each day. */
    warmup: z.boolean(),
    /** Failed sends among the last ten (of one account) that pause it, in percent. */
    failureBrakePct: z.number().int().min(1).max(100),
  })
  .refine((p) => p.minDelaySec <= p.maxDelaySec, { message: 'The shortest delay is longer than the longest', path: ['maxDelaySec'] })
  .refine((p) => p.pauseMinSec <= p.pauseMaxSec, { message: 'The shortest pause is longer than the longest', path: ['pauseMaxSec'] });
export type CampaignPacing = z.infer<typeof campaignPacingSchema>;

export const defaultCampaignPacing: CampaignPacing = {
  minDelaySec: 20,
  maxDelaySec: 45,
  pauseEvery: 25,
  pauseMinSec: 300,
  pauseMaxSec: 600,
  hourlyCap: 60,
  dailyCap: 300,
  warmup: true,
  failureBrakePct: 30,
};

/** When sending is allowed, in the person's own time zone. Minutes of the day; weekdays 0 = Sunday. */
export const campaignWindowSchema = z.object({
  timeZone: z.string().min(1).max(64),
  startMinute: z.number().int().min(0).max(1439),
  endMinute: z.number().int().min(1).max(1440),
  weekdays: z.array(z.number().int().min(0).max(6)).max(7),
});
export type CampaignWindow = z.infer<typeof campaignWindowSchema>;

export const defaultCampaignWindow = (timeZone: string): CampaignWindow => ({
  timeZone,
  startMinute: 9 * 60,
  endMinute: 20 * 60,
  weekdays: [1, 2, 3, 4, 5, 6],
});

export const campaignStatusSchema = z.enum(['scheduled', 'running', 'paused', 'cancelled', 'finished']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const recipientStateSchema = z.enum(['pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped']);
export type RecipientState = z.infer<typeof recipientStateSchema>;

/**
 * Why the brake paused an account (translated by the renderer): an error acknowledgement (e.g. 463),
 * the account restricted or logged out, disconnected, or too many failures.
 */
export const brakeReasonSchema = z.enum(['error_ack', 'restricted', 'disconnected', 'failure_rate']);
export type BrakeReason = z.infer<typeof brakeReasonSchema>;

export const campaignCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  optedOut: z.number().int(),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

/** The image or document every message of a campaign carries (the message text is its caption). */
export const campaignAttachmentKindSchema = z.enum(['image', 'document']);
export const campaignAttachmentSchema = z.object({ kind: campaignAttachmentKindSchema, fileName: z.string(), mime: z.string() });
export type CampaignAttachmentDto = z.infer<typeof campaignAttachmentSchema>;

/** Each figure counts everyone who got at least that far (a read message was also delivered and sent). */
const funnelSchema = z.object({
  recipients: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  optedOut: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  /** Never sent because the campaign was cancelled. */
  cancelled: z.number().int(),
});
export type CampaignFunnel = z.infer<typeof funnelSchema>;

/** What every screen shows, from one query: the funnel, what is left, and progress over the sendable. */
export const campaignFiguresSchema = funnelSchema.extend({
  pending: z.number().int(),
  sending: z.number().int(),
  /** Recipients that can be sent (all but the skipped numbers); cancelled ones stay in, unsent. */
  sendable: z.number().int(),
  /** Sent or failed. */
  done: z.number().int(),
});
export type CampaignFigures = z.infer<typeof campaignFiguresSchema>;

export const campaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: campaignStatusSchema,
  template: z.string(),
  attachment: campaignAttachmentSchema.nullable(),
  pacing: campaignPacingSchema,
  window: campaignWindowSchema,
  startAt: z.number(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  accounts: z.array(z.object({ accountId: z.string(), pausedReason: brakeReasonSchema.nullable(), pausedDetail: z.string().nullable() })),
  counts: campaignCountsSchema,
  figures: campaignFiguresSchema,
  /** Running (or scheduled) but outside its sending window: when it starts sending. Null when sending or over. */
  waitingUntil: z.number().nullable(),
  /** When the last recipient should be sent, by the same pacing rules; null when nothing is left. */
  estimatedFinishAt: z.number().nullable(),
});
export type CampaignDto = z.infer<typeof campaignSchema>;

export const campaignRecipientSchema = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  accountId: z.string().nullable(),
  phone: z.string(),
  name: z.string().nullable(),
  state: recipientStateSchema,
  reason: z.string().nullable(),
  variant: z.string().nullable(),
  messageId: z.number().int().nullable(),
  queuedAt: z.number().nullable(),
  repliedAt: z.number().nullable(),
  optedOutAt: z.number().nullable(),
});
export type CampaignRecipientDto = z.infer<typeof campaignRecipientSchema>;

/** Where the people of a campaign come from. File columns are 0-based indexes into the parsed file. */
export const audienceSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('file'),
      draftId: z.string().min(1).max(64),
      /** Every column that may hold the person's number, in order of preference (Google exports have several). */
      phoneColumns: z.array(z.number().int().min(0)).min(1).max(10),
      /** Each becomes a {{variable}} with that name. */
      variables: z
        .array(z.object({ column: z.number().int().min(0), name: z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_]+$/u) }))
        .max(50),
    })
    .strict(),
  z.object({ kind: z.literal('labels'), labelIds: z.array(z.number().int().positive()).min(1).max(100) }).strict(),
  z.object({ kind: z.literal('chats'), chatIds: z.array(z.number().int().positive()).min(1).max(100_000) }).strict(),
]);
export type AudienceSource = z.infer<typeof audienceSourceSchema>;

/** A file read for the column-mapping screen; its rows stay in the core under `draftId`. */
export const audienceDraftSchema = z.object({
  draftId: z.string(),
  fileName: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  /** Blank rows between the records (left out). */
  blankRows: z.number().int(),
  /** Rows with more filled cells than the header has columns (reported by the check with their line). */
  extraFieldRows: z.number().int(),
  /** The columns whose values look like phone numbers (judged by the values, not the titles). */
  phoneColumns: z.array(z.number().int()),
  sample: z.array(z.array(z.string())),
});
export type AudienceDraftDto = z.infer<typeof audienceDraftSchema>;

/**
 * `no_country`: a local number ("55 1234 5678") while no default country is known: it is never
 * guessed into another country by prefixing "+". `extra_fields`: the row has more cells than the
 * header (a separator inside an unquoted name shifts its columns), so it is not trusted.
 */
export const audienceProblemReasonSchema = z.enum(['invalid', 'duplicate', 'opted_out', 'empty', 'not_on_whatsapp', 'no_country', 'extra_fields']);
export type AudienceProblemReason = z.infer<typeof audienceProblemReasonSchema>;

/** ISO 3166 country for numbers written without a country code ("MX"). */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/);

/** Largest audience file (the same as the media limit the transports carry); the renderer refuses bigger ones before reading. */
export const MAX_AUDIENCE_FILE_BYTES = 16 * 1024 * 1024;
export const audienceCheckSchema = z.object({
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  optedOut: z.number().int(),
  /** Numbers WhatsApp said it does not know (from the cached check). */
  notOnWhatsApp: z.number().int(),
  /** Valid numbers WhatsApp has not been asked about (or gave no clear answer); null when the check was not asked for. */
  whatsAppUnknown: z.number().int().nullable(),
  /** Local numbers that need a default country to be read. */
  noCountry: z.number().int(),
  /** Rows whose cells did not fit the header. */
  extraFields: z.number().int(),
  /** Blank rows of the file (null for chats and labels). */
  blankRows: z.number().int().nullable(),
  /** The country local numbers were read in; null when none is known. */
  defaultCountry: z.string().nullable(),
  /** The first problems, each with the file's physical line or chat id. */
  problems: z.array(z.object({ line: z.number().int(), value: z.string(), reason: audienceProblemReasonSchema })),
  /** People with several numbers: the one used (a mobile when there is one) and the others. */
  withAlternatives: z.number().int(),
  alternatives: z.array(z.object({ line: z.number().int(), used: z.string(), others: z.array(z.string()) })),
  variables: z.array(z.string()),
  /** The first valid recipients, for the message preview. */
  sample: z.array(z.object({ phone: z.string(), name: z.string().nullable(), variables: z.record(z.string(), z.string()), accountId: z.string() })),
});
export type AudienceCheckDto = z.infer<typeof audienceCheckSchema>;

/** How far the "is it on WhatsApp?" check has got (numbers asked so far, of those not in the cache). */
export const whatsAppCheckProgressSchema = z.object({ checked: z.number().int(), total: z.number().int(), done: z.boolean() });
export type WhatsAppCheckProgressDto = z.infer<typeof whatsAppCheckProgressSchema>;

/** Long audience steps report here: reading the file, checking the numbers, creating the recipients. */
export const importStageSchema = z.enum(['reading', 'checking', 'creating']);
export type ImportStage = z.infer<typeof importStageSchema>;
export const importProgressSchema = z.object({ draftId: z.string(), stage: importStageSchema, rows: z.number().int(), total: z.number().int().nullable(), done: z.boolean() });
export type ImportProgressDto = z.infer<typeof importProgressSchema>;



export const campaignReportSchema = z.object({
  campaignId: z.number().int(),
  funnel: funnelSchema,
  perAccount: z.array(funnelSchema.extend({ accountId: z.string() })),
  /** Only when the message has spintax: one row per combination of choices. */
  perVariant: z.array(funnelSchema.extend({ variant: z.string(), example: z.string() })),
  /** Replies and opt-outs over messages sent, 0..1. */
  replyRate: z.number(),
  optOutRate: z.number(),
});
export type CampaignReportDto = z.infer<typeof campaignReportSchema>;

/** Every recipient's result for the CSV the renderer writes (translated headers and states, local time). */
export const campaignExportSchema = z.object({
  fileName: z.string(),
  /** The {{variables}} of the audience, one column each after the fixed ones. */
  variables: z.array(z.string()),
  rows: z.array(
    z.object({
      phone: z.string(),
      name: z.string().nullable(),
      accountId: z.string().nullable(),
      state: recipientStateSchema,
      reason: z.string().nullable(),
      variant: z.string().nullable(),
      queuedAt: z.number().nullable(),
      repliedAt: z.number().nullable(),
      optedOutAt: z.number().nullable(),
      values: z.array(z.string()),
    }),
  ),
});
export type CampaignExportDto = z.infer<typeof campaignExportSchema>;

export const optOutSettingsSchema = z.object({
  keywords: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
  confirmation: z.string().trim().min(1).max(1000),
});
export type OptOutSettings = z.infer<typeof optOutSettingsSchema>;

/** The default confirmation in each language: the customer gets the one of the campaign they received. */
export const defaultOptOutConfirmations = {
  es: 'Listo, no te enviaremos más mensajes de campaña.',
  en: 'Done, you will not get more campaign messages.',
} as const;

export const defaultOptOutSettings: OptOutSettings = {
  keywords: ['BAJA', 'STOP', 'ALTO', 'NO MÁS', 'CANCELAR', 'UNSUBSCRIBE', 'DARME DE BAJA', 'NO MAS MENSAJES'],
  confirmation: defaultOptOutConfirmations.es,
};
