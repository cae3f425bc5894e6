import { z } from 'zod';
import {
  accountColorSchema,
  accountSchema,
  accountSettingsSchema,
  chatSchema,
  historyChoiceSchema,
  messageSchema,
  pairingSchema,
  settingsSchema,
} from './dto';
import type { MethodName } from './names';

const empty = z.object({}).strict();
const accountId = z.string().min(1).max(64);
const chatId = z.number().int().positive();

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
      })
      .strict(),
    response: z.array(chatSchema),
  },
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
  'messages.send': {
    request: z.object({ chatId, text: z.string().trim().min(1).max(4096) }).strict(),
    response: messageSchema,
  },
} as const satisfies Record<MethodName, { request: z.ZodType; response: z.ZodType }>;

export type Methods = typeof methods;
export type MethodRequest<M extends MethodName> = z.input<Methods[M]['request']>;
export type MethodParsedRequest<M extends MethodName> = z.output<Methods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.output<Methods[M]['response']>;
