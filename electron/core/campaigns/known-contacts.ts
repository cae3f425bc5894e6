import type { Orm } from '../db/orm';
import { columnsOf, prepared, type RawRow } from '../db/prepared';
import { campaignRecipients } from '../db/schema';
import type { RecipientRow } from './campaign-store';

/**
 * Who is a NEW contact for an account, for WhatsApp's reach-out lock: someone it has never talked
 * with. The account knows a person when one of their conversations (by phone JID, or a LID chat
 * that knows the phone) holds a message from them, or one of ours WhatsApp took (sent, delivered,
 * read). Queued, pending and failed ones do not count: a campaign message refused with 463 must
 * not turn its recipient into a known contact. Every check here uses this one rule.
 */
const TALKED = "(m.from_me = 0 OR m.status IN ('sent', 'delivered', 'read'))";

/** Digits of the phone-number JID a chat answers to, or null (a group, a LID without its phone). */
const CHAT_PHONE = "CASE WHEN coalesce(c.pn_jid, c.jid) LIKE '%@s.whatsapp.net' THEN substr(coalesce(c.pn_jid, c.jid), 1, instr(coalesce(c.pn_jid, c.jid), '@') - 1) END";

/** The phones (digits) the account talks with: one pass over its chats (a few ms for thousands). */
// Never a NULL in the list: `NOT IN` with a NULL in it matches nothing.
const KNOWN_PHONES = `SELECT ${CHAT_PHONE} FROM chats c WHERE c.account_id = ? AND coalesce(c.pn_jid, c.jid) LIKE '%@s.whatsapp.net'
  AND EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = c.id AND ${TALKED})`;

/** Whether the account already talks with this number. `exceptMessageId`: a message not to count (the one being judged). */
export function isKnownContact(orm: Orm, accountId: string, phone: string, exceptMessageId = -1): boolean {
  const jid = `${phone}@s.whatsapp.net`;
  return (
    prepared<[string, string, string, number], number>(
      orm.$client,
      `SELECT 1 FROM chats c JOIN messages m ON m.chat_id = c.id
       WHERE c.account_id = ? AND (c.jid = ? OR c.pn_jid = ?) AND m.id != ? AND ${TALKED} LIMIT 1`,
    )
      .pluck()
      .get(accountId, jid, jid, exceptMessageId) !== undefined
  );
}

/** Whether our message `waId` went to someone the account had never talked with (a refused one is judged by the others). */
export function wasFirstContact(orm: Orm, accountId: string, waId: string): boolean {
  const row = prepared<[string, string], { id: number; chatId: number; phone: string | null }>(
    orm.$client,
    `SELECT m.id, m.chat_id AS chatId, ${CHAT_PHONE} AS phone FROM messages m JOIN chats c ON c.id = m.chat_id
     WHERE m.account_id = ? AND m.wa_id = ? AND m.from_me = 1 LIMIT 1`,
  ).get(accountId, waId);
  if (!row) return false;
  if (row.phone) return !isKnownContact(orm, accountId, row.phone, row.id);
  // Known only by LID: the conversation itself is all we have.
  return (
    prepared<[number, number], number>(orm.$client, `SELECT 1 FROM messages m WHERE m.chat_id = ? AND m.id != ? AND ${TALKED} LIMIT 1`)
      .pluck()
      .get(row.chatId, row.id) === undefined
  );
}

export const knownPhones = (orm: Orm, accountId: string): Set<string> =>
  new Set(prepared<[string], string>(orm.$client, KNOWN_PHONES).pluck().all(accountId));

const RECIPIENT = columnsOf(campaignRecipients, 'r.');

/** The next waiting recipient of this account in the campaign that the account already talks with (what a locked number may still send). */
export function nextKnownPendingRecipient(orm: Orm, campaignId: number, accountId: string): RecipientRow | undefined {
  const raw = prepared<[number, string, string], RawRow>(
    orm.$client,
    `SELECT ${RECIPIENT.list} FROM campaign_recipients r
     WHERE r.campaign_id = ? AND r.account_id = ? AND r.state = 'pending' AND r.phone IN (${KNOWN_PHONES})
     ORDER BY r.id LIMIT 1`,
  ).get(campaignId, accountId, accountId);
  return raw ? RECIPIENT.read(raw) : undefined;
}

/** Waiting recipients of this account in the campaign it has never talked with (a locked number's to hand to another). */
export const newContactsWaiting = (orm: Orm, campaignId: number, accountId: string): { id: number; phone: string }[] =>
  prepared<[number, string, string], { id: number; phone: string }>(
    orm.$client,
    `SELECT r.id, r.phone FROM campaign_recipients r
     WHERE r.campaign_id = ? AND r.account_id = ? AND r.state = 'pending' AND r.phone NOT IN (${KNOWN_PHONES})
     ORDER BY r.id`,
  ).all(campaignId, accountId, accountId);
