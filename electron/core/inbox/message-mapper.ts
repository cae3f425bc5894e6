import {
  getContentType,
  isJidBroadcast,
  isJidStatusBroadcast,
  jidNormalizedUser,
  normalizeMessageContent,
  proto,
  type WAMessage,
} from '@whiskeysockets/baileys';
import type { MessageStatus } from '../../../shared/contract';

/** A WhatsApp message reduced to what the inbox stores. */
export interface MappedMessage {
  waId: string;
  chatJid: string;
  /** The other identity of the chat (phone number JID if the chat came by LID, or the LID). */
  chatJidAlt: string | null;
  fromMe: boolean;
  senderJid: string | null;
  senderName: string | null;
  remoteJidAlt: string | null;
  participantAlt: string | null;
  addressingMode: string | null;
  type: string;
  text: string | null;
  timestamp: number;
  status: MessageStatus;
  proto: Buffer | null;
  messageSecret: Buffer | null;
}

/** Control messages that change other messages or carry keys; issue #4 applies them to their targets. */
const controlTypes = new Set(['protocolMessage', 'reactionMessage', 'senderKeyDistributionMessage', 'pollUpdateMessage']);

const ackToStatus: Record<number, MessageStatus> = {
  [proto.WebMessageInfo.Status.ERROR]: 'failed',
  [proto.WebMessageInfo.Status.PENDING]: 'pending',
  [proto.WebMessageInfo.Status.SERVER_ACK]: 'sent',
  [proto.WebMessageInfo.Status.DELIVERY_ACK]: 'delivered',
  [proto.WebMessageInfo.Status.READ]: 'read',
  [proto.WebMessageInfo.Status.PLAYED]: 'read',
};

export const statusFromAck = (ack: number | null | undefined): MessageStatus | undefined =>
  ack === null || ack === undefined ? undefined : ackToStatus[ack];

/** Order of the outgoing ticks: a late "delivered" never replaces "read". */
const statusRank: Record<MessageStatus, number> = { pending: 0, failed: 1, sent: 2, delivered: 3, read: 4, received: 0 };
export const isStatusUpgrade = (from: MessageStatus, to: MessageStatus) => statusRank[to] > statusRank[from] || to === 'failed';

export function textOf(content: proto.IMessage | undefined): string | null {
  if (!content) return null;
  return (
    content.conversation ??
    content.extendedTextMessage?.text ??
    content.imageMessage?.caption ??
    content.videoMessage?.caption ??
    content.documentMessage?.caption ??
    content.documentMessage?.fileName ??
    null
  );
}

export type MapResult = { kind: 'message'; message: MappedMessage } | { kind: 'skip'; reason: string };

export function mapWAMessage(msg: WAMessage): MapResult {
  const key = msg.key;
  const remoteJid = key.remoteJid;
  if (!remoteJid || !key.id) return { kind: 'skip', reason: 'no key' };
  if (isJidStatusBroadcast(remoteJid) || isJidBroadcast(remoteJid)) return { kind: 'skip', reason: 'broadcast' };

  const content = normalizeMessageContent(msg.message);
  const contentType = getContentType(content);
  if (contentType && controlTypes.has(contentType)) return { kind: 'skip', reason: contentType };
  // A type newer than Baileys knows arrives stripped to messageContextInfo: keep it as "unsupported".
  const type = !contentType
    ? 'unsupported'
    : contentType === 'conversation' || contentType === 'extendedTextMessage'
      ? 'text'
      : contentType;

  const remoteJidAlt = key.remoteJidAlt ?? null;
  // One customer, one chat: a direct chat that came by LID is filed under its phone number when known.
  const chatJid = remoteJid.endsWith('@lid') && remoteJidAlt ? jidNormalizedUser(remoteJidAlt) : jidNormalizedUser(remoteJid);
  const chatJidAlt = chatJid === jidNormalizedUser(remoteJid) ? (remoteJidAlt ? jidNormalizedUser(remoteJidAlt) : null) : jidNormalizedUser(remoteJid);

  const fromMe = Boolean(key.fromMe);
  const secret = msg.message?.messageContextInfo?.messageSecret;
  const seconds = Number(msg.messageTimestamp ?? Math.floor(Date.now() / 1000));
  return {
    kind: 'message',
    message: {
      waId: key.id,
      chatJid,
      chatJidAlt,
      fromMe,
      senderJid: fromMe ? null : jidNormalizedUser(key.participant || remoteJid),
      senderName: fromMe ? null : (msg.pushName ?? null),
      remoteJidAlt,
      participantAlt: key.participantAlt ?? null,
      addressingMode: key.addressingMode ?? null,
      type,
      text: textOf(content),
      timestamp: seconds * 1000,
      status: fromMe ? (statusFromAck(msg.status) ?? 'sent') : 'received',
      proto: msg.message ? Buffer.from(proto.Message.encode(msg.message).finish()) : null,
      messageSecret: secret ? Buffer.from(secret) : null,
    },
  };
}
