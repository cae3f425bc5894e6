import { describe, expect, it } from 'vitest';
import { allDayWindow, campaignHarness, csvBase64, fastPacing, MONDAY_9AM_UTC } from '../testing/campaign-harness';

const create = async (h: ReturnType<typeof campaignHarness>, window = allDayWindow) => {
  await h.service.parseFile({ draftId: 'figures-1', fileName: 'c.csv', dataBase64: csvBase64([['55 1000 2000', 'Ana'], ['55 1000 2001', 'Luis'], ['55 1000 2002', 'Eva'], ['x', 'Mal']]) });
  return h.service.create({
    name: 'Figuras',
    audience: { kind: 'file', draftId: 'figures-1', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
    template: '{Hola|Buenas} {{nombre}}',
    accountIds: ['a1'],
    pacing: fastPacing(),
    window,
  });
};

describe('campaign figures', () => {
  it('created outside its window it waits for the window, not "sending"', async () => {
    const h = campaignHarness();
    const campaign = await create(h, { ...allDayWindow, startMinute: 10 * 60, endMinute: 20 * 60 });
    expect(campaign.status).toBe('running');
    expect(campaign.waitingUntil).toBe(MONDAY_9AM_UTC + 3_600_000);
    await h.advance(30_000);
    expect(h.sentAt.length).toBe(0);
    await h.advance(3_600_000, 10_000);
    expect(h.service.get(campaign.id).waitingUntil).toBeNull();
  });

  it('chips, totals, rows per number and progress come from one query; cancelled recipients are not done', async () => {
    const h = campaignHarness();
    const campaign = await create(h);
    await h.advance(60_000);
    const sentBefore = h.service.get(campaign.id).figures.sent;
    expect(sentBefore).toBeGreaterThan(0);
    const cancelled = h.service.cancel(campaign.id);
    const { figures } = cancelled;
    expect(figures.skipped).toBe(1);
    expect(figures.sendable).toBe(3);
    expect(figures.cancelled).toBe(3 - figures.sent - figures.sending);
    expect(figures.done).toBeLessThan(figures.sendable);
    const report = h.service.report(campaign.id);
    const { pending: _p, sending: _s, sendable: _a, done: _d, ...funnel } = figures;
    expect(report.funnel).toEqual(funnel);
    expect(report.perAccount[0]).toMatchObject({ accountId: 'a1', sent: funnel.sent, cancelled: funnel.cancelled });
    const exported = h.service.exportCsv(campaign.id);
    expect(exported.variables).toEqual(['nombre']);
    expect(exported.rows.filter((r) => r.reason === 'cancelled')).toHaveLength(funnel.cancelled);
    expect(exported.rows.find((r) => r.phone === 'x')).toMatchObject({ state: 'skipped', reason: 'invalid', values: ['Mal'] });
  });
});
