import { proto } from '@whiskeysockets/baileys';
import { AppError } from '../../../shared/errors';
import type { AccountManager } from '../accounts/account-manager';
import type { Orm } from '../db/orm';
import type { InboxIngest } from '../inbox/inbox-ingest';
import { chatToDto, findMessage, getChat, listChats, listMessages, markChatRead, messageToDto, unreadIncomingKeys } from '../inbox/inbox-store';
import { readSettings, updateSettings } from '../settings/settings-store';
import type { Handlers } from './dispatcher';

export interface HandlerDeps {
  orm: Orm;
  accounts: AccountManager;
  ingest: InboxIngest;
  info: { version: string; mode: 'electron' | 'headless'; dataDir: string };
  emitChat: (chat: ReturnType<typeof chatToDto>) => void;
}

/** The contract's methods, implemented once for both transports. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { orm, accounts } = deps;

  const requireChat = (chatId: number) => {
    const chat = getChat(orm, chatId);
    if (!chat) throw new AppError('NOT_FOUND', `No conversation ${chatId}`);
    return chat;
  };

  return {
    'app.info': () => deps.info,
    'settings.get': () => readSettings(orm),
    'settings.update': (patch) => updateSettings(orm, patch),
    'accounts.list': () => accounts.list(),
    'accounts.addPractice': ({ label }) => accounts.addPractice(label),
    'accounts.addWhatsApp': ({ label, history }) => accounts.addWhatsApp(label, history),
    'accounts.pairing': ({ accountId }) => accounts.pairing(accountId),
    'accounts.requestPairingCode': ({ accountId, phone }) => accounts.requestPairingCode(accountId, phone),
    'accounts.reconnect': ({ accountId }) => accounts.reconnect(accountId),
    'accounts.disconnect': ({ accountId }) => accounts.disconnect(accountId),
    'accounts.logout': ({ accountId }) => accounts.logout(accountId),
    'accounts.update': ({ accountId, ...patch }) => accounts.update(accountId, patch),
    'accounts.remove': async ({ accountId, deleteConversations }) => ({ removed: await accounts.remove(accountId, deleteConversations) }),
    'practice.simulateInbound': (request) => accounts.simulateInbound(request),
    'chats.list': (query) => listChats(orm, query).map(chatToDto),
    'chats.markRead': ({ chatId }) => {
      const row = requireChat(chatId);
      accounts.sendReadReceipts(row.accountId, unreadIncomingKeys(orm, row));
      const chat = chatToDto(markChatRead(orm, chatId)!);
      deps.emitChat(chat);
      return chat;
    },
    'messages.list': ({ chatId, limit, beforeId }) => {
      requireChat(chatId);
      return listMessages(orm, { chatId, limit, ...(beforeId !== undefined ? { beforeId } : {}) }).map(messageToDto);
    },
    'messages.send': async ({ chatId, text }) => {
      const chat = requireChat(chatId);
      const sent = await accounts.sendText(chat.accountId, chat.jid, text);
      // Baileys also echoes the message as an 'append' upsert; the store keeps one copy.
      await deps.ingest.ingestUpsert(chat.accountId, [sent], 'append');
      // A resolved sendMessage means the server took it: "sent" (delivery and read come later).
      deps.ingest.ingestUpdates(chat.accountId, [{ key: sent.key, update: { status: proto.WebMessageInfo.Status.SERVER_ACK } }]);
      const stored = findMessage(orm, chat.accountId, sent.key.id!);
      if (!stored) throw new Error('sent message was not stored');
      return messageToDto(stored);
    },
  };
}
