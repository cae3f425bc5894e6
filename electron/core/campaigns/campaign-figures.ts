import { eq, sql } from 'drizzle-orm';
import type { CampaignCounts, CampaignFigures, CampaignFunnel, RecipientState } from '../../../shared/contract/campaign-dto';
import type { Orm } from '../db/orm';
import { campaignRecipients } from '../db/schema';

const emptyFunnel = (): CampaignFunnel => ({ recipients: 0, sent: 0, delivered: 0, read: 0, replied: 0, optedOut: 0, failed: 0, skipped: 0, cancelled: 0 });

const SENT: ReadonlySet<RecipientState> = new Set(['sent', 'delivered', 'read', 'replied']);
const DELIVERED: ReadonlySet<RecipientState> = new Set(['delivered', 'read', 'replied']);
// Someone who answered has read it, receipt or not.
const READ: ReadonlySet<RecipientState> = new Set(['read', 'replied']);

/** Adds n recipients of one state to a funnel: each figure counts everyone who got at least that far. */
function add(f: CampaignFunnel, state: RecipientState, cancelled: boolean, n: number, optedOut: number) {
  f.recipients += n;
  f.optedOut += optedOut;
  if (state === 'failed') f.failed += n;
  // Never sent because the person cancelled: not "skipped" (a reason about the number).
  if (state === 'skipped') {
    if (cancelled) f.cancelled += n;
    else f.skipped += n;
  }
  if (SENT.has(state)) f.sent += n;
  if (DELIVERED.has(state)) f.delivered += n;
  if (READ.has(state)) f.read += n;
  if (state === 'replied') f.replied += n;
}

export interface FiguresOfCampaign {
  /** The states as stored, for code that schedules. */
  counts: CampaignCounts;
  /** What every screen shows: chips, totals, progress. */
  figures: CampaignFigures;
  perAccount: Map<string, CampaignFunnel>;
  perVariant: Map<string, CampaignFunnel>;
}

/**
 * Every figure of a campaign from one grouped query, so the chips, the totals table, the rows per
 * number and the progress "n of m" can never disagree. Progress counts only recipients that can
 * be sent (skipped numbers are not), and a cancelled recipient is not "done".
 */
export function figuresOf(orm: Orm, campaignId: number): FiguresOfCampaign {
  const groups = orm
    .select({
      accountId: campaignRecipients.accountId,
      variant: campaignRecipients.variant,
      state: campaignRecipients.state,
      cancelled: sql<number>`${campaignRecipients.reason} IS 'cancelled'`,
      n: sql<number>`count(*)`,
      optedOut: sql<number>`count(${campaignRecipients.optedOutAt})`,
    })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaignId, campaignId))
    .groupBy(campaignRecipients.accountId, campaignRecipients.variant, campaignRecipients.state, sql`4`)
    .all();
  const counts: CampaignCounts = { total: 0, pending: 0, sending: 0, sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, skipped: 0, optedOut: 0 };
  const funnel = emptyFunnel();
  const perAccount = new Map<string, CampaignFunnel>();
  const perVariant = new Map<string, CampaignFunnel>();
  for (const g of groups) {
    const cancelled = Boolean(g.cancelled);
    counts[g.state] += g.n;
    counts.total += g.n;
    counts.optedOut += g.optedOut;
    add(funnel, g.state, cancelled, g.n, g.optedOut);
    if (g.accountId) {
      if (!perAccount.has(g.accountId)) perAccount.set(g.accountId, emptyFunnel());
      add(perAccount.get(g.accountId)!, g.state, cancelled, g.n, g.optedOut);
    }
    if (g.variant !== null) {
      if (!perVariant.has(g.variant)) perVariant.set(g.variant, emptyFunnel());
      add(perVariant.get(g.variant)!, g.state, cancelled, g.n, g.optedOut);
    }
  }
  const figures: CampaignFigures = {
    ...funnel,
    pending: counts.pending,
    sending: counts.sending,
    sendable: funnel.recipients - funnel.skipped,
    done: funnel.sent + funnel.failed,
  };
  return { counts, figures, perAccount, perVariant };
}
