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
const statusRank: Record<MessageStatus, number> = { queued: 0, pending: 0, failed: 1, sent: 2, delivered: 3, read: 4, received: 0 };
export const isStatusUpgrade = (from: MessageStatus, to: MessageStatus) => statusRank[to] > statusRank[from] || to === 'failed';

export function textOf(content: proto.IMessage | undefined): string | null {
  if (!content) return null;
  const text =
    content.conversation ??
    content.extendedTextMessage?.text ??
    content.imageMessage?.caption ??
    content.videoMessage?.caption ??
    content.documentMessage?.caption ??
    content.documentMessage?.fileName ??
    null;
  return typeof text === 'string' ? text : null;
}

/** The message time in epoch ms, or null when it is missing or not a number (a Long counts). */
export function timestampMs(msg: Pick<WAMessage, 'messageTimestamp'>): number | null {
  const raw: unknown = msg.messageTimestamp;
  // Long.toNumber directly: Number(long) goes through toString and costs a microsecond per message.
  const seconds =
    typeof raw === 'number' ? raw : raw && typeof (raw as { toNumber?: unknown }).toNumber === 'function' ? (raw as { toNumber(): number }).toNumber() : Number(raw ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/** The encoded message, or null when its fields do not fit the protobuf schema (bad input, kept as unsupported). */
function encodeContent(message: proto.IMessage | null | undefined): Buffer | null | 'malformed' {
  if (!message) return null;
  try {
    const bytes = proto.Message.encode(message).finish();
    // protobufjs already hands back a Buffer under Node; wrapping a plain Uint8Array shares its memory.
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return 'malformed';
  }
}

/**
 * The user JID without agent or device. Most JIDs already are (`user@server`), and this runs for every
 * message of a history sync, so those skip Baileys' decode; a JID it cannot decode is kept as it came.
 */
export function userJid(jid: string): string {
  const at = jid.indexOf('@');
  if (at > 0 && jid.indexOf(':') === -1 && jid.lastIndexOf('_', at) === -1 && !jid.endsWith('@c.us')) return jid;
  return jidNormalizedUser(jid) || jid;
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
  const encoded = encodeContent(msg.message);
  // A type newer than Baileys knows arrives stripped to messageContextInfo: keep it as "unsupported",
  // and so is content that does not even encode.
  const type =
    !contentType || encoded === 'malformed'
      ? 'unsupported'
      : contentType === 'conversation' || contentType === 'extendedTextMessage'
        ? 'text'
        : contentType;

  const remoteJidAlt = key.remoteJidAlt ?? null;
  // One customer, one chat: a direct chat that came by LID is filed under its phone number when known.
  const remote = userJid(remoteJid);
  const alt = remoteJidAlt ? userJid(remoteJidAlt) : null;
  const chatJid = remoteJid.endsWith('@lid') && alt ? alt : remote;
  const chatJidAlt = chatJid === remote ? alt : remote;

  const fromMe = Boolean(key.fromMe);
  const secret = msg.message?.messageContextInfo?.messageSecret;
  return {
    kind: 'message',
    message: {
      waId: key.id,
      chatJid,
      chatJidAlt,
      fromMe,
      senderJid: fromMe ? null : key.participant ? userJid(key.participant) : remote,
      senderName: fromMe ? null : (msg.pushName ?? null),
      remoteJidAlt,
      participantAlt: key.participantAlt ?? null,
      addressingMode: key.addressingMode ?? null,
      type,
      text: encoded === 'malformed' ? null : textOf(content),
      timestamp: timestampMs(msg) ?? Date.now(),
      status: fromMe ? (statusFromAck(msg.status) ?? 'sent') : 'received',
      proto: encoded === 'malformed' ? null : encoded,
      messageSecret: secret instanceof Uint8Array ? Buffer.from(secret) : null,
    },
  };
}
