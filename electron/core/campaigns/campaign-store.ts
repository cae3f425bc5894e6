import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, sql } from 'drizzle-orm';
import {
  campaignPacingSchema,
  campaignWindowSchema,
  type CampaignRecipientDto,
  type RecipientState,
} from '../../../shared/contract/campaign-dto';
import type { Orm } from '../db/orm';
import { columnsOf, prepared, type RawRow } from '../db/prepared';
import { campaignAccounts, campaignRecipients, campaigns, chats, messages, suppressions } from '../db/schema';

export type CampaignRow = typeof campaigns.$inferSelect;
export type RecipientRow = typeof campaignRecipients.$inferSelect;
export type CampaignAccountRow = typeof campaignAccounts.$inferSelect;

/**
 * The scheduler reads a campaign's rules at every step: each distinct JSON text is parsed (and
 * validated) once. A few campaigns at a time, so the caches stay tiny.
 */
const parsedOnce = <T>(parse: (json: string) => T) => {
  const cache = new Map<string, T>();
  return (json: string): T => {
    let value = cache.get(json);
    if (value === undefined) {
      if (cache.size > 200) cache.clear();
      cache.set(json, (value = parse(json)));
    }
    return value;
  };
};
const parsePacing = parsedOnce((json) => campaignPacingSchema.parse(JSON.parse(json)));
const parseWindow = parsedOnce((json) => campaignWindowSchema.parse(JSON.parse(json)));
export const pacingOf = (row: CampaignRow) => parsePacing(row.pacing);
export const windowOf = (row: CampaignRow) => parseWindow(row.window);

const CAMPAIGN = columnsOf(campaigns, 'c.');
const RECIPIENT = columnsOf(campaignRecipients, 'r.');
/** RETURNING takes bare column names. */
const RECIPIENT_RETURNED = columnsOf(campaignRecipients);
const recipientColumn = Object.fromEntries(Object.entries(getTableColumns(campaignRecipients)).map(([key, column]) => [key, column.name]));
const readCampaign = (raw: RawRow | undefined): CampaignRow | undefined => (raw ? CAMPAIGN.read(raw) : undefined);
const readRecipient = (raw: RawRow | undefined): RecipientRow | undefined => (raw ? RECIPIENT.read(raw) : undefined);

// The scheduler steps every account after every send and receipt: its reads run on statements
// prepared once per connection (`prepared`), not on queries drizzle builds again at every call.
export const getCampaignRow = (orm: Orm, id: number): CampaignRow | undefined =>
  readCampaign(prepared<[number], RawRow>(orm.$client, `SELECT ${CAMPAIGN.list} FROM campaigns c WHERE c.id = ?`).get(id));
export const listCampaignRows = (orm: Orm): CampaignRow[] => orm.select().from(campaigns).orderBy(desc(campaigns.id)).all();
export const campaignAccountRows = (orm: Orm, campaignId: number): CampaignAccountRow[] =>
  orm.select().from(campaignAccounts).where(eq(campaignAccounts.campaignId, campaignId)).orderBy(asc(campaignAccounts.accountId)).all();

export interface NewRecipient {
  phone: string;
  name: string | null;
  variables: Record<string, string>;
  accountId: string | null;
  state: 'pending' | 'skipped';
  reason: string | null;
}

