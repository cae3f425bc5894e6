import { AppError } from '../../../shared/errors';
import { listMessages, listMessagesAround, messagesToDtos } from '../inbox/message-store';
import { messageInfo } from '../inbox/message-info';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

export function createMessageReadHandlers({ orm }: HandlerDeps): HandlersFor<'messages.list' | 'messages.around' | 'messages.info'> {
  return {
    'messages.list': ({ chatId, limit, beforeId }) => {
      requireChat(orm, chatId);
      return messagesToDtos(orm, listMessages(orm, { chatId, limit, ...(beforeId !== undefined ? { beforeId } : {}) }));
    },
    'messages.around': ({ chatId, messageId, limit }) => {
      requireChat(orm, chatId);
      const rows = listMessagesAround(orm, { chatId, messageId, limit });
      if (!rows) throw new AppError('NOT_FOUND', `No message ${messageId} in conversation ${chatId}`);
      return messagesToDtos(orm, rows);
    },
    'messages.info': ({ messageId }) => {
      const info = messageInfo(orm, messageId);
      if (!info) throw new AppError('NOT_FOUND', `No message ${messageId}`);
      return info;
    },
  };
}
