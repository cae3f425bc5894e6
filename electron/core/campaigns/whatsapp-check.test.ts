import { describe, expect, it } from 'vitest';
import type { WhatsAppCheckProgressDto } from '../../../shared/contract';
import { allDayWindow, campaignHarness, csvBase64, fastPacing, type CampaignHarness } from '../testing/campaign-harness';
import { DAY_MS } from './pacing';

/** n Mexican mobile numbers, as typed in a spreadsheet, and the digits they normalise to. */
const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ typed: `55 2000 ${String(1000 + from + i)}`, digits: `52552000${String(1000 + from + i)}` }));

async function loadFile(h: CampaignHarness, list: { typed: string }[]) {
  await h.service.parseFile({ draftId: 'numbers', fileName: 'n.csv', dataBase64: csvBase64(list.map((p, i) => [p.typed, `Cliente ${i}`])) });
  return { kind: 'file' as const, draftId: 'numbers', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] };
}

const progress = (h: CampaignHarness): WhatsAppCheckProgressDto[] => {
  h.bus.flush();
  return h.batches.filter((b) => b.topic === 'campaigns.whatsAppCheck').flatMap((b) => b.items as WhatsAppCheckProgressDto[]);
};

describe('the "is it on WhatsApp?" check before a campaign', () => {
  it('asks WhatsApp in batches, lists the numbers it does not know, and asks nothing twice', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    const list = people(120);
    list.filter((_, i) => i % 3 !== 0).forEach((p) => h.numbers.users.add(p.digits));
    const audience = await loadFile(h, list);

    const check = await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(check).toMatchObject({ valid: 80, notOnWhatsApp: 40, whatsAppUnknown: 0 });
    expect(check.problems.filter((p) => p.reason === 'not_on_whatsapp').map((p) => p.line)).toEqual(list.flatMap((_, i) => (i % 3 === 0 ? [i + 2] : [])));
    expect(h.numbers.lookups.map((l) => l.length)).toEqual([50, 50, 20]);
    expect(h.numbers.lookups[0]![0]).toBe(`${list[0]!.digits}@s.whatsapp.net`);
    expect(progress(h).at(-1)).toEqual({ checked: 120, total: 120, done: true });

    // Answers are cached: the same check asks WhatsApp nothing.
    const again = await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(again).toMatchObject({ valid: 80, notOnWhatsApp: 40 });
    expect(h.numbers.lookups).toHaveLength(3);
    // Without the check, everyone valid stays in.
    expect(await h.service.checkAudience({ audience, accountIds: ['a1'] })).toMatchObject({ valid: 120, notOnWhatsApp: 0, whatsAppUnknown: null });
  });

  it('skips the numbers WhatsApp does not know when the campaign asks for it, with that reason', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    const list = people(4);
    h.numbers.users.add(list[0]!.digits);
    h.numbers.users.add(list[1]!.digits);
    const audience = await loadFile(h, list);
    await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    const base = { name: 'Promo', audience, template: 'Hola {{nombre}}', accountIds: ['a1'], pacing: fastPacing(), window: allDayWindow };
    const skipping = await h.service.create({ ...base, skipNotOnWhatsApp: true });
    expect(skipping.counts).toMatchObject({ total: 4, pending: 2, skipped: 2 });
    const reasons = h.db.prepare('SELECT phone, reason FROM campaign_recipients WHERE campaign_id = ? AND state = ? ORDER BY phone').all(skipping.id, 'skipped');
    expect(reasons).toEqual([list[2], list[3]].map((p) => ({ phone: p!.digits, reason: 'not_on_whatsapp' })));
    const everyone = await h.service.create({ ...base, skipNotOnWhatsApp: false });
    expect(everyone.counts).toMatchObject({ total: 4, pending: 4 });
  });

  it('asks again about a "no" after a week and a "yes" after a month; unclear answers stay unknown and in the audience', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    const [yes, no, unclear] = people(3);
    h.numbers.users.add(yes!.digits);
    h.numbers.unanswered.add(unclear!.digits);
    const audience = await loadFile(h, [yes!, no!, unclear!]);
    const first = await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(first).toMatchObject({ valid: 2, notOnWhatsApp: 1, whatsAppUnknown: 1 });

    h.clock.advance(8 * DAY_MS);
    h.numbers.users.add(no!.digits); // joined WhatsApp since
    const later = await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(later).toMatchObject({ valid: 3, notOnWhatsApp: 0, whatsAppUnknown: 1 });
    expect(h.numbers.lookups.at(-1)).toEqual([`${no!.digits}@s.whatsapp.net`, `${unclear!.digits}@s.whatsapp.net`]);

    h.clock.advance(25 * DAY_MS);
    await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(h.numbers.lookups.at(-1)).toContain(`${yes!.digits}@s.whatsapp.net`);
  });

  it('needs a connected real number, and a dropped connection keeps what was checked for next time', async () => {
    const h = campaignHarness({ accounts: ['a1', 'p1'], practice: ['p1'] });
    const list = people(120);
    const audience = await loadFile(h, list);
    await expect(h.service.checkAudience({ audience, accountIds: ['p1'], checkWhatsApp: true })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    h.connected.delete('a1');
    await expect(h.service.checkAudience({ audience, accountIds: ['a1', 'p1'], checkWhatsApp: true })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_CONNECTED' });
    expect(h.numbers.lookups).toHaveLength(0);

    h.connected.add('a1');
    h.numbers.failAfter = 1;
    await expect(h.service.checkAudience({ audience, accountIds: ['a1', 'p1'], checkWhatsApp: true })).rejects.toThrow(/after 50 of 120/);
    expect(progress(h).at(-1)).toEqual({ checked: 50, total: 120, done: true });
    h.numbers.failAfter = undefined;
    const resumed = await h.service.checkAudience({ audience, accountIds: ['a1', 'p1'], checkWhatsApp: true });
    expect(resumed).toMatchObject({ notOnWhatsApp: 120, whatsAppUnknown: 0 });
    expect(h.numbers.lookups.map((l) => l.length)).toEqual([50, 50, 20]);
  });
});

describe('stopping the WhatsApp check', () => {
  it('ends after the batch on the wire and answers with what is known; the rest stays unknown and in the audience', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    const list = people(120);
    const audience = await loadFile(h, list);
    const ask = h.numbers.onWhatsApp;
    h.numbers.onWhatsApp = async (...jids) => {
      const answer = await ask(...jids);
      if (h.numbers.lookups.length === 1) h.service.stopWhatsAppCheck();
      return answer;
    };
    const stopped = await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true });
    expect(stopped).toMatchObject({ valid: 70, notOnWhatsApp: 50, whatsAppUnknown: 70 });
    expect(progress(h).at(-1)).toEqual({ checked: 50, total: 120, done: true });
    // A stop with nothing running changes nothing: the next check goes to the end.
    h.numbers.onWhatsApp = ask;
    h.service.stopWhatsAppCheck();
    expect(await h.service.checkAudience({ audience, accountIds: ['a1'], checkWhatsApp: true })).toMatchObject({ notOnWhatsApp: 120, whatsAppUnknown: 0 });
  });
});
