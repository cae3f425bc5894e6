import { z } from 'zod';

export const languageSchema = z.enum(['es', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const accountStateSchema = z.enum([
  'connecting',
  'waiting_qr',
  'connected',
  'reconnecting',
  'disconnected',
  'logged_out',
  'restricted',
  'broken',
]);
export type AccountState = z.infer<typeof accountStateSchema>;

export const accountSchema = z.object({
  id: z.string(),
  kind: z.enum(['practice', 'whatsapp']),
  label: z.string(),
  color: z.string(),
  phone: z.string().nullable(),
  pushName: z.string().nullable(),
  state: accountStateSchema,
  /** Reconnect attempt number while `reconnecting`. */
  attempt: z.number().int().nullable(),
  /** Epoch ms of the next reconnect try while `reconnecting`. */
  nextRetryAt: z.number().nullable(),
  /** Why the account is not connected, in plain words (not translated: it comes from WhatsApp). */
  reason: z.string().nullable(),
  createdAt: z.number(),
});
export type AccountDto = z.infer<typeof accountSchema>;

export const messageStatusSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'failed', 'received']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const chatSchema = z.object({
  id: z.number().int(),
  accountId: z.string(),
  jid: z.string(),
  /** Contact name when known, else the phone number. */
  title: z.string(),
  phone: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  lastMessageAt: z.number().nullable(),
  unreadCount: z.number().int(),
});
export type ChatDto = z.infer<typeof chatSchema>;

export const messageSchema = z.object({
  id: z.number().int(),
  chatId: z.number().int(),
  accountId: z.string(),
  /** WhatsApp's message id (key.id). */
  waId: z.string(),
  fromMe: z.boolean(),
  senderName: z.string().nullable(),
  /** `text`, or the Baileys content type, or `unsupported` for types Baileys does not know. */
  type: z.string(),
  text: z.string().nullable(),
  timestamp: z.number(),
  status: messageStatusSchema,
});
export type MessageDto = z.infer<typeof messageSchema>;

export const settingsSchema = z.object({
  /** null: follow the system / browser language. */
  language: languageSchema.nullable(),
  theme: z.enum(['system', 'light', 'dark']),
});
export type SettingsDto = z.infer<typeof settingsSchema>;
