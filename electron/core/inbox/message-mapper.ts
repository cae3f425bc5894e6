import {
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidStatusBroadcast,
  jidNormalizedUser,
  normalizeMessageContent,
  proto,
  type WAMessage,
  type WAMessageKey,
  type WAMessageUpdate,
} from '@whiskeysockets/baileys';
import type { MessageStatus } from '../../../shared/contract';
import { stubType } from '../../../shared/message-kinds';
import type { SecretEdit } from './secret-edit';
import { readContent, textOf, toNumber, type LocationInfo, type MediaInfo, type SharedContact } from './message-content';

/** The message a reply quotes, as the reply carried it. */
export interface QuotedRef {
  waId: string;
  fromMe: boolean;
  text: string | null;
  type: string | null;
}

/** Who made a change (an edit, a deletion, a reaction). */
export interface ChangeActor {
  fromMe: boolean;
  /** The person's JID when it is not us (for a direct chat, the chat's JID). */
  jid: string | null;
}

/** A reaction a history message carries with it (`WebMessageInfo.reactions`). */
export interface CarriedReaction {
  actor: ChangeActor;
  emoji: string;
  at: number;
}

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
  /** Absent or null: none (messages queued by us are built without these). */
  quoted?: QuotedRef | null;
  media?: MediaInfo | null;
  location?: LocationInfo | null;
  sharedContacts?: SharedContact[] | null;
  reactions?: CarriedReaction[] | null;
  /** Set for a message that arrives already deleted (a REVOKE stub). */
  deletedAt?: number | null;
  /** The deletion to apply to a stored copy of that message. */
  revoke?: MessageChange | null;
}

/** Where a change applies: the target message by its WhatsApp id, in the chat the change came in. */
export interface ChangeTarget {
  waId: string;
  chatJid: string;
  chatJidAlt: string | null;
}

/**
 * A message that changes another one (DESIGN §4). The same change can arrive twice (as an upsert
 * of the raw protocol message, then as a `messages.update`); applying it is idempotent.
 */
export type MessageChange =
  | { kind: 'revoke'; target: ChangeTarget; actor: ChangeActor; at: number }
  /** `text` null: the edit could not be read (an encrypted customer edit); the message is only marked edited. */
  | { kind: 'edit'; target: ChangeTarget; actor: ChangeActor; at: number; text: string | null; encrypted: boolean; secret?: SecretEdit }
  /** An empty emoji removes the person's reaction. */
  | { kind: 'reaction'; target: ChangeTarget; actor: ChangeActor; at: number; emoji: string };

/** Our own JIDs (phone number and LID when known), to tell whether a quoted message is ours. */
export interface MapContext {
  self: ReadonlySet<string>;
}

const noContext: MapContext = { self: new Set() };

/** Content that changes another message. */
const changeTypes = new Set(['protocolMessage', 'reactionMessage', 'secretEncryptedMessage']);

/** Content that only carries keys or state for the socket, never shown in a chat. */
const silentTypes = new Set([
  'senderKeyDistributionMessage',
  'fastRatchetKeySenderKeyDistributionMessage',
  'pollUpdateMessage',
  'keepInChatMessage',
  'pinInChatMessage',
  'encReactionMessage',
  'encEventResponseMessage',
  'encCommentMessage',
  'stickerSyncRmrMessage',
]);

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

const isLid = (jid: string) => jid.endsWith('@lid');

/** The chat a key belongs to: a direct chat that came by LID is filed under its phone number when known. */
function chatOfKey(key: WAMessageKey): { chatJid: string; chatJidAlt: string | null; remote: string; alt: string | null } {
  const remote = userJid(key.remoteJid!);
  const alt = key.remoteJidAlt ? userJid(key.remoteJidAlt) : null;
  const chatJid = isLid(remote) && alt ? alt : remote;
  return { chatJid, chatJidAlt: chatJid === remote ? alt : remote, remote, alt };
}