/** Recipients in bulk (one prepared statement; the caller holds the transaction). */
export function insertRecipients(orm: Orm, campaignId: number, rows: readonly NewRecipient[]): void {
  const insert = orm.$client.prepare(
    'INSERT INTO campaign_recipients (campaign_id, account_id, phone, name, variables, state, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) insert.run(campaignId, r.accountId, r.phone, r.name, JSON.stringify(r.variables), r.state, r.reason);
}

export const recipientDto = (r: RecipientRow): CampaignRecipientDto => ({
  id: r.id,
  campaignId: r.campaignId,
  accountId: r.accountId,
  phone: r.phone,
  name: r.name,
  state: r.state,
  reason: r.reason,
  variant: r.variant,
  messageId: r.messageId,
  queuedAt: r.queuedAt,
  repliedAt: r.repliedAt,
  optedOutAt: r.optedOutAt,
});

export function listRecipients(orm: Orm, query: { campaignId: number; state?: RecipientState; offset: number; limit: number }) {
  const where = and(eq(campaignRecipients.campaignId, query.campaignId), query.state ? eq(campaignRecipients.state, query.state) : undefined);
  const items = orm.select().from(campaignRecipients).where(where).orderBy(asc(campaignRecipients.id)).limit(query.limit).offset(query.offset).all();
  const total = orm.select({ n: sql<number>`count(*)` }).from(campaignRecipients).where(where).get()?.n ?? 0;
  return { items, total };
}

export const getRecipient = (orm: Orm, id: number): RecipientRow | undefined =>
  readRecipient(prepared<[number], RawRow>(orm.$client, `SELECT ${RECIPIENT.list} FROM campaign_recipients r WHERE r.id = ?`).get(id));

export const recipientByMessage = (orm: Orm, messageId: number): RecipientRow | undefined =>
  readRecipient(prepared<[number], RawRow>(orm.$client, `SELECT ${RECIPIENT.list} FROM campaign_recipients r WHERE r.message_id = ?`).get(messageId));

/** Campaigns with this account that may send now (running, or scheduled and due), oldest first. */
export const sendableCampaigns = (orm: Orm, accountId: string, now: number): CampaignRow[] =>
  prepared<[string, number], RawRow>(
    orm.$client,
    `SELECT ${CAMPAIGN.list} FROM campaigns c JOIN campaign_accounts a ON a.campaign_id = c.id AND a.account_id = ?
     WHERE c.status IN ('scheduled', 'running') AND a.paused_reason IS NULL AND c.start_at <= ? ORDER BY c.id`,
  )
    .all(accountId, now)
    .map((raw) => CAMPAIGN.read(raw));

/** The earliest start of a scheduled campaign of this account still in the future. */
export const nextScheduledStart = (orm: Orm, accountId: string, now: number): number | undefined =>
  (prepared<[string, number], number | null>(
    orm.$client,
    `SELECT min(c.start_at) FROM campaigns c JOIN campaign_accounts a ON a.campaign_id = c.id AND a.account_id = ?
     WHERE c.status = 'scheduled' AND c.start_at > ?`,
  )
    .pluck()
    .get(accountId, now) ?? undefined);

export const nextPendingRecipient = (orm: Orm, campaignId: number, accountId: string): RecipientRow | undefined =>
  readRecipient(
    prepared<[number, string], RawRow>(
      orm.$client,
      `SELECT ${RECIPIENT.list} FROM campaign_recipients r WHERE r.campaign_id = ? AND r.account_id = ? AND r.state = 'pending' ORDER BY r.id LIMIT 1`,
    ).get(campaignId, accountId),
  );

/** A campaign message of this account still waiting in the outbox or on the wire: the next waits for it. */
export const hasInFlight = (orm: Orm, accountId: string): boolean =>
  prepared<[string], number>(
    orm.$client,
    `SELECT 1 FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
     WHERE r.account_id = ? AND r.state = 'sending' AND m.status IN ('queued', 'pending') LIMIT 1`,
  )
    .pluck()
    .get(accountId) !== undefined;

/** When this account's campaign messages went to the outbox since `since`, ascending (the caps count these). */
export const queuedTimes = (orm: Orm, accountId: string, since: number): number[] =>
  prepared<[string, number], number>(orm.$client, 'SELECT queued_at FROM campaign_recipients WHERE account_id = ? AND queued_at >= ? ORDER BY queued_at')
    .pluck()
    .all(accountId, since);

export const queuedInCampaign = (orm: Orm, campaignId: number, accountId: string): number =>
  prepared<[number, string], number>(orm.$client, 'SELECT count(*) FROM campaign_recipients WHERE campaign_id = ? AND account_id = ? AND queued_at IS NOT NULL')
    .pluck()
    .get(campaignId, accountId) ?? 0;

export const pendingByAccount = (orm: Orm, campaignId: number): Map<string, number> =>
  new Map(
    orm
      .select({ accountId: campaignRecipients.accountId, n: sql<number>`count(*)` })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'pending')))
      .groupBy(campaignRecipients.accountId)
      .all()
      .map((r) => [r.accountId ?? '', r.n]),
  );

/** Outcomes of the account's last ten sends of a campaign, newest first (the failure-rate brake). */
export const recentOutcomes = (orm: Orm, campaignId: number, accountId: string): RecipientState[] =>
  orm
    .select({ state: campaignRecipients.state })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaignId, campaignId),
        eq(campaignRecipients.accountId, accountId),
        inArray(campaignRecipients.state, ['sent', 'delivered', 'read', 'replied', 'failed']),
      ),
    )
    .orderBy(desc(campaignRecipients.queuedAt))
    .limit(10)
    .all()
    .map((r) => r.state);

