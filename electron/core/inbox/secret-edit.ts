import { createDecipheriv, createHmac } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { textOf } from './message-content';

/**
 * Current WhatsApp clients send a customer's edit as a `secretEncryptedMessage` (MESSAGE_EDIT),
 * encrypted with the ORIGINAL message's `messageSecret` by the same scheme as poll votes
 * (Baileys' decryptPollVote), with the use-case "Message Edit" and no additional data:
 *   key0 = HMAC-SHA256(key = 32 zero bytes, data = secret)
 *   key  = HMAC-SHA256(key = key0, data = targetId ‖ sender ‖ sender ‖ "Message Edit" ‖ 0x01)
 *   AES-256-GCM(key, iv) over the payload (its last 16 bytes are the tag) → proto.Message
 * The sender is written in the form the edit was addressed with (usually the LID), which we may
 * not know, so each JID the person is known by is tried; GCM's tag tells the right one.
 * Baileys rc14 has no helper for this (it decrypts poll votes and event responses only).
 */
const USE_CASE = 'Message Edit';
const TAG_BYTES = 16;

export function secretEditKey(secret: Uint8Array, targetId: string, sender: string): Buffer {
  const key0 = createHmac('sha256', Buffer.alloc(32)).update(secret).digest();
  return createHmac('sha256', key0)
    .update(Buffer.concat([Buffer.from(targetId), Buffer.from(sender), Buffer.from(sender), Buffer.from(USE_CASE), Buffer.from([1])]))
    .digest();
}

function decryptWith(key: Buffer, payload: Buffer, iv: Buffer): Buffer | null {
  if (payload.length <= TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
    return Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

export interface SecretEdit {
  /** Base64, so a change waiting for its target can be kept as JSON. */
  encPayload: string;
  encIv: string;
}

/** The new text of an encrypted edit, or null when none of the sender's JIDs opens it. */
export function decryptSecretEdit(edit: SecretEdit, original: { waId: string; secret: Uint8Array }, senders: readonly string[]): string | null {
  const payload = Buffer.from(edit.encPayload, 'base64');
  const iv = Buffer.from(edit.encIv, 'base64');
  for (const sender of new Set(senders)) {
    const plain = decryptWith(secretEditKey(original.secret, original.waId, sender), payload, iv);
    if (!plain) continue;
    const message = proto.Message.decode(plain);
    // The payload wraps the same protocolMessage a plain edit carries.
    return textOf(message.protocolMessage?.editedMessage ?? message);
  }
  return null;
}
