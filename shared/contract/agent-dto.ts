import { z } from 'zod';
import { chatSchema, messageSchema } from './dto';

export const labelSchema = z.object({ id: z.number().int(), name: z.string(), color: z.string() });
export type LabelDto = z.infer<typeof labelSchema>;

/** A private note on a conversation: agents see it, the customer never does. */
export const noteSchema = z.object({ id: z.number().int(), chatId: z.number().int(), text: z.string(), createdAt: z.number() });
export type NoteDto = z.infer<typeof noteSchema>;

/** Inserted by typing "/shortcut" in the composer; `{{nombre}}`/`{{name}}` become the contact's name. */
export const quickReplySchema = z.object({ id: z.number().int(), shortcut: z.string(), text: z.string() });
export type QuickReplyDto = z.infer<typeof quickReplySchema>;

export const searchHitSchema = z.object({
  message: messageSchema,
  chat: chatSchema,
  /** The matching text with the matches wrapped in \u0001…\u0002 (the renderer highlights them). */
  snippet: z.string(),
});
export type SearchHitDto = z.infer<typeof searchHitSchema>;

export const inboxCountsSchema = z.object({ unreadChats: z.number().int(), unreadMessages: z.number().int() });
export type InboxCountsDto = z.infer<typeof inboxCountsSchema>;
