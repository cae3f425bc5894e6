import { cleanMessage, decryptMessageNode, proto, type WAMessage } from '@whiskeysockets/baileys';
import { createCipheriv } from 'node:crypto';
import { secretEditKey } from '../inbox/secret-edit';
import { silentLogger } from './silent-logger';
import { fakeDecrypt, messageStanza, wireSelfLid, wireSelfPn, type StanzaBody, type StanzaFrom } from './wire-socket';

/**
 * Messages in the exact shape Baileys 7 hands to `messages.upsert`, made by Baileys' own receive
 * path: a `<message>` stanza goes through `decryptMessageNode` (stanza → key, stub, content) and
 * `cleanMessage`, exactly as the socket does. Only Signal decryption is faked: the "ciphertext" is
 * the padded protobuf itself, or decryption fails when asked to, which gives WhatsApp's
 * "waiting for this message" stub as Baileys really builds it.
 */

export const selfPn = wireSelfPn;
export const selfLid = wireSelfLid;

type StanzaOptions = Omit<StanzaFrom, 'seconds' | 'recipient'> & { seconds?: number };

const fakeRepository = {
  lidMapping: { getLIDForPN: async () => null, storeLIDPNMappings: async () => undefined },
  migrateSession: async () => undefined,
  decryptMessage: async ({ ciphertext }: { ciphertext: Uint8Array }) => fakeDecrypt(ciphertext),
  decryptGroupMessage: async ({ msg }: { msg: Uint8Array }) => fakeDecrypt(msg),
  processSenderKeyDistributionMessage: async () => undefined,
} as unknown as Parameters<typeof decryptMessageNode>[3];

/** One incoming message through Baileys' own decode + decrypt + clean. */
export async function receive(options: StanzaOptions, body: StanzaBody): Promise<WAMessage> {
  const stanza = messageStanza({ ...options, seconds: options.seconds ?? Math.floor(Date.now() / 1000) }, body);
  const { fullMessage, decrypt } = decryptMessageNode(stanza, selfPn, selfLid, fakeRepository, silentLogger());
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