export const hasUnfinished = (orm: Orm, campaignId: number): boolean =>
  prepared<[number], number>(orm.$client, "SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND state IN ('pending', 'sending') LIMIT 1")
    .pluck()
    .get(campaignId) !== undefined;

/** Changes some columns of a recipient; one cached statement per set of columns changed. */
export function setRecipient(orm: Orm, id: number, patch: Partial<Omit<RecipientRow, 'id' | 'campaignId'>>): RecipientRow | undefined {
  const keys = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) as (keyof typeof patch)[];
  if (keys.length === 0) return getRecipient(orm, id);
  const assignments = keys.map((k) => `${recipientColumn[k]} = ?`).join(', ');
  return readRecipient(
    prepared<unknown[], RawRow>(orm.$client, `UPDATE campaign_recipients SET ${assignments} WHERE id = ? RETURNING ${RECIPIENT_RETURNED.list}`).get(...keys.map((k) => patch[k]), id),
  );
}

export function setCampaignStatus(orm: Orm, id: number, status: CampaignRow['status'], finishedAt: number | null = null): CampaignRow | undefined {
  return orm.update(campaigns).set({ status, finishedAt }).where(eq(campaigns.id, id)).returning().get();
}

export function pauseAccountOfCampaign(orm: Orm, campaignId: number, accountId: string, reason: string, detail: string | null): boolean {
  return (
    orm
      .update(campaignAccounts)
      .set({ pausedReason: reason, pausedDetail: detail })
      .where(and(eq(campaignAccounts.campaignId, campaignId), eq(campaignAccounts.accountId, accountId), isNull(campaignAccounts.pausedReason)))
      .run().changes > 0
  );
}

export const clearBrakes = (orm: Orm, campaignId: number): void => {
  orm.update(campaignAccounts).set({ pausedReason: null, pausedDetail: null }).where(eq(campaignAccounts.campaignId, campaignId)).run();
};

/** Campaigns that still have work and use this account (for the brake when the account drops). */
export const activeCampaignIdsOfAccount = (orm: Orm, accountId: string): number[] =>
  orm
    .select({ id: campaigns.id })
    .from(campaigns)
    .innerJoin(campaignAccounts, and(eq(campaignAccounts.campaignId, campaigns.id), eq(campaignAccounts.accountId, accountId)))
    .where(and(eq(campaigns.status, 'running'), isNull(campaignAccounts.pausedReason)))
    .all()
    .map((r) => r.id);

/** Recipients a crash left `sending`: their messages' state decides (the outbox finishes or resends them with the same id). */
export const sendingRecipients = (orm: Orm) =>
  orm
    .select({ recipient: campaignRecipients, status: messages.status, error: messages.error })
    .from(campaignRecipients)
    .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
    .where(eq(campaignRecipients.state, 'sending'))
    .all();

/** Marks the recipient of our message `waId` acknowledged; promotes it to `sent` once its message is. */
export function acknowledge(orm: Orm, accountId: string, waId: string, at: number): RecipientRow | undefined {
  const row = prepared<[string, string], { id: number; state: RecipientState; status: string }>(
    orm.$client,
    `SELECT r.id, r.state, m.status FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
     WHERE m.account_id = ? AND m.wa_id = ? AND r.acked_at IS NULL`,
  ).get(accountId, waId);
  if (!row) return undefined;
  const promote = row.state === 'sending' && (row.status === 'sent' || row.status === 'delivered' || row.status === 'read');
  return setRecipient(orm, row.id, { ackedAt: at, ...(promote ? { state: row.status as RecipientState } : {}) });
}

/** Written, never acknowledged, and older than `before`: taken as sent (see ACK_GRACE_MS). */
export function presumeAccepted(orm: Orm, accountId: string, before: number): RecipientRow[] {
  const ids = prepared<[string, number], number>(
    orm.$client,
    `SELECT r.id FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
     WHERE r.account_id = ? AND r.state = 'sending' AND r.acked_at IS NULL AND r.queued_at < ? AND m.status = 'sent'`,
  )
    .pluck()
    .all(accountId, before);
  return ids.map((id) => setRecipient(orm, id, { state: 'sent' })!).filter(Boolean);
}

/**
 * After a crash: recipients whose message our socket wrote but the server never acknowledged get
 * their message back in the outbox, same WhatsApp id. The caller holds the transaction.
 */
