import { proto, type BaileysEventMap, type Chat, type Contact, type LIDMapping, type WAMessage } from '@whiskeysockets/baileys';
import { waMessage } from './wa-messages';

export type HistoryChunk = BaileysEventMap['messaging-history.set'];

export interface HistoryChatInput {
  id: string;
  name?: string;
  unreadCount?: number;
  pnJid?: string;
  lidJid?: string;
  conversationTimestamp?: number;
}

/** A history conversation as Baileys hands it over: a real proto.Conversation without its messages. */
export const historyChat = (input: HistoryChatInput): Chat => proto.Conversation.fromObject(input) as Chat;

/**
 * A `messaging-history.set` payload shaped as rc14 emits it: messages are decoded protos (Long
 * timestamps, no `remoteJidAlt`), and `lidPnMappings` is left out unless given.
 */
export function historyChunk(parts: { chats?: Chat[]; contacts?: Contact[]; messages?: WAMessage[]; lidPnMappings?: LIDMapping[] }): HistoryChunk {
  return {
    chats: parts.chats ?? [],
    contacts: parts.contacts ?? [],
    messages: parts.messages ?? [],
    ...(parts.lidPnMappings ? { lidPnMappings: parts.lidPnMappings } : {}),
    isLatest: false,
    progress: 50,
    syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
  };
}

/** Round-trips a message through protobuf, as history sync delivers it: Baileys-only key fields are gone. */
export const asHistoryMessage = (message: WAMessage): WAMessage =>
  proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(message).finish()) as WAMessage;

/**
 * A synthetic history: `chats` direct chats with `messagesPerChat` text messages each, alternating
 * customer and owner, one second apart ending at `endSeconds`. Meant for volume tests and benchmarks.
 */
export function syntheticHistory(options: { chats: number; messagesPerChat: number; endSeconds?: number; idPrefix?: string }): HistoryChunk {
  const { chats, messagesPerChat, endSeconds = 1_700_000_000, idPrefix = 'H' } = options;
  const chatList: Chat[] = [];
  const messages: WAMessage[] = [];
  for (let c = 0; c < chats; c++) {
    const jid = `52155${String(c).padStart(8, '0')}@s.whatsapp.net`;
    chatList.push(historyChat({ id: jid, name: `Cliente ${c}` }));
    for (let i = 0; i < messagesPerChat; i++) {
      const fromMe = i % 2 === 1;
      messages.push(
        asHistoryMessage(
          waMessage({
            id: `${idPrefix}${c}_${i}`,
            remoteJid: jid,
            fromMe,
            message: { conversation: `mensaje ${i} del chat ${c}` },
            seconds: endSeconds - (messagesPerChat - i),
            ...(fromMe ? { status: proto.WebMessageInfo.Status.READ } : { pushName: `Cliente ${c}` }),
          }),
        ),
      );
    }
  }
  return historyChunk({ chats: chatList, messages });
}
