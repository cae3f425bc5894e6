import type { ChatDto, MessageDto } from '../../shared/contract';
import type { EventBatch } from '../../shared/contract/events';
import { isNotice, kindOf } from '../../shared/message-kinds';

export interface DesktopNotifierDeps {
  /** `core.subscribe`: coalesced batches. */
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Electron's Notification, wrapped: shows one and calls onClick when the person clicks it. */
  notify(note: { title: string; body: string; onClick: () => void }): void;
  /** app.setBadgeCount: the dock / launcher badge (macOS, Linux Unity; a no-op elsewhere). */
  setBadgeCount(count: number): void;
  /** True while one of our windows has the focus: the person is already looking. */
  isFocused(): boolean;
  /** Brings the window forward (a notification was clicked). */
  focus(): void;
  now?: () => number;
}

const isMuted = (chat: ChatDto | undefined, now: number) => chat?.mutedUntil != null && chat.mutedUntil > now;

/** What the notification says when the message has no text (a photo, a voice note…). */
const bodyOf = (message: MessageDto) => (isNotice(message.type) ? '…' : message.text) ?? (message.media ? `📎 ${message.media.kind}` : message.location ? '📍' : '…');

/**
 * Desktop notifications for customers' new messages (never for muted chats, nor while the person
 * is looking at the app) and the unread badge. History never reaches here: the core does not emit
 * `messages.upserted` for it. Renderer-side web notifications are skipped in Electron.
 */
export function startDesktopNotifier(deps: DesktopNotifierDeps): () => void {
  const now = deps.now ?? Date.now;
  const chats = new Map<number, ChatDto>();
  return deps.subscribe((batch) => {
    switch (batch.topic) {
      case 'chats.upserted':
        for (const chat of batch.items) chats.set(chat.id, chat);
        break;
      case 'inbox.counts':
        for (const counts of batch.items) deps.setBadgeCount(counts.unreadMessages);
        break;
      case 'messages.upserted': {
        if (deps.isFocused()) break;
        for (const message of batch.items) {
          if (message.fromMe || message.status !== 'received' || !kindOf(message.type).countsUnread) continue;
          const chat = chats.get(message.chatId);
          if (isMuted(chat, now())) continue;
          deps.notify({ title: chat?.title ?? message.senderName ?? 'WhatsApp', body: bodyOf(message), onClick: deps.focus });
        }
        break;
      }
      default:
        break;
    }
  });
}