/**
 * Who sent a key's message: us, a group member (by phone number when the key says it), or the
 * person of the direct chat the key names (`chatJid` when the key names none).
 */
function actorOfKey(key: WAMessageKey, chatJid: string): ChangeActor {
  if (key.fromMe) return { fromMe: true, jid: null };
  const participant = key.participant ? userJid(key.participant) : null;
  if (!participant) return { fromMe: false, jid: key.remoteJid ? chatOfKey(key).chatJid : chatJid };
  const alt = key.participantAlt ? userJid(key.participantAlt) : null;
  return { fromMe: false, jid: isLid(participant) && alt ? alt : participant };
}

/**
 * Whether the quoted message is ours. Our JIDs say so when known; else, in a direct chat, a JID of
 * the same kind (LID or phone) as the customer's that is not the customer's can only be ours.
 */
function quotedIsOurs(participant: string | null | undefined, chat: { remote: string; alt: string | null }, context: MapContext): boolean {
  if (!participant) return false;
  const jid = userJid(participant);
  if (context.self.has(jid)) return true;
  if (isJidGroup(chat.remote)) return false;
  if (jid === chat.remote || jid === chat.alt) return false;
  return isLid(jid) === isLid(chat.remote) || chat.alt !== null;
}

function quotedOf(info: proto.IContextInfo | null, chat: { remote: string; alt: string | null }, context: MapContext): QuotedRef | null {
  if (!info?.stanzaId) return null;
  const quoted = info.quotedMessage ? readContent(normalizeMessageContent(info.quotedMessage)) : null;
  return {
    waId: info.stanzaId,
    fromMe: quotedIsOurs(info.participant, chat, context),
    text: quoted?.text ?? null,
    type: quoted ? quoted.type : null,
  };
}

/** A positive protobuf number (a Long counts), else the fallback. */
const positive = (value: unknown, fallback: number): number => {
  const n = toNumber(value);
  return n !== null && n > 0 ? n : fallback;
};

/**
 * The change a control message makes, 'silent' for content that is not shown at all, or undefined
 * when the content is not a control message.
 */
function changeOf(content: proto.IMessage, contentType: string, key: WAMessageKey, at: number): MessageChange | 'silent' | undefined {
  if (!changeTypes.has(contentType)) return silentTypes.has(contentType) ? 'silent' : undefined;
  const chat = chatOfKey(key);
  const target = (waId: string | null | undefined): ChangeTarget | undefined =>
    waId ? { waId, chatJid: chat.chatJid, chatJidAlt: chat.chatJidAlt } : undefined;
  const actor = actorOfKey(key, chat.chatJid);

  if (contentType === 'protocolMessage') {
    const p = content.protocolMessage!;
    const t = target(p.key?.id);
    if (!t) return 'silent';
    if (p.type === proto.Message.ProtocolMessage.Type.REVOKE) return { kind: 'revoke', target: t, actor, at };
    if (p.type === proto.Message.ProtocolMessage.Type.MESSAGE_EDIT) {
      return { kind: 'edit', target: t, actor, at: positive(p.timestampMs, at), text: textOf(p.editedMessage), encrypted: false };
    }
    return 'silent';
  }
  if (contentType === 'reactionMessage') {
    const r = content.reactionMessage!;
    const t = target(r.key?.id);
    return t ? { kind: 'reaction', target: t, actor, at: positive(r.senderTimestampMs, at), emoji: r.text ?? '' } : 'silent';
  }
  if (contentType === 'secretEncryptedMessage') {
    // Current clients send a customer's edit this way, readable with the original's messageSecret:
    // decrypted where the target is found (message-changes.ts, secret-edit.ts).
    const s = content.secretEncryptedMessage!;
    const t = target(s.targetMessageKey?.id);
    if (!t || s.secretEncType !== proto.Message.SecretEncryptedMessage.SecretEncType.MESSAGE_EDIT) return 'silent';
    const b64 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('base64') : '');
    return { kind: 'edit', target: t, actor, at, text: null, encrypted: true, secret: { encPayload: b64(s.encPayload), encIv: b64(s.encIv) } };
  }
  return 'silent';
}

