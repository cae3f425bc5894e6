import { isJidGroup, type WAMessage, type WAMessageUpdate } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MessageDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { chatToDto, findMessage, insertMessage, messageToDto, noteMessageInChat, setMessageStatus, upsertChat } from './inbox-store';
import { isStatusUpgrade, mapWAMessage, statusFromAck } from './message-mapper';

export type UpsertType = 'notify' | 'append';

/**
 * Files what Baileys hands us into the store and tells the renderer. One transaction per batch,
 * so a history chunk or a burst lands whole or not at all; duplicates are ignored by the store.
 */
export function createInboxIngest(deps: { orm: Orm; bus: EventBus; logger: Logger }) {
  const { orm, bus, logger } = deps;

  const ingestUpsert = (accountId: string, batch: WAMessage[], type: UpsertType): MessageDto[] => {
    const stored = orm.transaction(() => {
      const added: { message: MessageDto; chat: ReturnType<typeof chatToDto> }[] = [];
      for (const msg of batch) {
        const mapped = mapWAMessage(msg);
        if (mapped.kind === 'skip') {
          logger.debug({ accountId, id: msg.key.id, reason: mapped.reason }, 'message not filed in the inbox');
          continue;
        }
        const m = mapped.message;
        // A group keeps its own subject; only a direct chat is named after the customer.
        const name = m.fromMe || isJidGroup(m.chatJid) ? null : m.senderName;
        const chat = upsertChat(orm, accountId, m.chatJid, { name, alt: m.chatJidAlt });
        const row = insertMessage(orm, accountId, chat.id, m);
        if (!row) continue;
        const updatedChat = noteMessageInChat(orm, chat.id, m, !m.fromMe && type === 'notify');
        added.push({ message: messageToDto(row), chat: chatToDto(updatedChat) });
      }
      return added;
    });
    for (const { message, chat } of stored) {
      bus.emit('messages.upserted', message);
      bus.emit('chats.upserted', chat);
    }
    return stored.map((s) => s.message);
  };

  const ingestUpdates = (accountId: string, updates: WAMessageUpdate[]) => {
    for (const { key, update } of updates) {
      const status = statusFromAck(update.status);
      if (!status || !key.id) continue;
      const row = findMessage(orm, accountId, key.id);
      if (!row || !row.fromMe || !isStatusUpgrade(row.status, status)) continue;
      const updated = setMessageStatus(orm, row.id, status);
      if (updated) bus.emit('messages.upserted', messageToDto(updated));
    }
  };

  return { ingestUpsert, ingestUpdates };
}

export type InboxIngest = ReturnType<typeof createInboxIngest>;
