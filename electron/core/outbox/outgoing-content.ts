import { existsSync } from 'node:fs';
import { proto, type AnyMessageContent, type WAMessage } from '@whiskeysockets/baileys';
import type { ChatRow } from '../inbox/chat-store';
import type { MessageRow } from '../inbox/message-store';
import { resolveMediaPath } from '../media/media-files';
import type { OutboxPayload } from './outbox-store';
import { PermanentSendError } from './send-errors';

/**
 * A stored message as Baileys' `quoted` option wants it: the key it had and its content, decoded
 * from the stored proto (a message we only know as text is quoted as that text).
 */
export function quotedWAMessage(row: MessageRow, chat: Pick<ChatRow, 'jid'>): WAMessage {
  let message: proto.IMessage | undefined;
  try {
    message = row.proto ? proto.Message.decode(row.proto) : undefined;
  } catch {
    message = undefined;
  }
  const isGroup = chat.jid.endsWith('@g.us');
  return {
    key: {
      remoteJid: chat.jid,
      fromMe: row.fromMe,
      id: row.waId,
      ...(isGroup && !row.fromMe && row.senderJid ? { participant: row.senderJid } : {}),
    },
    message: message ?? { conversation: row.text ?? '' },
    messageTimestamp: Math.floor(row.timestamp / 1000),
  };
}

/** What `sendMessage` gets for a payload; a media file that is gone can never be sent. */
export function outgoingContent(payload: OutboxPayload, dataDir: string): AnyMessageContent {
  if (payload.kind === 'text') return { text: payload.text };
  const path = resolveMediaPath(dataDir, payload.path);
  if (!path || !existsSync(path)) throw new PermanentSendError('The file to send is no longer in the data folder');
  const url = { url: path };
  const caption = payload.caption ? { caption: payload.caption } : {};
  switch (payload.media) {
    case 'image':
      return { image: url, mimetype: payload.mime, ...caption };
    case 'video':
      return { video: url, mimetype: payload.mime, ...caption };
    case 'audio':
      return { audio: url, mimetype: payload.mime, ptt: false };
    case 'document':
      return { document: url, mimetype: payload.mime, fileName: payload.fileName, ...caption };
  }
}

/** The encoded content Baileys sent, stored to answer `getMessage` when the recipient asks for a retry. */
export function encodeSent(sent: WAMessage | undefined): { proto: Buffer | null; messageSecret: Buffer | null } {
  if (!sent?.message) return { proto: null, messageSecret: null };
  try {
    const bytes = proto.Message.encode(sent.message).finish();
    const secret = sent.message.messageContextInfo?.messageSecret;
    return { proto: Buffer.from(bytes), messageSecret: secret instanceof Uint8Array ? Buffer.from(secret) : null };
  } catch {
    return { proto: null, messageSecret: null };
  }
}
