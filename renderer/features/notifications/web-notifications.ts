import { isNotice } from '../../../shared/message-kinds';
import type { QueryClient } from '@tanstack/react-query';
import type { EventBatch, MessageDto } from '../../../shared/contract';
import { findCachedChat } from '../../api/hooks/use-chats';
import { shouldNotify } from './notify-rules';

/** What the notifier needs from the page; a port so it can be driven without a browser. */
export interface NotifierDeps {
  queryClient: QueryClient;
  openChatId: () => number | null;
  windowFocused: () => boolean;
  now: () => number;
  /** The translated body for a message without text (photo, voice note…). */
  describe: (message: MessageDto) => string;
  show: (title: string, options: { body: string; tag: string }, onClick: () => void) => void;
  openChat: (chatId: number) => void;
}

/**
 * Browser mode only: desktop notifications for new customer messages. In Electron the main
 * process notifies (and keeps the badge), so this is never wired there.
 */
export function createWebNotifier(deps: NotifierDeps): (batch: EventBatch) => void {
  return (batch) => {
    if (batch.topic !== 'messages.upserted') return;
    for (const message of batch.items) {
      const chat = findCachedChat(deps.queryClient, message.chatId);
      if (!shouldNotify(message, { chat, openChatId: deps.openChatId(), windowFocused: deps.windowFocused(), now: deps.now() })) continue;
      const title = chat?.title ?? message.senderName ?? '';
      const body = isNotice(message.type) ? deps.describe(message) : (message.text ?? deps.describe(message));
      // One notification per chat: a newer message replaces the previous one.
      deps.show(title, { body, tag: `chat-${message.chatId}` }, () => deps.openChat(message.chatId));
    }
  };
}

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
