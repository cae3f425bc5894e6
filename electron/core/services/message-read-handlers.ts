import { AppError } from '../../../shared/errors';
import { listMessages, messageToDto } from '../inbox/message-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

export function createMessageReadHandlers({ orm }: HandlerDeps): HandlersFor<'messages.list' | 'messages.around'> {
  return {
    'messages.list': ({ chatId, limit, beforeId }) => {
      requireChat(orm, chatId);
      return listMessages(orm, { chatId, limit, ...(beforeId !== undefined ? { beforeId } : {}) }).map(messageToDto);
    },
    'messages.around': () => {
      throw new AppError('INTERNAL', 'messages.around is being built');
    },
  };
}
