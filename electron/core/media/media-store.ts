import { and, eq, isNull } from 'drizzle-orm';
import type { Orm } from '../db/orm';
import { messages } from '../db/schema';
import type { MessageRow } from '../inbox/message-store';
import type { MediaInfo } from './media-info';

type MediaState = 'none' | 'downloading' | 'ready' | 'failed';

/** Sets the media state, filling the kind, type, name and size the row did not have yet. */
export function setMediaState(orm: Orm, row: MessageRow, info: Omit<MediaInfo, 'message'>, state: MediaState, extra: { path?: string; size?: number; mime?: string | null; error?: string | null } = {}): MessageRow | undefined {
  return orm
    .update(messages)
    .set({
      mediaState: state,
      mediaKind: row.mediaKind ?? info.kind,
      mediaMime: extra.mime !== undefined ? extra.mime : (row.mediaMime ?? info.mime),
      mediaFileName: row.mediaFileName ?? info.fileName,
      mediaSize: extra.size ?? row.mediaSize ?? info.size,
      ...(extra.path !== undefined ? { mediaPath: extra.path } : {}),
      // The error column also tells why a send failed: only a download's own outcome touches it.
      ...(extra.error !== undefined ? { error: extra.error } : {}),
    })
    // A message deleted for everyone meanwhile stays deleted: its file is not brought back.
    .where(and(eq(messages.id, row.id), isNull(messages.deletedAt)))
    .returning()
    .get();
}

/** Messages whose download a shutdown interrupted. */
export const idsLeftDownloading = (orm: Orm): number[] =>
  orm
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.mediaState, 'downloading'))
    .all()
    .map((r) => r.id);
