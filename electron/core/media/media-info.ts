import { extractMessageContent, getContentType, proto, toNumber } from '@whiskeysockets/baileys';
import type { MediaKind } from '../../../shared/contract';
import type { MessageRow } from '../inbox/message-store';

/** What a stored message says about its media: the columns first, its proto for what they lack. */
export interface MediaInfo {
  kind: MediaKind;
  mime: string | null;
  fileName: string | null;
  size: number | null;
  message: proto.IMessage;
}

const kindOfType: Partial<Record<keyof proto.IMessage, MediaKind>> = {
  imageMessage: 'image',
  videoMessage: 'video',
  ptvMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'sticker',
};

type MediaContent = { mimetype?: string | null; fileName?: string | null; fileLength?: Parameters<typeof toNumber>[0]; ptt?: boolean | null };

/** The media of a message that can be downloaded (it has a stored proto carrying one), else undefined. */
export function mediaInfoOf(row: MessageRow): MediaInfo | undefined {
  if (!row.proto) return undefined;
  let message: proto.IMessage;
  try {
    message = proto.Message.decode(row.proto);
  } catch {
    return undefined;
  }
  const content = extractMessageContent(message);
  const type = getContentType(content);
  const protoKind = type ? kindOfType[type] : undefined;
  if (!content || !type || !protoKind) return undefined;
  const media = content[type] as MediaContent | null | undefined;
  if (!media) return undefined;
  const length = media.fileLength === null || media.fileLength === undefined ? null : toNumber(media.fileLength);
  return {
    kind: (row.mediaKind as MediaKind | null) ?? (protoKind === 'audio' && media.ptt ? 'voice' : protoKind),
    mime: row.mediaMime ?? media.mimetype ?? null,
    fileName: row.mediaFileName ?? media.fileName ?? null,
    size: row.mediaSize ?? (length !== null && Number.isFinite(length) && length > 0 ? length : null),
    message,
  };
}
