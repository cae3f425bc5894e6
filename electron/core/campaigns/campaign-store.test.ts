import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignRecipients, campaigns } from '../db/schema';
import { allDayWindow, campaignHarness, csvBase64, fastPacing } from '../testing/campaign-harness';
import { getCampaignRow, getRecipient, nextPendingRecipient, recipientByMessage, sendableCampaigns, setRecipient } from './campaign-store';

describe('the scheduler’s prepared reads', () => {
  it('return exactly the rows drizzle returns, every column included', async () => {
    const h = campaignHarness();
    await h.service.parseFile({ draftId: 'rows', fileName: 'r.csv', dataBase64: csvBase64([['+52 55 1000 2000', 'Ana']]) });
    const campaign = await h.service.create({
      name: 'Filas',
      audience: { kind: 'file', draftId: 'rows', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
      template: 'Hola {{nombre}}',
      accountIds: ['a1'],
      pacing: fastPacing(),
      window: allDayWindow,
    });
    const drizzleCampaign = h.orm.select().from(campaigns).where(eq(campaigns.id, campaign.id)).get();
    expect(getCampaignRow(h.orm, campaign.id)).toEqual(drizzleCampaign);
    expect(sendableCampaigns(h.orm, 'a1', h.clock.now())).toEqual([drizzleCampaign]);

    const drizzleRecipient = h.orm.select().from(campaignRecipients).get()!;
    expect(getRecipient(h.orm, drizzleRecipient.id)).toEqual(drizzleRecipient);
    expect(nextPendingRecipient(h.orm, campaign.id, 'a1')).toEqual(drizzleRecipient);

    const updated = setRecipient(h.orm, drizzleRecipient.id, { state: 'failed', reason: 'sin señal', ackedAt: 5 });
    expect(updated).toEqual({ ...drizzleRecipient, state: 'failed', reason: 'sin señal', ackedAt: 5 });
    expect(h.orm.select().from(campaignRecipients).get()).toEqual(updated);
    expect(recipientByMessage(h.orm, 12345)).toBeUndefined();
  });
});
