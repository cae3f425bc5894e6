import { z } from 'zod';
import { assistantConfigSchema, chatHandlerStateSchema } from './assistant-dto';
import { inboxCountsSchema, labelSchema, noteSchema, quickReplySchema } from './agent-dto';
import { campaignRecipientSchema, campaignSchema, importProgressSchema, whatsAppCheckProgressSchema } from './campaign-dto';
import { accountSchema, chatSchema, historyProgressSchema, messageSchema, pairingSchema } from './dto';
import type { EventTopic } from './names';

/**
 * Every event topic: the schema of one item and the key that identifies it. Transports coalesce
 * per topic (about 50 ms) and keep only the latest item per key, so an event always carries a
 * batch: `{ topic, items }`.
 */
export const events = {
  'account.status': { item: accountSchema, key: (a: z.infer<typeof accountSchema>) => a.id },
  /** Sent once an account and its conversations are gone; no event about it follows. */
  'account.removed': { item: z.object({ id: z.string() }), key: (a: { id: string }) => a.id },
  'account.pairing': { item: pairingSchema, key: (p: z.infer<typeof pairingSchema>) => p.accountId },
  'account.history': { item: historyProgressSchema, key: (h: z.infer<typeof historyProgressSchema>) => h.accountId },
  'chats.upserted': { item: chatSchema, key: (c: z.infer<typeof chatSchema>) => String(c.id) },
  'chats.removed': {
    item: z.object({ id: z.number().int(), mergedInto: z.number().int().nullable() }),
    key: (c: { id: number }) => String(c.id),
  },
  'messages.upserted': { item: messageSchema, key: (m: z.infer<typeof messageSchema>) => String(m.id) },
  'messages.removed': { item: z.object({ id: z.number().int(), chatId: z.number().int() }), key: (x: { id: number }) => String(x.id) },
  'labels.upserted': { item: labelSchema, key: (x: { id: number }) => String(x.id) },
  'labels.removed': { item: z.object({ id: z.number().int() }), key: (x: { id: number }) => String(x.id) },
  'notes.upserted': { item: noteSchema, key: (x: { id: number }) => String(x.id) },
  'notes.removed': { item: z.object({ id: z.number().int(), chatId: z.number().int() }), key: (x: { id: number }) => String(x.id) },
  'quickReplies.upserted': { item: quickReplySchema, key: (x: { id: number }) => String(x.id) },
  'quickReplies.removed': { item: z.object({ id: z.number().int() }), key: (x: { id: number }) => String(x.id) },
  'inbox.counts': { item: inboxCountsSchema, key: () => 'all' },
  'assistant.status': { item: assistantConfigSchema, key: (x: { accountId: string }) => x.accountId },
  'assistant.handler': { item: chatHandlerStateSchema, key: (x: { chatId: number }) => String(x.chatId) },
  'campaigns.upserted': { item: campaignSchema, key: (c: { id: number }) => String(c.id) },
  'campaigns.recipient': { item: campaignRecipientSchema, key: (r: { id: number }) => String(r.id) },
  'campaigns.import': { item: importProgressSchema, key: (p: { draftId: string }) => p.draftId },
  'campaigns.whatsAppCheck': { item: whatsAppCheckProgressSchema, key: () => 'check' },
  'campaigns.suppressed': { item: z.object({ phone: z.string(), createdAt: z.number() }), key: (x: { phone: string }) => x.phone },
} as const satisfies Record<EventTopic, { item: z.ZodType; key: (item: never) => string }>;

export type EventItem<T extends EventTopic> = z.infer<(typeof events)[T]['item']>;

export type EventBatch = { [T in EventTopic]: { topic: T; items: EventItem<T>[] } }[EventTopic];
