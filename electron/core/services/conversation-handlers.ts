import { relatedChats } from '../agent-tools/related-chats';
import { chatDto, chatDtos, createChatLister, markChatRead } from '../inbox/chat-store';
import { unreadIncomingKeys } from '../inbox/message-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type ConversationMethods = 'chats.list' | 'chats.markRead' | 'chats.related';

export function createConversationHandlers({ orm, bus, accounts }: HandlerDeps): HandlersFor<ConversationMethods> {
  const lister = createChatLister(orm);
  return {
    'chats.list': (query) => lister.page(query),
    'chats.markRead': ({ chatId }) => {
      const row = requireChat(orm, chatId);
      accounts.sendReadReceipts(row.accountId, unreadIncomingKeys(orm, row));
      const chat = chatDto(orm, markChatRead(orm, chatId)!);
      bus.emit('chats.upserted', chat);
      return chat;
    },
    'chats.related': ({ chatId }) => {
      requireChat(orm, chatId);
      return chatDtos(orm, relatedChats(orm, chatId));
    },
  };
}
