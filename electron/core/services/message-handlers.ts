import { proto } from '@whiskeysockets/baileys';
import { AppError } from '../../../shared/errors';
import { findMessage, messageToDto } from '../inbox/message-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type MessageMethods = 'messages.send' | 'messages.sendMedia' | 'messages.cancel' | 'messages.retryMedia';

export function createMessageHandlers({ orm, accounts, ingest }: HandlerDeps): HandlersFor<MessageMethods> {
  const notYet = (method: string) => () => {
    throw new AppError('INTERNAL', `${method} is being built`);
  };
  return {
    'messages.send': async ({ chatId, text }) => {
      const chat = requireChat(orm, chatId);
      const sent = await accounts.sendText(chat.accountId, chat.jid, text);
      // Baileys also echoes the message as an 'append' upsert; the store keeps one copy.
      await ingest.ingestUpsert(chat.accountId, [sent], 'append');
      // A resolved sendMessage means the server took it: "sent" (delivery and read come later).
      ingest.ingestUpdates(chat.accountId, [{ key: sent.key, update: { status: proto.WebMessageInfo.Status.SERVER_ACK } }]);
      const stored = findMessage(orm, chat.accountId, sent.key.id!);
      if (!stored) throw new Error('sent message was not stored');
      return messageToDto(stored);
    },
    'messages.sendMedia': notYet('messages.sendMedia'),
    'messages.cancel': notYet('messages.cancel'),
    'messages.retryMedia': notYet('messages.retryMedia'),
  };
}
