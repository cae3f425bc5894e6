import { z } from 'zod';

export const languageSchema = z.enum(['es', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const accountStateSchema = z.enum([
  'connecting',
  'waiting_qr',
  /**
   * Not linked and not trying: the last QR (or pairing code) expired unused, or a number never
   * linked could not reach WhatsApp. Shown as "Sin vincular"; the person chooses "Vincular".
   */
  'pairing_expired',
  'connected',
  'reconnecting',
  'disconnected',
  'logged_out',
  'restricted',
  'broken',
]);
export type AccountState = z.infer<typeof accountStateSchema>;

/** How much history a newly paired number brings in. */
export const historyChoiceSchema = z.enum(['none', 'recent', 'all']);
export type HistoryChoice = z.infer<typeof historyChoiceSchema>;

export const accountSettingsSchema = z.object({
  history: historyChoiceSchema,
  rejectCalls: z.boolean(),
  /** Sent to the caller after a rejected call; null sends nothing. */
  rejectCallReply: z.string().max(1000).nullable(),
  ignoreGroups: z.boolean(),
  sendReadReceipts: z.boolean(),
  /** Off by default so the owner's phone keeps its notifications. */
  appearOnline: z.boolean(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const defaultAccountSettings: AccountSettings = {
  history: 'recent',
  rejectCalls: false,
  rejectCallReply: null,
  ignoreGroups: false,
  sendReadReceipts: true,
  appearOnline: false,
};

export const accountColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i);

/** Colours offered for accounts (readable on light and dark); new accounts take the first unused. */
export const accountPalette = ['#25a244', '#2f6fdf', '#d9480f', '#8e44ad', '#c2185b', '#00897b', '#b08900', '#5d6d7e', '#e64980', '#1098ad'] as const;

/** WhatsApp numbers one workstation runs at once. */
export const MAX_ACCOUNTS = 10;

/**
 * Why an account is not connected, when Mostrador itself decided it (the renderer translates
 * these); reasons that come from WhatsApp arrive as its own text.
 */
export const accountReasonCodes = {
  /** The stored session is damaged: link the number again. */
  authUnreadable: 'auth_unreadable',
  /** Every QR (or the code) expired unused. */
  qrExpired: 'qr_expired',
  /** A number never linked could not reach WhatsApp after a few tries; it waits for "Vincular". */
  pairingFailed: 'pairing_failed',
  /** Never linked (no QR scanned yet): not started with the app, it waits for "Vincular". */
  notLinked: 'not_linked',
  /** The session could not be saved (disk full, read-only folder). */
  storageError: 'storage_error',
  /** Received messages wait in the spool because the database cannot store them (disk full, busy). Shown while connected too. */
  storageFull: 'storage_full',
} as const;
export type AccountReasonCode = (typeof accountReasonCodes)[keyof typeof accountReasonCodes];

export const accountSchema = z.object({
  id: z.string(),
  kind: z.enum(['practice', 'whatsapp']),
  label: z.string(),
  color: z.string(),
  phone: z.string().nullable(),
  pushName: z.string().nullable(),
  /** Profile picture as a data: URL, when WhatsApp gave one. */
  avatar: z.string().nullable(),
  settings: accountSettingsSchema,
  state: accountStateSchema,
  /** Reconnect attempt number while `reconnecting`. */
  attempt: z.number().int().nullable(),
  /** Epoch ms of the next reconnect try while `reconnecting`. */
  nextRetryAt: z.number().nullable(),
  /** Why the account is not connected, in plain words (not translated: it comes from WhatsApp). */
  reason: z.string().nullable(),
  createdAt: z.number(),
  /**
   * WhatsApp's reach-out lock (error 463, 2026 limits): until then (epoch ms) the number writes
   * only to people it already talks to; null when not locked.
   */
  reachOutLockedUntil: z.number().nullable(),
});
export type AccountDto = z.infer<typeof accountSchema>;

/** What the pairing screen shows while a number is being linked. */
export const pairingSchema = z.object({
  accountId: z.string(),
  /** The QR payload to draw (Baileys rotates it); null while a pairing code is used instead. */
  qr: z.string().nullable(),
  /** The 8-character code to type on the phone, when linking by phone number. */
  code: z.string().nullable(),
  /** Epoch ms when this QR or code stops working. */
  expiresAt: z.number().nullable(),
});
export type PairingDto = z.infer<typeof pairingSchema>;

/** History import after pairing. */
export const historyProgressSchema = z.object({
  accountId: z.string(),
  chats: z.number().int(),
  messages: z.number().int(),
  /** 0–100 as WhatsApp reports it, when it does. */
  percent: z.number().nullable(),
  done: z.boolean(),
});
export type HistoryProgressDto = z.infer<typeof historyProgressSchema>;

/**
 * Our messages: `queued` waits in the outbox (account offline), `pending` is being sent, then
 * sent → delivered → read, or failed. Customers' messages are `received`.
 */
export const messageStatusSchema = z.enum(['queued', 'pending', 'sent', 'delivered', 'read', 'failed', 'received']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const chatStatusSchema = z.enum(['open', 'pending', 'resolved']);
export type ChatStatus = z.infer<typeof chatStatusSchema>;

export const mediaKindSchema = z.enum(['image', 'video', 'audio', 'voice', 'document', 'sticker']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

export const mediaSchema = z.object({
  kind: mediaKindSchema,
  mime: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  durationSec: z.number().nullable(),
  /** none: not asked for yet; downloading; ready (url works); failed (retry with messages.retryMedia). */
  state: z.enum(['none', 'downloading', 'ready', 'failed']),
  /** Same-origin path the renderer loads the file from (`/media/<message id>`), when ready. */
  url: z.string().nullable(),
});
export type MediaDto = z.infer<typeof mediaSchema>;

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
  /** Agent workflow state. */
  status: chatStatusSchema,
  labelIds: z.array(z.number().int()),
  pinned: z.boolean(),
  archived: z.boolean(),
  /** Epoch ms until which notifications are silenced; null = not muted. */
  mutedUntil: z.number().nullable(),
  /** The colleague the conversation is assigned to (free text); null = nobody. */
  assignedTo: z.string().nullable(),
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
  /** Text, caption, or a short description of the content (e.g. a location's name). */
  text: z.string().nullable(),
  timestamp: z.number(),
  status: messageStatusSchema,
  /** The message this one replies to, as far as we know it. */
  quoted: z.object({ waId: z.string(), fromMe: z.boolean(), text: z.string().nullable(), type: z.string().nullable() }).nullable(),
  media: mediaSchema.nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  /** Shared contacts (vCards), with the phone numbers they carry. */
  sharedContacts: z.array(z.object({ name: z.string(), phones: z.array(z.string()) })).nullable(),
  /** Emoji reactions, one entry per emoji. */
  reactions: z.array(z.object({ emoji: z.string(), count: z.number().int(), fromMe: z.boolean() })),
  editedAt: z.number().nullable(),
  /** Set when the sender deleted it for everyone; the text is then gone. */
  deletedAt: z.number().nullable(),
  /** Why sending failed, when status is failed. */
  error: z.string().nullable(),
});
export type MessageDto = z.infer<typeof messageSchema>;

/** One group member's delivery and read times of one of our messages. */
export const messageReceiptSchema = z.object({
  memberJid: z.string(),
  /** As the owner saved them, else as they named themselves; null when unknown. */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  deliveredAt: z.number().nullable(),
  readAt: z.number().nullable(),
  /** A voice note or video played. */
  playedAt: z.number().nullable(),
});
export type MessageReceiptDto = z.infer<typeof messageReceiptSchema>;

/** A message's details: the text before its edit, and who received and read it in a group. */
export const messageInfoSchema = z.object({
  messageId: z.number().int(),
  editedAt: z.number().nullable(),
  /** The text before the first edit; null when never edited (or edited before we stored it). */
  originalText: z.string().nullable(),
  receipts: z.array(messageReceiptSchema),
});
export type MessageInfoDto = z.infer<typeof messageInfoSchema>;

export const settingsSchema = z.object({
  /** null: follow the system / browser language. */
  language: languageSchema.nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  /** A resolved or pending conversation goes back to open when the customer writes again. */
  reopenOnCustomerMessage: z.boolean(),
});
export type SettingsDto = z.infer<typeof settingsSchema>;
