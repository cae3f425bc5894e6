import { extractMessageContent, getContentType, normalizeMessageContent, type proto } from '@whiskeysockets/baileys';
import type { MediaKind } from '../../../shared/contract';

/** What the inbox keeps of a file a message carries (the bytes are downloaded later, on demand). */
export interface MediaInfo {
  kind: MediaKind;
  mime: string | null;
  fileName: string | null;
  size: number | null;
  durationSec: number | null;
}

export interface LocationInfo {
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
}

export interface SharedContact {
  name: string;
  phones: string[];
}

/** One message's content reduced to columns. `text` is what search finds and the preview shows. */
export interface MessageContent {
  /** `text`, the Baileys content type, or `unsupported`. */
  type: string;
  text: string | null;
  media: MediaInfo | null;
  location: LocationInfo | null;
  sharedContacts: SharedContact[] | null;
  /** Where a reply says which message it quotes. */
  contextInfo: proto.IContextInfo | null;
}

/** A protobuf number that may arrive as a Long (file sizes, timestamps); null when absent or not a number. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof (value as { toNumber?: unknown }).toNumber === 'function') return (value as { toNumber(): number }).toNumber();
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const str = (value: string | null | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

function media(kind: MediaKind, m: { mimetype?: string | null; fileLength?: unknown; seconds?: number | null; fileName?: string | null }): MediaInfo {
  return {
    kind,
    mime: str(m.mimetype),
    fileName: str(m.fileName),
    size: toNumber(m.fileLength),
    durationSec: typeof m.seconds === 'number' && m.seconds > 0 ? m.seconds : null,
  };
}

function location(m: proto.Message.ILocationMessage | proto.Message.ILiveLocationMessage, name: string | null, address: string | null): LocationInfo | null {
  const latitude = m.degreesLatitude;
  const longitude = m.degreesLongitude;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  return { latitude, longitude, name, address };
}

const vcardValue = (raw: string) =>
  raw
    .replace(/\\n/gi, ' ')
    .replace(/\\([,;\\])/g, '$1')
    .trim();

/**
 * The name and phone numbers of a vCard: `FN` and the `TEL` lines (any parameters, `item1.` groups),
 * nothing else. Folded lines (continued with a leading space) are joined first.
 */
export function parseVCard(vcard: string | null | undefined, fallbackName: string | null = null): SharedContact {
  let name: string | null = null;
  const phones: string[] = [];
  if (vcard) {
    for (const line of vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const property = line.slice(0, colon).replace(/^item\d+\./i, '').split(';')[0]!.toUpperCase();
      const value = vcardValue(line.slice(colon + 1));
      if (property === 'FN' && value && !name) name = value;
      else if (property === 'TEL' && value) phones.push(value);
    }
  }
  return { name: name ?? str(fallbackName) ?? phones[0] ?? '', phones };
}

const pollText = (poll: proto.Message.IPollCreationMessage | null | undefined): string | null => {
  if (!poll) return null;
  const options = (poll.options ?? []).map((o) => o.optionName).filter((o): o is string => !!o);
  return [poll.name ?? '', ...options.map((o) => `• ${o}`)].filter(Boolean).join('\n') || null;
};

function contentOf(
  type: string,
  contextInfo: proto.IContextInfo | null,
  text: string | null,
  media: MediaInfo | null = null,
  location: LocationInfo | null = null,
  sharedContacts: SharedContact[] | null = null,
): MessageContent {
  return { type, text, media, location, sharedContacts, contextInfo };
}

/** The content type as the inbox names it: texts are `text`, a type Baileys does not know is `unsupported`. */
export const typeName = (contentType: string | undefined): string =>
  !contentType ? 'unsupported' : contentType === 'conversation' || contentType === 'extendedTextMessage' ? 'text' : contentType;

/**
 * Reads already-normalized content (see `normalizeMessageContent`): view-once, ephemeral and
 * document-with-caption wrappers are gone. Control messages (edits, reactions…) are not handled here.
 */