function carriedReactions(reactions: proto.IReaction[] | null | undefined, chatJid: string, at: number): CarriedReaction[] | null {
  if (!reactions?.length) return null;
  const list: CarriedReaction[] = [];
  for (const r of reactions) {
    if (!r.key) continue;
    list.push({ actor: actorOfKey(r.key, chatJid), emoji: r.text ?? '', at: positive(r.senderTimestampMs, at) });
  }
  return list.length ? list : null;
}

const noContent = { media: null, location: null, sharedContacts: null, contextInfo: null } as const;

/** Who a group event was about: each participant's number (Baileys hands them as JSON), or the text it carried. */
function stubText(msg: WAMessage): string | null {
  const params = ((msg.messageStubParameters ?? []) as unknown[]).filter((p): p is string => typeof p === 'string' && p !== '');
  if (params.length === 0) return null;
  const names = params.map((p: string) => {
    if (!p.startsWith('{')) return p;
    try {
      const person = JSON.parse(p) as { id?: unknown; phoneNumber?: unknown; username?: unknown };
      const jid = [person.phoneNumber, person.id].find((j): j is string => typeof j === 'string' && j.endsWith('@s.whatsapp.net'));
      if (jid) return `+${jid.split('@')[0]!.split(':')[0]}`;
      if (typeof person.username === 'string') return person.username;
      return typeof person.id === 'string' ? person.id.split('@')[0]! : p;
    } catch {
      return p;
    }
  });
  return names.join(', ');
}

/**
 * What WhatsApp shows as a line instead of content: a stub (waiting for decryption, missed call,
 * group event…), a view-once message only the phone can open, a group call starting. Undefined for
 * ordinary content. The decryption error a waiting stub carries is not text for the inbox.
 */
function noticeOf(msg: WAMessage, content: proto.IMessage | undefined, contentType: string | undefined) {
  const raw = msg.message;
  const viewOnce =
    Boolean(msg.key.isViewOnce && !contentType) ||
    Boolean(raw?.viewOnceMessage || raw?.viewOnceMessageV2 || raw?.viewOnceMessageV2Extension) ||
    Boolean(contentType && (content?.[contentType as keyof proto.IMessage] as { viewOnce?: boolean } | undefined)?.viewOnce);
  if (viewOnce) return { type: 'viewOnce', text: null, ...noContent };
  if (contentType === 'call') return { type: stubType('CALL_STARTED'), text: null, ...noContent };
  if (contentType || typeof msg.messageStubType !== 'number' || msg.messageStubType <= 0) return undefined;
  const name = proto.WebMessageInfo.StubType[msg.messageStubType] ?? `UNKNOWN_${msg.messageStubType}`;
  const text = name === 'CIPHERTEXT' ? null : stubText(msg);
  return { type: stubType(name), text, ...noContent };
}

export type MapResult = { kind: 'message'; message: MappedMessage } | { kind: 'change'; change: MessageChange } | { kind: 'skip'; reason: string };

