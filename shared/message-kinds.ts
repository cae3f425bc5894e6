/**
 * What each kind of stored message is for the inbox and the assistant, in one table.
 *
 * A message's `type` is `text`, a Baileys content type (`imageMessage`…), `unsupported` (a type
 * newer than Baileys knows), `viewOnce` (opened on the phone only), or `stub:<WhatsApp StubType
 * name>` for what WhatsApp shows as a line, not a bubble: a message still being decrypted
 * (`stub:CIPHERTEXT`), a missed call, a group event. For group events the stored `text` holds who
 * it was about (names or numbers), and the sender is who did it.
 */

export interface MessageKind {
  /** Whether WhatsApp adds it to the chat's unread count when it arrives live. */
  countsUnread: boolean;
  /** Whether it is something a customer wrote that the assistant can read and answer. */
  customerContent: boolean;
}

const stubPrefix = 'stub:';

/** The `type` of a stub by WhatsApp's StubType name. */
export const stubType = (name: string) => `${stubPrefix}${name}`;

/** The StubType name of a stub's `type`, or null when the message is not a stub. */
export const stubNameOf = (type: string): string | null => (type.startsWith(stubPrefix) ? type.slice(stubPrefix.length) : null);

/** A message still waiting for its content (it could not be decrypted yet); the real one fills it under the same id. */
export const waitingType = stubType('CIPHERTEXT');

/** Stubs WhatsApp counts as unread: calls the person missed. Every other stub is a quiet line. */
const unreadStubs = new Set(['CALL_MISSED_VOICE', 'CALL_MISSED_VIDEO', 'CALL_MISSED_GROUP_VOICE', 'CALL_MISSED_GROUP_VIDEO']);

/** Content types with text a person wrote; media counts only with a caption (see `isCustomerContent`). */
const textTypes = new Set(['text', 'buttonsResponseMessage', 'templateButtonReplyMessage', 'listResponseMessage', 'interactiveResponseMessage']);
// A document's text falls back to its file name, which is not something the customer said.
const captionTypes = new Set(['imageMessage', 'videoMessage', 'ptvMessage']);

export function kindOf(type: string): MessageKind {
  const stub = stubNameOf(type);
  if (stub !== null) return { countsUnread: unreadStubs.has(stub), customerContent: false };
  // A view-once photo, a poll, an unknown type: the customer sent something (WhatsApp counts it),
  // but nothing the assistant could read.
  return { countsUnread: true, customerContent: textTypes.has(type) || captionTypes.has(type) };
}

/** Whether the assistant may answer this stored message: real words from the customer. */
export const isCustomerContent = (m: { type: string; text: string | null }): boolean =>
  kindOf(m.type).customerContent && typeof m.text === 'string' && m.text.trim() !== '';

/** Whether the message is shown as a line (a stub or a view-once notice) rather than as content. */
export const isNotice = (type: string): boolean => stubNameOf(type) !== null || type === 'viewOnce';
