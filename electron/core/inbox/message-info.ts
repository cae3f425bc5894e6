import type { MessageInfoDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { receiptsOf } from './receipts-store';

interface InfoRow {
  accountId: string;
  editedAt: number | null;
  originalText: string | null;
}

const ROW = 'SELECT account_id AS accountId, edited_at AS editedAt, original_text AS originalText FROM messages WHERE id = ?';

/** What the message's details show; undefined when there is no such message. */
export function messageInfo(orm: Orm, messageId: number): MessageInfoDto | undefined {
  const row = prepared<[number], InfoRow>(orm.$client, ROW).get(messageId);
  if (!row) return undefined;
  return { messageId, editedAt: row.editedAt, originalText: row.originalText, receipts: receiptsOf(orm.$client, row.accountId, messageId) };
}
