import { describe, expect, it } from 'vitest';
import type { CampaignDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { allDayWindow, campaignHarness, csvBase64, fastPacing, MONDAY_9AM_UTC, type CampaignHarness } from '../testing/campaign-harness';
import { ACK_GRACE_MS } from './campaign-runner';
import { DAY_MS, HOUR_MS } from './pacing';

const phones = (n: number): [string, string][] => Array.from({ length: n }, (_, i) => [`+52 55 1000 ${String(1000 + i)}`, `Cliente ${i + 1}`]);

async function launch(h: CampaignHarness, n: number, patch: Partial<Parameters<CampaignHarness['service']['create']>[0]> = {}): Promise<CampaignDto> {
  const draftId = `draft-${Math.random().toString(36).slice(2)}`;
  await h.service.parseFile({ draftId, fileName: 'clientes.csv', dataBase64: csvBase64(phones(n)) });
  return h.service.create({
    name: 'Promo',
    audience: { kind: 'file', draftId, phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
    template: '{Hola|Buenas} {{nombre}}, tenemos pan recién hecho.',
    accountIds: h.accountIds,
    pacing: fastPacing(),
    window: allDayWindow,
    ...patch,
  });
}

const states = (h: CampaignHarness, campaignId: number) =>
  h.orm.$client.prepare('SELECT state, count(*) AS n FROM campaign_recipients WHERE campaign_id = ? GROUP BY state').all(campaignId) as { state: string; n: number }[];
const queued = (h: CampaignHarness) =>
  (h.orm.$client.prepare('SELECT queued_at FROM campaign_recipients WHERE queued_at IS NOT NULL ORDER BY queued_at').pluck().all() as number[]);

describe('the campaign scheduler under fake time', () => {
  it('sends at a random delay inside the configured range, never a fixed interval, with a long pause every N', async () => {
    const h = campaignHarness();
    await launch(h, 12, { pacing: fastPacing({ minDelaySec: 20, maxDelaySec: 45, pauseEvery: 5, pauseMinSec: 300, pauseMaxSec: 600 }) });
    await h.advance(2 * HOUR_MS);
    const times = queued(h);
    expect(times).toHaveLength(12);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Typing shows for 2–4 s before each message, on top of the delay.
    gaps.forEach((gap, i) => {
      const afterPause = (i + 1) % 5 === 0;
      const [lo, hi] = afterPause ? [20_000 + 300_000, 45_000 + 600_000 + 4_000] : [20_000, 45_000 + 4_000 + 1_000];
      expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(lo);
      expect(gap, `gap ${i + 1}`).toBeLessThanOrEqual(hi);
    });
    expect(new Set(gaps.map((g) => Math.round(g / 1000))).size).toBeGreaterThan(5);
    expect(h.sentAt).toHaveLength(12);
    expect(states(h, 1)).toEqual([{ state: 'sent', n: 12 }]);
  });

  it('shows "typing…" to each recipient before its message goes', async () => {
    const h = campaignHarness();
    await launch(h, 3);
    await h.advance(10 * 60_000);
    expect(h.presence.map((p) => p.jid)).toEqual(['525510001000@s.whatsapp.net', '525510001001@s.whatsapp.net', '525510001002@s.whatsapp.net']);
    for (const [i, p] of h.presence.entries()) {
      expect(p.type).toBe('composing');
      expect(queued(h)[i]! - p.at).toBeGreaterThanOrEqual(2_000);
    }
  });

  it('stops at the hourly cap and goes on when the oldest send leaves the hour', async () => {
    const h = campaignHarness();
    await launch(h, 8, { pacing: fastPacing({ minDelaySec: 2, maxDelaySec: 3, hourlyCap: 5 }) });
    await h.advance(30 * 60_000);
    expect(queued(h)).toHaveLength(5);
    await h.advance(45 * 60_000);
    const times = queued(h);
    expect(times).toHaveLength(8);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(HOUR_MS);
  });

  it('keeps to the daily cap over a rolling day', async () => {
    const h = campaignHarness();
    await launch(h, 6, { pacing: fastPacing({ minDelaySec: 2, maxDelaySec: 3, dailyCap: 4 }) });
    await h.advance(20 * HOUR_MS, 60_000);
    expect(queued(h)).toHaveLength(4);
    await h.advance(5 * HOUR_MS, 60_000);
    expect(queued(h)).toHaveLength(6);
  });

  it('warms up a number paired today: a small daily cap that grows day by day', async () => {
    const h = campaignHarness({ pairedAt: MONDAY_9AM_UTC - HOUR_MS });
    await launch(h, 40, { pacing: fastPacing({ minDelaySec: 2, maxDelaySec: 3, warmup: true, dailyCap: 300, hourlyCap: 60 }) });
    await h.advance(12 * HOUR_MS, 60_000);
    // Day 1 of 14: 300/14 ≈ 21 a day.
    expect(queued(h)).toHaveLength(21);
  });

  it('sends only inside the window: hours and weekdays in the campaign time zone', async () => {
    // Friday 19:58 in Mexico City; the window is Mon–Fri 9–20.
    const fridayEvening = Date.UTC(2024, 0, 19, 19 + 6, 58);
    const h = campaignHarness({ start: fridayEvening });
    await launch(h, 5, {
      pacing: fastPacing({ minDelaySec: 30, maxDelaySec: 40 }),
      window: { timeZone: 'America/Mexico_City', startMinute: 9 * 60, endMinute: 20 * 60, weekdays: [1, 2, 3, 4, 5] },
    });
    await h.advance(3 * DAY_MS + 4 * HOUR_MS, 60_000);
    const times = queued(h);
    expect(times.length).toBe(5);
    const mondayNine = Date.UTC(2024, 0, 22, 15, 0);
    const friday = times.filter((t) => t < mondayNine);
    expect(friday.length).toBeLessThanOrEqual(4);
    for (const t of times.slice(friday.length)) expect(t).toBeGreaterThanOrEqual(mondayNine);
  });

  it('spreads recipients across the chosen accounts', async () => {
    const h = campaignHarness({ accounts: ['a1', 'a2'] });
    await launch(h, 10);
    const perAccount = h.orm.$client.prepare('SELECT account_id AS a, count(*) AS n FROM campaign_recipients GROUP BY account_id ORDER BY a').all();
    expect(perAccount).toEqual([
      { a: 'a1', n: 5 },
      { a: 'a2', n: 5 },
    ]);
  });

  it('records which spintax variant each recipient got and sends the personalised text', async () => {
    const h = campaignHarness();
    await launch(h, 6);
    await h.advance(HOUR_MS);
    const rows = h.orm.$client.prepare('SELECT r.variant, m.text FROM campaign_recipients r JOIN messages m ON m.id = r.message_id ORDER BY r.id').all() as { variant: string; text: string }[];
    expect(rows).toHaveLength(6);
    rows.forEach((row, i) => {
      expect(row.text).toBe(`${row.variant === '0' ? 'Hola' : 'Buenas'} Cliente ${i + 1}, tenemos pan recién hecho.`);
    });
    const report = h.service.report(1);
    expect(report.perVariant.map((v) => v.variant).every((v) => v === '0' || v === '1')).toBe(true);
    expect(report.perVariant.reduce((n, v) => n + v.sent, 0)).toBe(6);
    expect(report.perVariant.find((v) => v.variant === '1')?.example ?? 'Buenas {{nombre}}, tenemos pan recién hecho.').toBe('Buenas {{nombre}}, tenemos pan recién hecho.');
  });

  it('a reply with an opt-out keyword suppresses the number everywhere, confirms, and no campaign messages it again', async () => {
    const h = campaignHarness({ accounts: ['a1'] });
    const first = await launch(h, 2);
    await h.advance(5 * 60_000);
    const chat = h.orm.$client.prepare("SELECT id FROM chats WHERE jid = '525510001000@s.whatsapp.net'").get() as { id: number };
    h.runner.onInbound({ id: 999, chatId: chat.id, accountId: 'a1', fromMe: false, text: '¡No más!' } as never);
    expect(h.replies).toEqual([{ chatId: chat.id, text: expect.stringContaining('no te enviaremos') }]);
    expect(h.orm.$client.prepare('SELECT phone FROM suppressions').pluck().all()).toEqual(['525510001000']);
    expect(h.orm.$client.prepare('SELECT opted_out_at IS NOT NULL FROM campaign_recipients WHERE campaign_id = ? AND phone = ?').pluck().get(first.id, '525510001000')).toBe(1);
    // A second campaign to the same list skips that number before launch.
    const second = await launch(h, 2);
    expect(second.counts).toMatchObject({ pending: 1, skipped: 1 });
    await expect(launch(h, 1)).rejects.toMatchObject({ code: 'NO_VALID_RECIPIENTS' });
  });

  it('a reply marks the recipient replied', async () => {
    const h = campaignHarness();
    await launch(h, 1);
    await h.advance(60_000);
    const chat = h.orm.$client.prepare('SELECT id FROM chats').get() as { id: number };
    h.runner.onInbound({ id: 999, chatId: chat.id, accountId: 'a1', fromMe: false, text: 'Quiero dos' } as never);
    expect(states(h, 1)).toEqual([{ state: 'replied', n: 1 }]);
    expect(h.replies).toEqual([]);
  });

  it('brakes an account after an error acknowledgement and tells why', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 5);
    await h.advance(60_000);
    const first = h.orm.$client.prepare('SELECT message_id FROM campaign_recipients WHERE state = ?').pluck().get('sent') as number;
    h.orm.$client.prepare("UPDATE messages SET status = 'failed', error = 'error 463' WHERE id = ?").run(first);
    const { messageDtoOf } = await import('../inbox/message-store');
    const { getMessageById } = await import('../outbox/outbox-store');
    h.bus.emit('messages.upserted', messageDtoOf(h.orm, getMessageById(h.orm, first)!));
    await h.advance(HOUR_MS);
    expect(h.service.get(campaign.id).accounts).toEqual([{ accountId: 'a1', pausedReason: 'error_ack', pausedDetail: 'error 463' }]);
    expect(queued(h).length).toBeLessThan(5);
    h.service.resume(campaign.id);
    await h.advance(HOUR_MS);
    expect(queued(h)).toHaveLength(5);
  });

  it('brakes an account when too many sends fail', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 10, { pacing: fastPacing({ failureBrakePct: 30 }) });
    h.outcomes.push('bad', 'bad', 'bad');
    await h.advance(HOUR_MS);
    expect(h.service.get(campaign.id).accounts[0]!.pausedReason).toBe('failure_rate');
    expect(queued(h)).toHaveLength(3);
  });

  it('brakes an account that drops while its campaign runs', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 5);
    h.runner.onAccountStatus({ id: 'a1', state: 'connected', reason: null } as never);
    await h.advance(60_000);
    h.connected.delete('a1');
    h.runner.onAccountStatus({ id: 'a1', state: 'reconnecting', reason: 'Connection Lost' } as never);
    expect(h.service.get(campaign.id).accounts[0]).toMatchObject({ pausedReason: 'disconnected', pausedDetail: 'Connection Lost' });
  });

  it('pause stops new sends; resume goes on; cancel skips the rest', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 6);
    await h.advance(60_000);
    const before = queued(h).length;
    h.service.pause(campaign.id);
    await h.advance(HOUR_MS);
    expect(queued(h).length).toBe(before);
    h.service.resume(campaign.id);
    await h.advance(70_000);
    expect(queued(h).length).toBeGreaterThan(before);
    const cancelled = h.service.cancel(campaign.id);
    expect(cancelled.status).toBe('cancelled');
    await h.advance(HOUR_MS);
    expect(cancelled.counts.skipped + cancelled.counts.sent + cancelled.counts.sending).toBe(6);
  });

  it('a removed account skips its waiting recipients so the campaign can finish', async () => {
    const h = campaignHarness({ accounts: ['a1', 'a2'] });
    h.connected.delete('a2');
    const campaign = await launch(h, 4);
    await h.advance(10 * 60_000);
    expect(h.service.get(campaign.id).status).toBe('running');
    h.bus.emit('account.removed', { id: 'a2' });
    await h.advance(1_000);
    expect(h.service.get(campaign.id)).toMatchObject({ status: 'finished', counts: { sent: 2, skipped: 2 } });
  });

  it('finishes the campaign when the last recipient is sent', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 2);
    await h.advance(10 * 60_000);
    expect(h.service.get(campaign.id)).toMatchObject({ status: 'finished', estimatedFinishAt: null });
  });

  it('a scheduled campaign waits for its start', async () => {
    const h = campaignHarness();
    const campaign = await launch(h, 1, { startAt: MONDAY_9AM_UTC + 2 * HOUR_MS });
    expect(campaign.status).toBe('scheduled');
    await h.advance(HOUR_MS);
    expect(queued(h)).toHaveLength(0);
    await h.advance(2 * HOUR_MS);
    expect(queued(h)).toHaveLength(1);
  });

  it('refuses bad campaigns with typed errors and writes nothing', async () => {
    const h = campaignHarness();
    await expect(launch(h, 2, { template: '   ' })).rejects.toMatchObject({ code: 'EMPTY_MESSAGE' });
    await expect(launch(h, 2, { window: { ...allDayWindow, weekdays: [] } })).rejects.toMatchObject({ code: 'WINDOW_NEVER_OPENS' });
    await expect(launch(h, 2, { window: { ...allDayWindow, startMinute: 600, endMinute: 600 } })).rejects.toMatchObject({ code: 'WINDOW_NEVER_OPENS' });
    const draftId = 'bad-numbers';
    await h.service.parseFile({ draftId, fileName: 'x.csv', dataBase64: csvBase64([['12', 'A'], ['abc', 'B']]) });
    await expect(
      h.service.create({ name: 'X', audience: { kind: 'file', draftId, phoneColumns: [0], variables: [] }, template: 'Hola', accountIds: ['a1'], pacing: fastPacing(), window: allDayWindow }),
    ).rejects.toThrow(AppError);
    expect(h.orm.$client.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(0);
    expect(h.orm.$client.prepare('SELECT count(*) FROM campaign_recipients').pluck().get()).toBe(0);
  });

  it('after a crash, a recipient left sending follows what its message shows', async () => {
    const h = campaignHarness();
    await launch(h, 1);
    await h.advance(60_000);
    h.orm.$client.prepare("UPDATE campaign_recipients SET state = 'sending'").run();
    h.runner.reconcile();
    expect(states(h, 1)).toEqual([{ state: 'sent', n: 1 }]);
  });

  it('a message written but never acknowledged by the server stays sending, and after a crash goes again with the same id', async () => {
    const h = campaignHarness();
    h.setServerAcks(false);
    await launch(h, 2);
    await h.advance(40_000);
    expect(h.sentAt).toHaveLength(1);
    expect(states(h, 1)).toEqual([
      { state: 'pending', n: 1 },
      { state: 'sending', n: 1 },
    ]);
    const waId = h.orm.$client.prepare("SELECT m.wa_id FROM campaign_recipients r JOIN messages m ON m.id = r.message_id WHERE r.state = 'sending'").pluck().get() as string;
    // The process dies here; at the next start the unacknowledged message is queued again, same id.
    h.runner.stop();
    h.runner.reconcile();
    expect(h.orm.$client.prepare("SELECT m.status FROM messages m WHERE m.wa_id = ?").pluck().get(waId)).toBe('queued');
    expect(h.orm.$client.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    h.runner.onServerAck('a1', waId);
    expect(h.orm.$client.prepare('SELECT acked_at IS NOT NULL FROM campaign_recipients WHERE message_id IS NOT NULL').pluck().get()).toBe(1);
  });

  it('an acknowledgement makes the send certain; without one it is presumed after a grace period', async () => {
    const h = campaignHarness();
    h.setServerAcks(false);
    const campaign = await launch(h, 1);
    await h.advance(30_000);
    expect(h.service.get(campaign.id).status).toBe('running');
    await h.advance(ACK_GRACE_MS + 5_000);
    expect(states(h, 1)).toEqual([{ state: 'sent', n: 1 }]);
    expect(h.service.get(campaign.id).status).toBe('finished');
  });

  it('estimates the finish with the same rules', async () => {
    const h = campaignHarness();
    const pacing = fastPacing({ minDelaySec: 20, maxDelaySec: 40, pauseEvery: 1000, hourlyCap: 1000, dailyCap: 100_000 });
    // 61 messages at a mean of 30 s: 60 gaps.
    const { finishAt } = h.service.estimate({ recipients: 61, accountIds: ['a1'], pacing, window: allDayWindow });
    expect(finishAt).toBe(MONDAY_9AM_UTC + 60 * 30_000);
    const capped = h.service.estimate({ recipients: 61, accountIds: ['a1'], pacing: { ...pacing, hourlyCap: 30 }, window: allDayWindow });
    expect(capped.finishAt).toBeGreaterThanOrEqual(MONDAY_9AM_UTC + 2 * HOUR_MS);
  });
});
