import { AppError } from '../../../shared/errors';
import { chatToDto, listChats, markChatRead } from '../inbox/chat-store';
import { unreadIncomingKeys } from '../inbox/message-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type ConversationMethods = 'chats.list' | 'chats.markRead' | 'chats.related';

export function createConversationHandlers({ orm, bus, accounts }: HandlerDeps): HandlersFor<ConversationMethods> {
  return {
    'chats.list': (query) => listChats(orm, query).map(chatToDto),
    'chats.markRead': ({ chatId }) => {
      const row = requireChat(orm, chatId);
      accounts.sendReadReceipts(row.accountId, unreadIncomingKeys(orm, row));
      const chat = chatToDto(markChatRead(orm, chatId)!);
      bus.emit('chats.upserted', chat);
      return chat;
    },
    'chats.related': () => {
      throw new AppError('INTERNAL', 'chats.related is being built');
    },
  };
}
