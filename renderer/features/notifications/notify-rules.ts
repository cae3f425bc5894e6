import type { ChatDto, MessageDto } from '../../../shared/contract';
import { toEpochMs } from '../../ui/format';
import { isMuted } from '../inbox/mute';
import { kindOf } from '../../../shared/message-kinds';

/** Older messages arriving now are history or catch-up after a reconnect, not news. */
export const NOTIFY_MAX_AGE_MS = 5 * 60_000;

export interface NotifyContext {
  /** The message's chat as the cache knows it (undefined: not seen yet). */
  chat: ChatDto | undefined;
  openChatId: number | null;
  windowFocused: boolean;
  now: number;
}

/** A desktop notification only for a customer's fresh message in a chat that is not muted or in front of the person. */
export function shouldNotify(message: MessageDto, { chat, openChatId, windowFocused, now }: NotifyContext): boolean {
  if (message.fromMe || message.status !== 'received' || message.deletedAt !== null) return false;
  // A group event or a message still waiting for its content is a quiet line, as on the phone.
  if (!kindOf(message.type).countsUnread) return false;
  if (now - toEpochMs(message.timestamp) > NOTIFY_MAX_AGE_MS) return false;
  if (chat && isMuted(chat.mutedUntil, now)) return false;
  if (windowFocused && openChatId === message.chatId) return false;
  return true;
}