export function readContent(content: proto.IMessage | null | undefined, contentType = getContentType(content ?? undefined)): MessageContent {
  const type = typeName(contentType);
  if (!content || !contentType) return { type, text: null, media: null, location: null, sharedContacts: null, contextInfo: null };
  const inner = (content as Record<string, unknown>)[contentType];
  const contextInfo = inner && typeof inner === 'object' ? ((inner as { contextInfo?: proto.IContextInfo | null }).contextInfo ?? null) : null;

  switch (contentType) {
    case 'conversation':
      return contentOf(type, contextInfo, typeof content.conversation === 'string' ? content.conversation : null);
    case 'extendedTextMessage':
      return contentOf(type, contextInfo, str(content.extendedTextMessage?.text));
    case 'imageMessage': {
      const m = content.imageMessage!;
      return contentOf(type, contextInfo, str(m.caption), media('image', m));
    }
    case 'videoMessage':
    case 'ptvMessage': {
      const m = (content.videoMessage ?? content.ptvMessage)!;
      return contentOf(type, contextInfo, str(m.caption), media('video', m));
    }
    case 'audioMessage': {
      const m = content.audioMessage!;
      return contentOf(type, contextInfo, null, media(m.ptt ? 'voice' : 'audio', m));
    }
    case 'documentMessage': {
      const m = content.documentMessage!;
      // Without a caption the file name is the text, so search finds "factura.pdf".
      return contentOf(type, contextInfo, str(m.caption) ?? str(m.fileName) ?? str(m.title), media('document', m));
    }
    case 'stickerMessage':
      return contentOf(type, contextInfo, null, media('sticker', content.stickerMessage!));
    case 'locationMessage': {
      const m = content.locationMessage!;
      const name = str(m.name);
      const address = str(m.address);
      return contentOf(type, contextInfo, name ?? address ?? str(m.comment), null, location(m, name, address));
    }
    case 'liveLocationMessage': {
      const m = content.liveLocationMessage!;
      return contentOf(type, contextInfo, str(m.caption), null, location(m, null, null));
    }
    case 'contactMessage': {
      const m = content.contactMessage!;
      const contact = parseVCard(m.vcard, m.displayName);
      return contentOf(type, contextInfo, contact.name || null, null, null, [contact]);
    }
    case 'contactsArrayMessage': {
      const m = content.contactsArrayMessage!;
      const contacts = (m.contacts ?? []).map((c) => parseVCard(c.vcard, c.displayName));
      const names = contacts.map((c) => c.name).filter(Boolean);
      return contentOf(type, contextInfo, names.join(', ') || str(m.displayName), null, null, contacts);
    }
    case 'pollCreationMessage':
    case 'pollCreationMessageV2':
    case 'pollCreationMessageV3':
    case 'pollCreationMessageV5':
      return contentOf(type, contextInfo, pollText(content[contentType] as proto.Message.IPollCreationMessage));
    case 'buttonsResponseMessage':
      return contentOf(type, contextInfo, str(content.buttonsResponseMessage?.selectedDisplayText));
    case 'templateButtonReplyMessage':
      return contentOf(type, contextInfo, str(content.templateButtonReplyMessage?.selectedDisplayText));
    case 'listResponseMessage': {
      const m = content.listResponseMessage!;
      return contentOf(type, contextInfo, str(m.title) ?? str(m.description) ?? str(m.singleSelectReply?.selectedRowId));
    }
    case 'interactiveResponseMessage':
      return contentOf(type, contextInfo, str(content.interactiveResponseMessage?.body?.text));
    case 'buttonsMessage':
    case 'templateMessage': {
      const extracted = extractMessageContent(content);
      return contentOf(type, contextInfo, extracted ? textOf(extracted) : null);
    }
    case 'listMessage':
      return contentOf(type, contextInfo, str(content.listMessage?.description) ?? str(content.listMessage?.title));
    case 'interactiveMessage':
      return contentOf(type, contextInfo, str(content.interactiveMessage?.body?.text));
    case 'eventMessage':
      return contentOf(type, contextInfo, str(content.eventMessage?.name));
    case 'groupInviteMessage':
      return contentOf(type, contextInfo, str(content.groupInviteMessage?.caption) ?? str(content.groupInviteMessage?.groupName));
    default:
      return contentOf(type, contextInfo, null);
  }
}

/** The text of any content, wrappers included (quotes, edits). */
export function textOf(content: proto.IMessage | null | undefined): string | null {
  return readContent(normalizeMessageContent(content ?? undefined)).text;
}
