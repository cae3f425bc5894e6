import { describe, expect, it } from 'vitest';
import type { CampaignDto } from '../../../shared/contract';
import { allDayWindow, csvBase64, fastPacing, MONDAY_9AM_UTC } from '../testing/campaign-harness';
import { reachOutHarness, type ReachOutHarness } from '../testing/reach-out-harness';
import { REACH_OUT_FALLBACK_MS } from '../whatsapp/reach-out-policy';
import { HOUR_MS } from './pacing';

const phone = (i: number) => `52551000${String(1000 + i)}`;
const jid = (i: number) => `${phone(i)}@s.whatsapp.net`;

async function launch(h: ReachOutHarness, n: number): Promise<CampaignDto> {
  const draftId = `draft-${Math.random().toString(36).slice(2)}`;
  const rows = Array.from({ length: n }, (_, i): [string, string] => [`+${phone(i)}`, `Cliente ${i + 1}`]);
  await h.service.parseFile({ draftId, fileName: 'clientes.csv', dataBase64: csvBase64(rows) });
  return h.service.create({
    name: 'Promo',
    audience: { kind: 'file', draftId, phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
    template: 'Hola {{nombre}}, hay pan dulce.',
    accountIds: h.accountIds,
    pacing: fastPacing({ minDelaySec: 20, maxDelaySec: 30 }),
    window: allDayWindow,
  });
}

const recipient = (h: ReachOutHarness, i: number) =>
  h.orm.$client.prepare('SELECT account_id AS accountId, state, reason FROM campaign_recipients WHERE phone = ?').get(phone(i)) as { accountId: string; state: string; reason: string | null };
const attemptsTo = (h: ReachOutHarness, i: number) => h.sentAt.filter((s) => s.jid === jid(i));
const lockOf = (h: ReachOutHarness, accountId: string) => h.orm.$client.prepare('SELECT reach_out_locked_until FROM accounts WHERE id = ?').pluck().get(accountId) as number | null;

describe("WhatsApp's reach-out lock in a campaign", () => {
  it('a 463 on a first contact locks the number: no more new contacts from it, while people it already talks to still get theirs', async () => {
    const h = reachOutHarness();
    const lockEnds = MONDAY_9AM_UTC + 3 * HOUR_MS;
    h.server.timelock = { isActive: true, timeEnforcementEnds: new Date(lockEnds) };
    h.customerWrote('a1', phone(1));
    h.customerWrote('a1', phone(3));
    h.refusing.add(`a1>${jid(0)}`);
    const campaign = await launch(h, 4);
    await h.advance(2 * HOUR_MS);

    expect(lockOf(h, 'a1')).toBe(lockEnds);
    expect(h.fetches).toEqual(['a1']);
    expect(h.sentAt.map((s) => s.jid)).toEqual([jid(0), jid(1), jid(3)]);
    expect(recipient(h, 0)).toEqual({ accountId: 'a1', state: 'pending', reason: 'reach_out_locked' });
    expect(recipient(h, 2)).toMatchObject({ state: 'pending' });
    expect(h.service.get(campaign.id)).toMatchObject({ status: 'running', counts: { sent: 2, pending: 2, failed: 0 }, accounts: [{ pausedReason: null }] });
    // The refused message stays failed in its chat; the recipient is not failed for good.
    expect(h.orm.$client.prepare("SELECT count(*) FROM messages WHERE status = 'failed'").pluck().get()).toBe(1);
  });

  it('with one number the new contacts wait, and go once after the lock ends', async () => {
    const h = reachOutHarness();
    const lockEnds = MONDAY_9AM_UTC + 3 * HOUR_MS;
    h.server.timelock = { isActive: true, timeEnforcementEnds: new Date(lockEnds) };
    h.refusing.add(`a1>${jid(0)}`);
    const campaign = await launch(h, 3);
    await h.advance(2 * HOUR_MS);
    // A 463 never brings a resend while the lock lasts.
    expect(attemptsTo(h, 0)).toHaveLength(1);
    expect(h.sentAt).toHaveLength(1);

    h.refusing.clear();
    await h.advance(2 * HOUR_MS);
    expect(attemptsTo(h, 0)).toHaveLength(2);
    expect(attemptsTo(h, 0)[1]!.at).toBeGreaterThanOrEqual(lockEnds);
    expect(h.sentAt.map((s) => s.jid).sort()).toEqual([jid(0), jid(0), jid(1), jid(2)]);
    expect(h.service.get(campaign.id)).toMatchObject({ status: 'finished', counts: { sent: 3, failed: 0 } });
    expect(lockOf(h, 'a1')).toBeNull();
  });

  it('with several numbers the locked one hands its new contacts to the others and the campaign finishes there', async () => {
    const h = reachOutHarness({ accounts: ['a1', 'a2'] });
    h.server.timelock = { isActive: true, timeEnforcementEnds: new Date(MONDAY_9AM_UTC + 24 * HOUR_MS) };
    h.customerWrote('a1', phone(2));
    h.refusing.add(`a1>${jid(0)}`);
    const campaign = await launch(h, 6);
    expect([0, 2, 4].map((i) => recipient(h, i).accountId)).toEqual(['a1', 'a1', 'a1']);
    await h.advance(2 * HOUR_MS);

    expect(h.service.get(campaign.id)).toMatchObject({ status: 'finished', counts: { sent: 6, failed: 0, pending: 0 } });
    expect(lockOf(h, 'a1')).toBe(MONDAY_9AM_UTC + 24 * HOUR_MS);
    // a1 tried its first contact (refused) and still wrote to the person it knew; a2 took the rest.
    expect(h.sentAt.filter((s) => s.accountId === 'a1').map((s) => s.jid)).toEqual([jid(0), jid(2)]);
    expect(recipient(h, 0)).toMatchObject({ accountId: 'a2', state: 'sent' });
    expect(recipient(h, 4)).toMatchObject({ accountId: 'a2', state: 'sent' });
    expect(attemptsTo(h, 0)).toHaveLength(2);
  });

  it('when WhatsApp cannot say until when, the number stays locked for the conservative default', async () => {
    for (const answer of [new Error('mex query failed'), { isActive: false }]) {
      const h = reachOutHarness();
      h.server.timelock = answer;
      h.refusing.add(`a1>${jid(0)}`);
      await launch(h, 2);
      await h.advance(10 * 60_000);
      const refusedAt = h.sentAt[0]!.at;
      expect(lockOf(h, 'a1')).toBeGreaterThanOrEqual(refusedAt + REACH_OUT_FALLBACK_MS - 60_000);
      expect(lockOf(h, 'a1')).toBeLessThanOrEqual(refusedAt + REACH_OUT_FALLBACK_MS + 60_000);
      expect(h.sentAt).toHaveLength(1);
      expect(h.fetches).toEqual(['a1']);
    }
  });

  it('a lock WhatsApp announces stops new contacts before any is tried, and its lifting lets them go', async () => {
    const h = reachOutHarness();
    h.customerWrote('a1', phone(1));
    h.locks.fromWhatsApp('a1', { isActive: true, timeEnforcementEnds: new Date(MONDAY_9AM_UTC + 10 * HOUR_MS) });
    const campaign = await launch(h, 3);
    await h.advance(HOUR_MS);
    expect(h.sentAt.map((s) => s.jid)).toEqual([jid(1)]);

    h.locks.fromWhatsApp('a1', { isActive: false });
    expect(lockOf(h, 'a1')).toBeNull();
    await h.advance(HOUR_MS);
    expect(h.service.get(campaign.id)).toMatchObject({ status: 'finished', counts: { sent: 3 } });
  });

  it('a 463 to someone the number already talks with is not a reach-out lock: no lock unless WhatsApp confirms one', async () => {
    const h = reachOutHarness();
    h.customerWrote('a1', phone(0));
    h.refusing.add(`a1>${jid(0)}`);
    await launch(h, 2);
    await h.advance(HOUR_MS);
    expect(h.fetches).toEqual(['a1']);
    expect(lockOf(h, 'a1')).toBeNull();
    expect(recipient(h, 0)).toMatchObject({ state: 'failed' });
    expect(recipient(h, 1)).toMatchObject({ state: 'sent' });
  });
});
