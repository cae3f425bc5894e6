import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import { pendingByAccount, setRecipient, type RecipientRow } from './campaign-store';
import { knownPhones, newContactsWaiting } from './known-contacts';

/**
 * What a campaign does with the people a reach-out-locked number may not write to (new contacts):
 * they go to another number of the same campaign that may, or wait on theirs until the lock ends.
 * Plain functions over the database; the caller holds the transaction.
 */

/** Recipient reasons the renderer translates. */
export const reachOutReasons = {
  /** WhatsApp refused the first message (463): waits for the lock to end, or for another number. */
  refused: 'reach_out_locked',
  /** Handed from a locked number to another one of the campaign. */
  moved: 'reach_out_moved',
} as const;

/** Other numbers of the campaign that may write to new contacts now: not braked, not removed, not locked. */
const openTargets = (orm: Orm, campaignId: number, lockedAccountId: string, now: number): string[] =>
  prepared<[number, string, number], string>(
    orm.$client,
    `SELECT a.account_id FROM campaign_accounts a JOIN accounts x ON x.id = a.account_id
     WHERE a.campaign_id = ? AND a.account_id != ? AND a.paused_reason IS NULL AND x.removed_at IS NULL
       AND (x.reach_out_locked_until IS NULL OR x.reach_out_locked_until <= ?)
     ORDER BY a.account_id`,
  )
    .pluck()
    .all(campaignId, lockedAccountId, now);

const activeCampaignsOf = (orm: Orm, accountId: string): number[] =>
  prepared<[string], number>(
    orm.$client,
    `SELECT c.id FROM campaigns c JOIN campaign_accounts a ON a.campaign_id = c.id AND a.account_id = ?
     WHERE c.status IN ('scheduled', 'running') ORDER BY c.id`,
  )
    .pluck()
    .all(accountId);

/**
 * The locked account's new contacts go to the campaign's other open numbers: to one that already
 * talks with the person, else to the least loaded. Answers the recipients moved.
 */
export function moveNewContacts(orm: Orm, lockedAccountId: string, now: number): RecipientRow[] {
  const moved: RecipientRow[] = [];
  for (const campaignId of activeCampaignsOf(orm, lockedAccountId)) {
    const targets = openTargets(orm, campaignId, lockedAccountId, now);
    if (targets.length === 0) continue;
    const waiting = newContactsWaiting(orm, campaignId, lockedAccountId);
    if (waiting.length === 0) continue;
    const pending = pendingByAccount(orm, campaignId);
    const load = new Map(targets.map((id) => [id, pending.get(id) ?? 0]));
    const known = targets.map((id) => [id, knownPhones(orm, id)] as const);
    for (const person of waiting) {
      let target = known.find(([, phones]) => phones.has(person.phone))?.[0];
      if (!target) target = targets.reduce((best, id) => (load.get(id)! < load.get(best)! ? id : best));
      load.set(target, load.get(target)! + 1);
      const row = setRecipient(orm, person.id, { accountId: target, reason: reachOutReasons.moved });
      if (row) moved.push(row);
    }
  }
  return moved;
}

/**
 * Recipients whose message WhatsApp refused with 463 wait again, unsent and not failed: the
 * message stays failed in the chat, and the recipient is sent anew (once) by whichever number may.
 */
export function takeBackRefused(orm: Orm, accountId: string, waIds: readonly string[]): RecipientRow[] {
  const find = prepared<[string, string], number>(
    orm.$client,
    `SELECT r.id FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
     WHERE m.account_id = ? AND m.wa_id = ? AND r.state IN ('sending', 'sent')`,
  ).pluck();
  const taken: RecipientRow[] = [];
  for (const waId of waIds) {
    const id = find.get(accountId, waId);
    if (id === undefined) continue;
    const row = setRecipient(orm, id, { state: 'pending', messageId: null, ackedAt: null, reason: reachOutReasons.refused });
    if (row) taken.push(row);
  }
  return taken;
}
