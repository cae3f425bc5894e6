import type { MessageDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { ourReactionKey } from './message-changes';

export type ReactionSummary = MessageDto['reactions'][number];

interface ReactionCountRow {
  messageId: number;
  emoji: string;
  count: number;
  fromMe: 0 | 1;
}

const REACTIONS_OF_MESSAGES_SQL = `SELECT message_id AS messageId, emoji, count(*) AS count, max(sender_jid = ?) AS fromMe
  FROM reactions
  WHERE message_id IN (SELECT value FROM json_each(?))
  GROUP BY message_id, emoji
  ORDER BY message_id, min(timestamp), emoji`;

/**
 * The reactions of many messages in one query (a page of messages never costs one query each):
 * per message, one entry per emoji in the order the emoji first appeared.
 */
export function reactionsByMessage(orm: Orm, messageIds: readonly number[]): Map<number, ReactionSummary[]> {
  const byMessage = new Map<number, ReactionSummary[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = prepared<[string, string], ReactionCountRow>(orm.$client, REACTIONS_OF_MESSAGES_SQL).all(ourReactionKey, JSON.stringify(messageIds));
  for (const row of rows) {
    let list = byMessage.get(row.messageId);
    if (!list) byMessage.set(row.messageId, (list = []));
    list.push({ emoji: row.emoji, count: row.count, fromMe: row.fromMe === 1 });
  }
  return byMessage;
}