export function requeueUnacknowledged(orm: Orm, at: number): number[] {
  const rows = orm.$client
    .prepare(
      `SELECT r.id, m.id AS messageId, m.account_id AS accountId, m.text FROM campaign_recipients r
       JOIN messages m ON m.id = r.message_id
       WHERE r.state = 'sending' AND r.acked_at IS NULL AND m.status = 'sent'
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id)`,
    )
    .all() as { id: number; messageId: number; accountId: string; text: string | null }[];
  const insert = orm.$client.prepare("INSERT INTO outbox (message_id, account_id, state, payload, created_at) VALUES (?, ?, 'queued', ?, ?)");
  const queue = orm.$client.prepare("UPDATE messages SET status = 'queued' WHERE id = ?");
  for (const row of rows) {
    insert.run(row.messageId, row.accountId, JSON.stringify({ kind: 'text', text: row.text ?? '' }), at);
    queue.run(row.messageId);
  }
  return rows.map((r) => r.id);
}

// ---- suppression list ----

export const isSuppressed = (orm: Orm, phone: string): boolean =>
  prepared<[string], number>(orm.$client, 'SELECT 1 FROM suppressions WHERE phone = ?').pluck().get(phone) !== undefined;

export const suppressedPhones = (orm: Orm): Set<string> => new Set(orm.select({ phone: suppressions.phone }).from(suppressions).all().map((r) => r.phone));

export function suppress(orm: Orm, entry: { phone: string; source: string; accountId: string | null; text: string | null; at: number }): boolean {
  return (
    orm
      .insert(suppressions)
      .values({ phone: entry.phone, source: entry.source, accountId: entry.accountId, text: entry.text, createdAt: entry.at })
      .onConflictDoNothing()
      .run().changes > 0
  );
}

/** Every recipient with that number is marked as opted out; pending ones are skipped. */
export function markOptedOut(orm: Orm, phone: string, at: number): RecipientRow[] {
  orm
    .update(campaignRecipients)
    .set({ state: 'skipped', reason: 'opted_out' })
    .where(and(eq(campaignRecipients.phone, phone), eq(campaignRecipients.state, 'pending')))
    .run();
  return orm
    .update(campaignRecipients)
    .set({ optedOutAt: at })
    .where(and(eq(campaignRecipients.phone, phone), isNull(campaignRecipients.optedOutAt), inArray(campaignRecipients.state, ['sent', 'delivered', 'read', 'replied', 'skipped'])))
    .returning()
    .all();
}

/** A reply from that number to that account marks its sent campaign messages replied. */
export function markReplied(orm: Orm, accountId: string, phone: string, at: number): RecipientRow[] {
  return orm
    .update(campaignRecipients)
    .set({ state: 'replied', repliedAt: at })
    .where(
      and(
        eq(campaignRecipients.accountId, accountId),
        eq(campaignRecipients.phone, phone),
        inArray(campaignRecipients.state, ['sent', 'delivered', 'read']),
        lte(campaignRecipients.queuedAt, at),
      ),
    )
    .returning()
    .all();
}

// ---- chats, read from here so the inbox's query files stay theirs ----

/** The account's conversation with that number (by phone JID, or a LID chat that knows it). */
export const chatForPhone = (orm: Orm, accountId: string, jid: string) =>
  orm
    .select()
    .from(chats)
    .where(and(eq(chats.accountId, accountId), sql`(${chats.jid} = ${jid} OR ${chats.pnJid} = ${jid})`))
    .limit(1)
    .get();

/** Which of these accounts already talked with each number (phone digits → account id; first wins). */
export function accountsThatKnow(orm: Orm, accountIds: readonly string[]): Map<string, string> {
  const known = new Map<string, string>();
  if (accountIds.length === 0) return known;
  const rows = orm
    .select({ accountId: chats.accountId, jid: chats.jid, pnJid: chats.pnJid })
    .from(chats)
    .where(and(inArray(chats.accountId, [...accountIds]), sql`${chats.lastMessageAt} is not null`))
    .orderBy(asc(chats.id))
    .all();
  for (const row of rows) {
    const pn = row.pnJid ?? (row.jid.endsWith('@s.whatsapp.net') ? row.jid : null);
    if (!pn) continue;
    const phone = pn.slice(0, pn.indexOf('@'));
    if (!known.has(phone)) known.set(phone, row.accountId);
  }
  return known;
}
