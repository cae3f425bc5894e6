import { z } from 'zod';
import {
  assistantConfigSchema,
  assistantDayStatsSchema,
  assistantSettingsSchema,
  chatHandlerStateSchema,
  tryResultSchema,
  tryTurnSchema,
} from './assistant-dto';
import { inboxCountsSchema, labelSchema, noteSchema, quickReplySchema, searchHitSchema } from './agent-dto';
import { syncStatusSchema } from './sync-dto';
import {
  accountColorSchema,
  accountSchema,
  accountSettingsSchema,
  chatSchema,
  chatStatusSchema,
  historyChoiceSchema,
  messageInfoSchema,
  messageSchema,
  pairingSchema,
  settingsSchema,
} from './dto';
import {
  audienceCheckSchema,
  audienceDraftSchema,
  audienceSourceSchema,
  campaignExportSchema,
  countryCodeSchema,
  campaignAttachmentKindSchema,
  campaignPacingSchema,
  campaignRecipientSchema,
  campaignReportSchema,
  campaignSchema,
  campaignWindowSchema,
  optOutSettingsSchema,
  recipientStateSchema,
} from './campaign-dto';
import type { MethodName } from './names';
import { activityStatsSchema, assistantUsageSchema, campaignFunnelSchema, conversationStatsSchema, liveStatsSchema, responseStatsSchema, statsPeriodSchema } from './stats-dto';

const empty = z.object({}).strict();
const accountId = z.string().min(1).max(64);
const chatId = z.number().int().positive();
const messageId = z.number().int().positive();
const id = z.number().int().positive();
/** WhatsApp's limit for the media we send; files travel as base64 inside the call (browser mode has no other channel). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
/** Base64 grows by 4 characters per 3 bytes, rounded up to whole blocks. */
export const MAX_MEDIA_BASE64 = 4 * Math.ceil(MAX_MEDIA_BYTES / 3);

