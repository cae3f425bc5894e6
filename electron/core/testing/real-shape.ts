import { cleanMessage, decryptMessageNode, proto, writeRandomPadMax16, type BinaryNode, type WAMessage } from '@whiskeysockets/baileys';
import { createCipheriv } from 'node:crypto';
import { secretEditKey } from '../inbox/secret-edit';
import { silentLogger } from './silent-logger';

/**
 * Messages in the exact shape Baileys 7 hands to `messages.upsert`, made by Baileys' own receive
 * path: a `<message>` stanza goes through `decryptMessageNode` (stanza → key, stub, content) and
 * `cleanMessage`, exactly as the socket does. Only Signal decryption is faked: the "ciphertext" is
 * the padded protobuf itself, or decryption fails when asked to, which gives WhatsApp's
 * "waiting for this message" stub as Baileys really builds it.
 */

export const selfPn = '5215500000001@s.whatsapp.net';
export const selfLid = '100000000000001@lid';

interface StanzaOptions {
  id: string;
  /** The chat (a person's JID, or a group's). */
  from: string;
  /** In a group: who wrote. */
  participant?: string;
  /** The other identity of the sender, as the server adds it (`sender_pn` / `sender_lid`…). */
  senderAlt?: string;
  seconds?: number;
  pushName?: string;
  /** Set by the server for what it queued while we were away: Baileys then upserts it as 'append'. */
  offline?: boolean;
}

type Body = { message: proto.IMessage } | { undecryptable: string } | { viewOnceUnavailable: true };

const fakeRepository = (failWith?: string) =>
  ({
    lidMapping: { getLIDForPN: async () => null, storeLIDPNMappings: async () => undefined },
    migrateSession: async () => undefined,
    decryptMessage: async ({ ciphertext }: { ciphertext: Uint8Array }) => {
      if (failWith) throw new Error(failWith);
      return ciphertext;
    },
    decryptGroupMessage: async ({ msg }: { msg: Uint8Array }) => {
      if (failWith) throw new Error(failWith);
      return msg;
    },
    processSenderKeyDistributionMessage: async () => undefined,
  }) as unknown as Parameters<typeof decryptMessageNode>[3];

/** One incoming message through Baileys' own decode + decrypt + clean. */
export async function receive(options: StanzaOptions, body: Body): Promise<WAMessage> {
  const attrs: Record<string, string> = {
    id: options.id,
    from: options.from,
    t: String(options.seconds ?? Math.floor(Date.now() / 1000)),
    type: 'text',
    ...(options.participant ? { participant: options.participant } : {}),
    ...(options.pushName ? { notify: options.pushName } : {}),
    ...(options.offline ? { offline: '1' } : {}),
  };
  if (options.senderAlt) {
    const key = options.participant ? 'participant' : 'sender';
    attrs[options.senderAlt.endsWith('@lid') ? `${key}_lid` : `${key}_pn`] = options.senderAlt;
  }
  const isGroup = options.from.endsWith('@g.us');
  const content: BinaryNode[] = [];
  if ('viewOnceUnavailable' in body) content.push({ tag: 'unavailable', attrs: { type: 'view_once' } });
  else {
    const plain = 'message' in body ? proto.Message.encode(body.message).finish() : new Uint8Array([1, 2, 3]);
    content.push({ tag: 'enc', attrs: { v: '2', type: isGroup ? 'skmsg' : 'msg' }, content: writeRandomPadMax16(plain) });
  }
  const stanza: BinaryNode = { tag: 'message', attrs, content };
  const { fullMessage, decrypt } = decryptMessageNode(
    stanza,
    selfPn,
    selfLid,
    fakeRepository('undecryptable' in body ? body.undecryptable : undefined),
    silentLogger(),
  );
  await decrypt();
  cleanMessage(fullMessage, selfPn, selfLid);
  return fullMessage;
}

/** The upsert type Baileys gives a received stanza (messages-recv: `offline ? 'append' : 'notify'`). */
export const upsertTypeOf = (options: Pick<StanzaOptions, 'offline'>): 'notify' | 'append' => (options.offline ? 'append' : 'notify');

/**
 * A missed call as Baileys' own `call` handler builds it (messages-recv: a CALL_MISSED_* stub with
 * the call's id, upserted like a message). Baileys builds it from the call node, not a stanza.
 */
export function missedCall(options: { id: string; from: string; video?: boolean; seconds?: number }): WAMessage {
  return proto.WebMessageInfo.fromObject({
    key: { remoteJid: options.from, id: options.id, fromMe: false },
    messageTimestamp: options.seconds ?? Math.floor(Date.now() / 1000),
    messageStubType: options.video ? proto.WebMessageInfo.StubType.CALL_MISSED_VIDEO : proto.WebMessageInfo.StubType.CALL_MISSED_VOICE,
  }) as WAMessage;
}

/** A group notification as Baileys' handleGroupNotification files it: participants as JSON parameters. */
export function groupParticipantsAdded(options: { id: string; group: string; actor: string; added: { id: string; phoneNumber?: string }[]; seconds?: number }): WAMessage {
  return proto.WebMessageInfo.fromObject({
    key: { remoteJid: options.group, id: options.id, fromMe: false, participant: options.actor },
    messageTimestamp: options.seconds ?? Math.floor(Date.now() / 1000),
    messageStubType: proto.WebMessageInfo.StubType.GROUP_PARTICIPANT_ADD,
    messageStubParameters: options.added.map((p) => JSON.stringify({ id: p.id, phoneNumber: p.phoneNumber })),
  }) as WAMessage;
}

/**
 * A customer's edit as current phones send it: the new content wrapped in a MESSAGE_EDIT protocol
 * message, encrypted with the original's messageSecret (see secret-edit.ts), inside a
 * `secretEncryptedMessage` that then goes through `receive` like any message.
 */
export function secretEditContent(original: { waId: string; secret: Uint8Array; chat: string }, sender: string, newContent: proto.IMessage): proto.IMessage {
  const plain = proto.Message.encode({
    protocolMessage: { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { id: original.waId, remoteJid: original.chat }, editedMessage: newContent },
  }).finish();
  const iv = Buffer.alloc(12, 9);
  const cipher = createCipheriv('aes-256-gcm', secretEditKey(original.secret, original.waId, sender), iv);
  return {
    secretEncryptedMessage: {
      targetMessageKey: { id: original.waId, remoteJid: original.chat, fromMe: false },
      encPayload: Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]),
      encIv: iv,
      secretEncType: proto.Message.SecretEncryptedMessage.SecretEncType.MESSAGE_EDIT,
    },
  };
}
