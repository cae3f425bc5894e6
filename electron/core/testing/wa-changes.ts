import { proto, type WAMessageKey, type WAMessageUpdate } from '@whiskeysockets/baileys';
import { customerJid, waMessage } from './wa-messages';

/**
 * Edits, deletions and reactions shaped as rc14 delivers them: first as an upsert of the raw
 * message (its own id, the target in its inner key), then as Baileys' own `messages.update`.
 */

interface ChangeOptions {
  /** The chat. */
  remoteJid?: string;
  /** Whether we made the change (from the phone or this app). */
  fromMe?: boolean;
  participant?: string;
  seconds?: number;
}

const changeKey = (o: ChangeOptions) => ({ remoteJid: o.remoteJid ?? customerJid, fromMe: o.fromMe ?? false, ...(o.participant ? { participant: o.participant } : {}) });

/** An edit as current clients send it: a MESSAGE_EDIT protocol message inside an `editedMessage` wrapper. */
export function editUpsert(id: string, targetId: string, newContent: proto.IMessage, o: ChangeOptions & { timestampMs?: number } = {}) {
  const seconds = o.seconds ?? 1_700_000_100;
  return waMessage({
    id,
    ...changeKey(o),
    seconds,
    message: {
      editedMessage: {
        message: {
          protocolMessage: {
            type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
            // The sender names its own message: fromMe from its side.
            key: { id: targetId, remoteJid: o.remoteJid ?? customerJid, fromMe: true },
            editedMessage: newContent,
            timestampMs: o.timestampMs ?? seconds * 1000 + 250,
          },
        },
      },
    },
  });
}

/** What Baileys' processMessage emits for the same edit: the change's key with the target's id. */
export function editUpdate(targetId: string, newContent: proto.IMessage, o: ChangeOptions & { timestampMs?: number } = {}): WAMessageUpdate {
  const seconds = o.seconds ?? 1_700_000_100;
  const timestampMs = o.timestampMs ?? seconds * 1000 + 250;
  return {
    key: { ...changeKey(o), id: targetId },
    update: { message: { editedMessage: { message: newContent } }, messageTimestamp: Math.floor(timestampMs / 1000) },
  };
}

export function revokeUpsert(id: string, targetId: string, o: ChangeOptions = {}) {
  return waMessage({
    id,
    ...changeKey(o),
    seconds: o.seconds ?? 1_700_000_200,
    message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: targetId, remoteJid: o.remoteJid ?? customerJid } } },
  });
}

/** Baileys' `messages.update` for a deletion: no message, a REVOKE stub, the revoke's own key inside. */
export function revokeUpdate(revokeId: string, targetId: string, o: ChangeOptions = {}): WAMessageUpdate {
  const key: WAMessageKey = { ...changeKey(o), id: revokeId };
  return { key: { ...key, id: targetId }, update: { message: null, messageStubType: proto.WebMessageInfo.StubType.REVOKE, key } };
}

export function reactionUpsert(id: string, targetId: string, emoji: string, o: ChangeOptions & { timestampMs?: number } = {}) {
  const seconds = o.seconds ?? 1_700_000_300;
  return waMessage({
    id,
    ...changeKey(o),
    seconds,
    message: { reactionMessage: { key: { id: targetId, remoteJid: o.remoteJid ?? customerJid }, text: emoji, senderTimestampMs: o.timestampMs ?? seconds * 1000 } },
  });
}

/** A customer's edit as current clients send it: encrypted with the original's messageSecret. */
export function secretEditUpsert(id: string, targetId: string, o: ChangeOptions = {}) {
  return waMessage({
    id,
    ...changeKey(o),
    seconds: o.seconds ?? 1_700_000_400,
    message: {
      secretEncryptedMessage: {
        targetMessageKey: { id: targetId, remoteJid: o.remoteJid ?? customerJid, fromMe: false },
        encPayload: Buffer.alloc(48, 7),
        encIv: Buffer.alloc(12, 3),
        secretEncType: proto.Message.SecretEncryptedMessage.SecretEncType.MESSAGE_EDIT,
      },
    },
  });
}

/** A vCard with a name and phone lines in the shapes WhatsApp writes them. */
export const vcard = (name: string, ...phones: string[]) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `N:;${name};;;`, `FN:${name}`, ...phones.map((p, i) => `item${i + 1}.TEL;waid=${p.replace(/\D/g, '')}:${p}`), 'END:VCARD'].join('\n');
