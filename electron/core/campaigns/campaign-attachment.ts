import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CampaignAttachmentDto } from '../../../shared/contract/campaign-dto';
import { campaignMediaPath, checkOutgoingFile, extensionFor, resolveMediaPath, sharedMediaDir } from '../media/media-files';
import type { OutboxPayload } from '../outbox/outbox-store';
import type { CampaignRow } from './campaign-store';

export interface AttachmentRequest {
  kind: 'image' | 'document';
  fileName: string;
  mime: string;
  dataBase64: string;
}

/** The file written beside its final place, moved there once the campaign row exists. */
export interface StagedAttachment {
  kind: 'image' | 'document';
  fileName: string;
  mime: string;
  size: number;
  /** Moves the file to the campaign's place; answers the stored relative path. */
  place(campaignId: number): string;
  /** Removes whatever was written (the campaign was not created). */
  discard(): void;
}

/**
 * Stores a campaign's image or document once for all its messages (written before the creating
 * transaction, moved in it), so a failed creation leaves no file and a created one always has it.
 */
export async function stageAttachment(dataDir: string, request: AttachmentRequest): Promise<StagedAttachment> {
  const { mime, bytes } = checkOutgoingFile(request);
  const dir = sharedMediaDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const part = join(dir, `staged-${randomUUID()}.part`);
  await writeFile(part, bytes);
  let placed: string | null = null;
  return {
    kind: request.kind,
    fileName: request.fileName,
    mime,
    size: bytes.length,
    place(campaignId) {
      const relative = campaignMediaPath(campaignId, extensionFor(mime, request.fileName));
      const target = resolveMediaPath(dataDir, relative);
      if (!target) throw new Error('campaign media path outside the data folder');
      renameSync(part, target);
      placed = target;
      return relative;
    },
    discard() {
      rmSync(part, { force: true });
      if (placed) rmSync(placed, { force: true });
    },
  };
}

/** What the campaign's messages carry, or null for text only. */
export function attachmentOf(row: CampaignRow): (CampaignAttachmentDto & { path: string; size: number }) | null {
  if (!row.attachmentKind || !row.attachmentPath) return null;
  return { kind: row.attachmentKind, fileName: row.attachmentName ?? 'file', mime: row.attachmentMime ?? 'application/octet-stream', path: row.attachmentPath, size: row.attachmentSize ?? 0 };
}

/** The outbox payload of one campaign message: its text alone, or the shared file with the text as caption. */
export function campaignPayload(attachment: ReturnType<typeof attachmentOf>, text: string): OutboxPayload {
  if (!attachment) return { kind: 'text', text };
  return { kind: 'media', media: attachment.kind, path: attachment.path, mime: attachment.mime, fileName: attachment.fileName, caption: text };
}
