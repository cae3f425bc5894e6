import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import { getChat } from '../inbox/chat-store';

/** The chat a request names, or NOT_FOUND. */
export function requireChat(orm: Orm, chatId: number) {
  const chat = getChat(orm, chatId);
  if (!chat) throw new AppError('NOT_FOUND', `No conversation ${chatId}`);
  return chat;
}