export function mapWAMessage(msg: WAMessage, context: MapContext = noContext): MapResult {
  const key = msg.key;
  const remoteJid = key.remoteJid;
  if (!remoteJid || !key.id) return { kind: 'skip', reason: 'no key' };
  if (isJidStatusBroadcast(remoteJid) || isJidBroadcast(remoteJid)) return { kind: 'skip', reason: 'broadcast' };

  const timestamp = timestampMs(msg) ?? Date.now();
  const content = normalizeMessageContent(msg.message);
  const contentType = getContentType(content);
  if (content && contentType) {
    const change = changeOf(content, contentType, key, timestamp);
    if (change === 'silent') return { kind: 'skip', reason: contentType };
    if (change) return { kind: 'change', change };
  }
  // Keys for a group's later messages (getContentType looks past them): nothing to show on their own.
  if (!contentType && content?.senderKeyDistributionMessage) return { kind: 'skip', reason: 'senderKeyDistributionMessage' };
  const notice = noticeOf(msg, content, contentType);
  const encoded = notice ? null : encodeContent(msg.message);
  // A type newer than Baileys knows arrives stripped to messageContextInfo: keep it as "unsupported",
  // and so is content that does not even encode.
  const read = notice ?? (encoded === 'malformed' ? undefined : readContent(content, contentType));
  const chat = chatOfKey(key);
  const fromMe = Boolean(key.fromMe);
  const revoked = !contentType && msg.messageStubType === proto.WebMessageInfo.StubType.REVOKE;
  const secret = msg.message?.messageContextInfo?.messageSecret;
  return {
    kind: 'message',
    message: {
      waId: key.id,
      chatJid: chat.chatJid,
      chatJidAlt: chat.chatJidAlt,
      fromMe,
      senderJid: fromMe ? null : key.participant ? userJid(key.participant) : chat.remote,
      senderName: fromMe ? null : (msg.pushName ?? null),
      remoteJidAlt: key.remoteJidAlt ?? null,
      participantAlt: key.participantAlt ?? null,
      addressingMode: key.addressingMode ?? null,
      type: read ? read.type : 'unsupported',
      text: read ? read.text : null,
      timestamp,
      status: fromMe ? (statusFromAck(msg.status) ?? 'sent') : 'received',
      proto: encoded === 'malformed' ? null : encoded,
      messageSecret: secret instanceof Uint8Array ? Buffer.from(secret) : null,
      quoted: read?.contextInfo ? quotedOf(read.contextInfo, chat, context) : null,
      media: read?.media ?? null,
      location: read?.location ?? null,
      sharedContacts: read?.sharedContacts ?? null,
      reactions: carriedReactions(msg.reactions, chat.chatJid, timestamp),
      // History keeps a message deleted for everyone as a REVOKE stub without content: it is stored
      // as deleted, and a copy we already have is deleted too.
      deletedAt: revoked ? timestamp : null,
      revoke: revoked
        ? { kind: 'revoke', target: { waId: key.id, chatJid: chat.chatJid, chatJidAlt: chat.chatJidAlt }, actor: actorOfKey(key, chat.chatJid), at: timestamp }
        : null,
    },
  };
}

/**
 * The changes a `messages.update` carries. Baileys re-emits edits and deletions this way with the
 * key of the change (its sender's side) and the target's id; the update's key is only used to find
 * the target and the person who made the change, never stored.
 */
export function changesFromUpdate({ key, update }: WAMessageUpdate, now: number): MessageChange[] {
  if (!key.remoteJid || !key.id || isJidStatusBroadcast(key.remoteJid)) return [];
  const at = positive(update.messageTimestamp, 0) * 1000 || now;
  const chat = chatOfKey(key);
  const target: ChangeTarget = { waId: key.id, chatJid: chat.chatJid, chatJidAlt: chat.chatJidAlt };
  const actor = actorOfKey(key, chat.chatJid);
  const changes: MessageChange[] = [];

  if (update.message === null && update.messageStubType === proto.WebMessageInfo.StubType.REVOKE) {
    changes.push({ kind: 'revoke', target, actor, at });
  } else if (update.message) {
    const content = normalizeMessageContent(update.message);
    const contentType = getContentType(content);
    const change = content && contentType ? changeOf(content, contentType, key, at) : undefined;
    if (change && change !== 'silent') changes.push(change);
    else if (!change && content && update.message.editedMessage) {
      // Baileys' own form: `{ editedMessage: { message: <the new content> } }` for the key's id.
      changes.push({ kind: 'edit', target, actor, at, text: readContent(content, contentType).text, encrypted: false });
    }
  }
  for (const r of update.reactions ?? []) {
    if (!r.key) continue;
    changes.push({ kind: 'reaction', target, actor: actorOfKey(r.key, chat.chatJid), at: positive(r.senderTimestampMs, at), emoji: r.text ?? '' });
  }
  return changes;
}