/** Every method: its request and response schema. Requests are strict: unknown keys are refused. */
export const methods = {
  'app.info': {
    request: empty,
    response: z.object({ version: z.string(), mode: z.enum(['electron', 'headless']), dataDir: z.string() }),
  },
  'settings.get': { request: empty, response: settingsSchema },
  'settings.update': { request: settingsSchema.partial().strict(), response: settingsSchema },
  'accounts.list': { request: empty, response: z.array(accountSchema) },
  'accounts.addPractice': {
    request: z.object({ label: z.string().trim().min(1).max(40).optional() }).strict(),
    response: accountSchema,
  },
  /** A real number: the account starts waiting for its QR at once. */
  'accounts.addWhatsApp': {
    request: z.object({ label: z.string().trim().min(1).max(40).optional(), history: historyChoiceSchema.default('recent') }).strict(),
    response: accountSchema,
  },
  /** The QR or code to show now (null when the account is not pairing). Events keep it fresh. */
  'accounts.pairing': { request: z.object({ accountId }).strict(), response: pairingSchema.nullable() },
  /** Link by phone number instead of QR: WhatsApp answers with a code to type on the phone. */
  'accounts.requestPairingCode': {
    request: z.object({ accountId, phone: z.string().trim().min(3).max(32) }).strict(),
    response: pairingSchema,
  },
  /** Reconnect now, or "Try again" after a QR expired or a log-out. */
  'accounts.reconnect': { request: z.object({ accountId }).strict(), response: accountSchema },
  /** Close the connection and keep the session: no QR needed to come back. */
  'accounts.disconnect': { request: z.object({ accountId }).strict(), response: accountSchema },
  /** Unlink this computer from the phone and wipe the session. */
  'accounts.logout': { request: z.object({ accountId }).strict(), response: accountSchema },
  'accounts.update': {
    request: z
      .object({
        accountId,
        label: z.string().trim().min(1).max(40).optional(),
        color: accountColorSchema.optional(),
        settings: accountSettingsSchema.partial().strict().optional(),
      })
      .strict(),
    response: accountSchema,
  },
  'accounts.remove': {
    request: z.object({ accountId, deleteConversations: z.boolean().default(true) }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'practice.simulateInbound': {
    request: z
      .object({
        accountId,
        customerName: z.string().trim().min(1).max(60),
        /** Any common notation; the core normalises it and refuses what is not a phone number. */
        phone: z.string().trim().min(3).max(32),
        text: z.string().trim().min(1).max(4096),
      })
      .strict(),
    response: z.object({ waId: z.string() }),
  },
  'chats.list': {
    request: z
      .object({
        accountId: accountId.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        /** Cursor: the last row of the previous page (the list is ordered by lastMessageAt, then id). */
        before: z.object({ lastMessageAt: z.number(), id: z.number().int() }).strict().optional(),
        unreadOnly: z.boolean().optional(),
        labelId: z.number().int().optional(),
        status: chatStatusSchema.optional(),
        /** Archived chats are listed only when asked for (and then only them). */
        archived: z.boolean().default(false),
      })
      .strict(),
    /** Pinned chats first, then newest first. */
    response: z.array(chatSchema),
  },
  'chats.update': {
    request: z
      .object({ chatId, status: chatStatusSchema.optional(), pinned: z.boolean().optional(), archived: z.boolean().optional(), mutedUntil: z.number().nullable().optional() })
      .strict(),
    response: chatSchema,
  },
  /** Assigns the conversation to a colleague (their name), or to nobody with null. */
  'chats.assign': {
    request: z.object({ chatId, assignedTo: z.string().trim().min(1).max(80).nullable() }).strict(),
    response: chatSchema,
  },
  'chats.setLabels': { request: z.object({ chatId, labelIds: z.array(id).max(50) }).strict(), response: chatSchema },
  /** The same customer's conversations on all our numbers; the first is where they wrote last. */
  'chats.related': { request: z.object({ chatId }).strict(), response: z.array(chatSchema) },
  'chats.markRead': { request: z.object({ chatId }).strict(), response: chatSchema },
  'messages.list': {
    request: z
      .object({
        chatId,
        limit: z.number().int().min(1).max(200).default(50),
        /** Cursor: the `id` of the oldest message already shown. */
        beforeId: z.number().int().optional(),
      })
      .strict(),
    /** Oldest first. */
    response: z.array(messageSchema),
  },
  /** A page centred on one message (a search result opens the chat there), oldest first. */
  'messages.around': {
    request: z.object({ chatId, messageId, limit: z.number().int().min(2).max(200).default(50) }).strict(),
    response: z.array(messageSchema),
  },
  /** Goes through the outbox: sent now when the account is connected, else queued in order. */
  'messages.send': {
    request: z.object({ chatId, text: z.string().trim().min(1).max(4096), quotedId: messageId.optional() }).strict(),
    response: messageSchema,
  },
  'messages.sendMedia': {
    request: z
      .object({
        chatId,
        kind: z.enum(['image', 'video', 'audio', 'document']),
        fileName: z.string().trim().min(1).max(255),
        mime: z.string().trim().min(3).max(127),
        dataBase64: z.string().min(1).max(MAX_MEDIA_BASE64),
        caption: z.string().trim().max(1024).optional(),
        quotedId: messageId.optional(),
      })
      .strict(),
    response: messageSchema,
  },
  /** Takes a queued message out of the outbox before it is sent. */
  'messages.cancel': { request: z.object({ messageId }).strict(), response: z.object({ cancelled: z.boolean() }) },
  /** The details of one message: its text before an edit, and group members' delivery and read times. */
  'messages.info': { request: z.object({ messageId }).strict(), response: messageInfoSchema },
  /** Downloads a message's media again after a failure. */
  'messages.retryMedia': { request: z.object({ messageId }).strict(), response: messageSchema },
  /** Accent-insensitive word search over every account's messages, newest first, plus matching chats. */
  'search.query': {
    request: z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    response: z.object({ messages: z.array(searchHitSchema), chats: z.array(chatSchema) }),
  },
  'labels.list': { request: empty, response: z.array(labelSchema) },
  /** Creates (no id) or renames/recolours a label. */
  'labels.save': {
    request: z.object({ id: id.optional(), name: z.string().trim().min(1).max(40), color: accountColorSchema }).strict(),
    response: labelSchema,
  },
  'labels.delete': { request: z.object({ id }).strict(), response: z.object({ deleted: z.boolean() }) },
  'notes.list': { request: z.object({ chatId }).strict(), response: z.array(noteSchema) },
  'notes.add': { request: z.object({ chatId, text: z.string().trim().min(1).max(4000) }).strict(), response: noteSchema },
  'notes.delete': { request: z.object({ id }).strict(), response: z.object({ deleted: z.boolean() }) },
  'quickReplies.list': { request: empty, response: z.array(quickReplySchema) },
  'quickReplies.save': {
    request: z
      .object({ id: id.optional(), shortcut: z.string().trim().min(1).max(32).regex(/^[\p{L}\p{N}_-]+$/u), text: z.string().trim().min(1).max(4096) })
      .strict(),
    response: quickReplySchema,
  },
  'quickReplies.delete': { request: z.object({ id }).strict(), response: z.object({ deleted: z.boolean() }) },
  'inbox.counts': { request: empty, response: inboxCountsSchema },
  /** Messages received and sent per local day, new conversations, busiest weekday × hour. */
  'stats.activity': { request: statsPeriodSchema, response: activityStatsSchema },
  /** First-response times (median, 90th percentile) for people and for the assistant. */
  'stats.responses': { request: statsPeriodSchema, response: responseStatsSchema },
  'stats.conversations': { request: z.object({ accountId: accountId.optional() }).strict(), response: conversationStatsSchema },
  'stats.live': { request: empty, response: liveStatsSchema },
  /** Answers, handovers, tokens and estimated cost of the assistant in the period. */
  'stats.assistant': { request: statsPeriodSchema, response: assistantUsageSchema },
  /** Campaign funnel: sent, delivered, read, replied, opted out, of the recipients queued in the period. */
  'stats.campaigns': { request: statsPeriodSchema, response: campaignFunnelSchema },
  /** An account's assistant: settings, whether a key is stored (never the key), last status. */
  'assistant.get': { request: z.object({ accountId }).strict(), response: assistantConfigSchema },
  'assistant.update': {
    request: z
      .object({
        accountId,
        settings: assistantSettingsSchema.partial().strict().optional(),
        /** A new API key; null removes the stored one; absent keeps it. */
        apiKey: z.string().trim().min(1).max(500).nullable().optional(),
      })
      .strict(),
    response: assistantConfigSchema,
  },
  /** "Try the assistant": the account's saved assistant answers a made-up conversation; nothing is sent. */
  'assistant.try': {
    request: z.object({ accountId, turns: z.array(tryTurnSchema).min(1).max(30) }).strict(),
    response: tryResultSchema,
  },
  /** Chats not handled by the assistant right now, the accounts whose assistant is on, and those of them that cannot answer. */
  'assistant.handlers': {
    request: empty,
    response: z.object({ enabledAccountIds: z.array(z.string()), problemAccountIds: z.array(z.string()), chats: z.array(chatHandlerStateSchema) }),
  },
  /** "Take over" (person) or "Give back to the assistant" for one chat. */
  'assistant.setHandler': {
    request: z.object({ chatId, handler: z.enum(['assistant', 'person']) }).strict(),
    response: chatHandlerStateSchema,
  },
  /** Per-day answers, handovers, tokens and estimated cost, newest first. */
  'assistant.stats': {
    request: z.object({ accountId, days: z.number().int().min(1).max(366).default(30) }).strict(),
    response: z.object({ days: z.array(assistantDayStatsSchema), monthCostUsd: z.number(), monthlyCapUsd: z.number().nullable() }),
  },
  'campaigns.list': { request: empty, response: z.array(campaignSchema) },
  'campaigns.get': { request: z.object({ id }).strict(), response: campaignSchema },
  'campaigns.recipients': {
    request: z
      .object({ id, state: recipientStateSchema.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    response: z.object({ items: z.array(campaignRecipientSchema), total: z.number().int() }),
  },
  /** Reads a CSV or Excel file for the column-mapping screen; progress arrives as `campaigns.import` events for `draftId`. */
  'campaigns.parseFile': {
    request: z
      .object({ draftId: z.string().min(8).max(64), fileName: z.string().trim().min(1).max(255), dataBase64: z.string().min(1).max(MAX_MEDIA_BASE64) })
      .strict(),
    response: audienceDraftSchema,
  },
  /**
   * Normalises the numbers and lists invalid, repeated and opted-out ones, before launch. With
   * `checkWhatsApp`, numbers not in the cache are first asked of WhatsApp through a connected
   * account (progress as `campaigns.whatsAppCheck` events); numbers it does not know are listed too.
   */
  'campaigns.checkAudience': {
    request: z
      .object({
        audience: audienceSourceSchema,
        accountIds: z.array(accountId).min(1).max(10),
        checkWhatsApp: z.boolean().default(false),
        /** For numbers written without a country code; defaults to the sending numbers' country. */
        defaultCountry: countryCodeSchema.optional(),
      })
      .strict(),
    response: audienceCheckSchema,
  },
  /** Stops a running WhatsApp check; the pending `checkAudience` answers with the numbers checked so far. */
  'campaigns.stopWhatsAppCheck': { request: empty, response: z.object({ stopped: z.literal(true) }) },
  /** When a campaign of that size would finish under those pacing rules. */
  'campaigns.estimate': {
    request: z
      .object({
        recipients: z.number().int().min(0).max(1_000_000),
        accountIds: z.array(accountId).min(1).max(10),
        pacing: campaignPacingSchema,
        window: campaignWindowSchema,
        startAt: z.number().optional(),
      })
      .strict(),
    response: z.object({ finishAt: z.number().nullable() }),
  },
  /** Creates the campaign and its recipients in one go, starting now or at `startAt`. */
  'campaigns.create': {
    request: z
      .object({
        name: z.string().trim().min(1).max(80),
        audience: audienceSourceSchema,
        template: z.string().max(4096),
        /** Sent with every message, the text as its caption. Practice accounts carry no files. */
        attachment: z
          .object({ kind: campaignAttachmentKindSchema, fileName: z.string().trim().min(1).max(255), mime: z.string().trim().min(3).max(127), dataBase64: z.string().min(1).max(MAX_MEDIA_BASE64) })
          .strict()
          .optional(),
        accountIds: z.array(accountId).min(1).max(10),
        pacing: campaignPacingSchema,
        window: campaignWindowSchema,
        startAt: z.number().optional(),
        /** Numbers the cached check found not on WhatsApp are skipped with that reason. */
        skipNotOnWhatsApp: z.boolean().default(false),
        defaultCountry: countryCodeSchema.optional(),
      })
      .strict(),
    response: campaignSchema,
  },
  'campaigns.pause': { request: z.object({ id }).strict(), response: campaignSchema },
  /** Also lifts the automatic brake of every account of the campaign. */
  'campaigns.resume': { request: z.object({ id }).strict(), response: campaignSchema },
  'campaigns.cancel': { request: z.object({ id }).strict(), response: campaignSchema },
  'campaigns.report': { request: z.object({ id }).strict(), response: campaignReportSchema },
  'campaigns.exportCsv': { request: z.object({ id }).strict(), response: campaignExportSchema },
  'campaigns.optOutSettings': { request: empty, response: optOutSettingsSchema },
  'campaigns.updateOptOutSettings': { request: optOutSettingsSchema.strict(), response: optOutSettingsSchema },
  /** The central server connection as the Settings card shows it. */
  'sync.status': { request: z.object({}).strict(), response: syncStatusSchema },
  /** Enrols this workstation with a central server (URL + enrolment token) and starts syncing. */
  'sync.connect': {
    request: z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(300),
        enrolmentToken: z.string().trim().min(16).max(200),
        agentName: z.string().trim().min(1).max(80).nullable().default(null),
      })
      .strict(),
    response: syncStatusSchema,
  },
  /** Stops syncing and forgets the server and its token (changes not yet sent are dropped). */
  'sync.disconnect': { request: z.object({}).strict(), response: syncStatusSchema },
} as const satisfies Record<MethodName, { request: z.ZodType; response: z.ZodType }>;

export type Methods = typeof methods;
export type MethodRequest<M extends MethodName> = z.input<Methods[M]['request']>;
export type MethodParsedRequest<M extends MethodName> = z.output<Methods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.output<Methods[M]['response']>;
