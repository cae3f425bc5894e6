import type { MessageReceiptDto } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import { prepared } from '../db/prepared';

/** One member's receipt as Baileys reports it (`message-receipt.update`), times in epoch ms. */
export interface MemberReceipt {
  memberJid: string;
  deliveredAt?: number;
  readAt?: number;
  playedAt?: number;
}

interface ReceiptRow {
  memberJid: string;
  name: string | null;
  pnJid: string | null;
  deliveredAt: number | null;
  readAt: number | null;
  playedAt: number | null;
}

// The first time of each kind wins: a repeated receipt (another device of the member) changes nothing.
const RECORD = `INSERT INTO message_receipts (message_id, member_jid, delivered_at, read_at, played_at)
  VALUES (@messageId, @memberJid, @deliveredAt, @readAt, @playedAt)
  ON CONFLICT (message_id, member_jid) DO UPDATE SET
    delivered_at = coalesce(delivered_at, excluded.delivered_at),
    read_at = coalesce(read_at, excluded.read_at),
    played_at = coalesce(played_at, excluded.played_at)
  WHERE (delivered_at IS NULL AND excluded.delivered_at IS NOT NULL)
     OR (read_at IS NULL AND excluded.read_at IS NOT NULL)
     OR (played_at IS NULL AND excluded.played_at IS NOT NULL)`;

// A member is named as the owner saved them, else as they named themselves; LID or phone JID alike.
const LIST = `SELECT r.member_jid AS memberJid, coalesce(c.name, c.notify) AS name, c.pn_jid AS pnJid,
    r.delivered_at AS deliveredAt, r.read_at AS readAt, r.played_at AS playedAt
  FROM message_receipts r
  LEFT JOIN contacts c ON c.rowid = (SELECT rowid FROM contacts WHERE account_id = @accountId
    AND (jid = r.member_jid OR lid_jid = r.member_jid OR pn_jid = r.member_jid) LIMIT 1)
  WHERE r.message_id = @messageId
  ORDER BY coalesce(r.read_at, r.played_at, r.delivered_at), r.member_jid`;

/** Stores one member's receipt of one of our messages; true when it told us something new. */
export function recordReceipt(db: Db, messageId: number, receipt: MemberReceipt): boolean {
  const row = { messageId, memberJid: receipt.memberJid, deliveredAt: receipt.deliveredAt ?? null, readAt: receipt.readAt ?? null, playedAt: receipt.playedAt ?? null };
  return prepared<typeof row>(db, RECORD).run(row).changes > 0;
}

const phoneOf = (jid: string | null) => (jid?.endsWith('@s.whatsapp.net') ? jid.split('@')[0]!.split(':')[0]! : null);

/** Who received and read one of our messages, earliest first. */
export function receiptsOf(db: Db, accountId: string, messageId: number): MessageReceiptDto[] {
  return prepared<{ messageId: number; accountId: string }, ReceiptRow>(db, LIST)
    .all({ messageId, accountId }).map((row) => ({
    memberJid: row.memberJid,
    name: row.name,
    phone: phoneOf(row.pnJid) ?? phoneOf(row.memberJid),
    deliveredAt: row.deliveredAt,
    // Reading implies delivery, as WhatsApp's own info screen shows it.
    readAt: row.readAt ?? row.playedAt,
    playedAt: row.playedAt,
  }));
}
