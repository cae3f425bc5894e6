import { describe, expect, it } from 'vitest';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { createResponseTracker } from './response-tracker';
import { activityStats, assistantUsage, campaignFunnel, conversationStats, liveFigures, responseStats } from './stats-store';

const zone = 'America/Mexico_City'; // UTC−6 all year
const at = (local: string) => Date.parse(`${local}-06:00`);
const MIN = 60_000;

function inbox() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'a1');
  addAccount(db, 'a2');
  let n = 0;
  const chat = (accountId: string, jid: string) =>
    Number(db.prepare("INSERT INTO chats (account_id, jid, last_message_at, status) VALUES (?, ?, 1, 'open')").run(accountId, jid).lastInsertRowid);
  const say = (chatId: number, fromMe: boolean, when: number, sentBy: 'assistant' | 'campaign' | null = null) =>
    Number(
      db
        .prepare(
          "INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status, sent_by) SELECT account_id, id, ?, ?, 'text', 'x', ?, 'received', ? FROM chats WHERE id = ?",
        )
        .run(`W${++n}`, fromMe ? 1 : 0, when, sentBy, chatId).lastInsertRowid,
    );
  const tracker = createResponseTracker(orm);
  const responses = (period: { from: number; to: number; accountId?: string }) => {
    while (tracker.processBatch(10) > 0);
    return responseStats(orm, { timeZone: zone, ...period }, tracker.pending());
  };
  return { db, orm, chat, say, tracker, responses };
}

describe('activityStats', () => {
  it('counts per local day, not per UTC day, with empty days kept', () => {
    const { orm, chat, say } = inbox();
    const ana = chat('a1', 'ana@s.whatsapp.net');
    say(ana, false, at('2026-03-02T23:30:00')); // Monday late evening: 05:30 UTC on Tuesday
    say(ana, true, at('2026-03-03T00:10:00'));
    say(ana, false, at('2026-03-04T09:00:00'));
    const stats = activityStats(orm, { from: at('2026-03-02T00:00:00'), to: at('2026-03-06T00:00:00'), timeZone: zone });
    expect(stats.days).toEqual([
      { day: '2026-03-02', received: 1, sent: 0, newConversations: 1 },
      { day: '2026-03-03', received: 0, sent: 1, newConversations: 0 },
      { day: '2026-03-04', received: 1, sent: 0, newConversations: 0 },
      { day: '2026-03-05', received: 0, sent: 0, newConversations: 0 },
    ]);
    expect(stats.totals).toEqual({ received: 2, sent: 1, newConversations: 1 });
    expect(stats.busiestHours[0]![23]).toBe(1); // Monday 23:00
    expect(stats.busiestHours[2]![9]).toBe(1); // Wednesday 09:00
    expect(stats.busiestHours.flat().reduce((a, b) => a + b)).toBe(2);
  });

  it('separates accounts, dates a conversation by its first message even when history files it later, and forgets deleted messages', () => {
    const { db, orm, chat, say } = inbox();
    const ana = chat('a1', 'ana@s.whatsapp.net');
    const beto = chat('a2', 'beto@s.whatsapp.net');
    say(ana, false, at('2026-03-03T10:00:00'));
    say(ana, false, at('2026-02-20T10:00:00')); // older history arrives afterwards
    say(beto, false, at('2026-03-03T11:00:00'));
    const gone = say(beto, true, at('2026-03-03T11:05:00'));
    db.prepare('DELETE FROM messages WHERE id = ?').run(gone);
    const period = { from: at('2026-03-01T00:00:00'), to: at('2026-03-08T00:00:00'), timeZone: zone };
    expect(activityStats(orm, period).totals).toEqual({ received: 2, sent: 0, newConversations: 1 });
    expect(activityStats(orm, { ...period, accountId: 'a1' }).totals).toEqual({ received: 1, sent: 0, newConversations: 0 });
    expect(activityStats(orm, { ...period, accountId: 'a2' }).totals).toEqual({ received: 1, sent: 0, newConversations: 1 });
  });
});

describe('responseStats', () => {
  it('measures from the first unanswered message to the first reply, across midnight', () => {
    const { chat, say, responses } = inbox();
    const ana = chat('a1', 'ana@s.whatsapp.net');
    say(ana, false, at('2026-03-02T23:50:00'));
    say(ana, false, at('2026-03-02T23:55:00')); // a second message does not restart the clock
    say(ana, true, at('2026-03-03T00:20:00'));
    say(ana, true, at('2026-03-03T00:21:00')); // a second reply is not a response
    const stats = responses({ from: at('2026-03-03T00:00:00'), to: at('2026-03-04T00:00:00') });
    expect(stats.person).toEqual({ count: 1, medianMs: 30 * MIN, p90Ms: 30 * MIN });
    expect(stats.conversationsAnswered).toBe(1);
    // Answered the next day: the response belongs to the day it was answered.
    expect(responses({ from: at('2026-03-02T00:00:00'), to: at('2026-03-03T00:00:00') }).person.count).toBe(0);
  });

  it('tells people from the assistant, ignores campaigns, and interpolates the median and 90th percentile', () => {
    const { chat, say, responses } = inbox();
    const day = (h: number, m: number) => at(`2026-03-03T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
    const chats = ['a', 'b', 'c', 'd'].map((x) => chat('a1', `${x}@s.whatsapp.net`));
    // People answer in 1, 2, 3 and 4 minutes.
    chats.forEach((c, i) => {
      say(c, false, day(9, 0));
      say(c, true, day(9, i + 1));
    });
    const bot = chat('a2', 'e@s.whatsapp.net');
    say(bot, false, day(22, 0));
    say(bot, true, day(22, 0) + 5_000, 'assistant');
    const promo = chat('a2', 'f@s.whatsapp.net');
    say(promo, false, day(10, 0));
    say(promo, true, day(10, 5), 'campaign'); // not an answer: the customer is still waiting
    say(promo, true, day(10, 30));

    const stats = responses({ from: day(0, 0), to: day(23, 59) });
    expect(stats.person.count).toBe(5);
    expect(stats.person.medianMs).toBe(3 * MIN);
    expect(stats.assistant).toEqual({ count: 1, medianMs: 5_000, p90Ms: 5_000 });
    expect(stats.conversationsAnswered).toBe(6);
    expect(stats.conversationsAnsweredByAssistant).toBe(1);
    const a1 = responses({ from: day(0, 0), to: day(23, 59), accountId: 'a1' });
    expect(a1.person).toEqual({ count: 4, medianMs: 2.5 * MIN, p90Ms: 3.7 * MIN });
  });

  it('gives the same figures on a workstation whose chat ids no longer pack with a response time', () => {
    const { db, chat, say, responses } = inbox();
    db.prepare("INSERT INTO chats (id, account_id, jid, last_message_at) VALUES (2097160, 'a1', 'big@s.whatsapp.net', 1)").run();
    const small = chat('a1', 'ana@s.whatsapp.net'); // ids continue after the big one
    const day = at('2026-03-03T09:00:00');
    say(2097160, false, day);
    say(2097160, true, day + 2 * MIN);
    say(small, false, day);
    say(small, true, day + 4 * MIN, 'assistant');
    say(small, false, day + 60 * MIN);
    say(small, true, day + 61 * MIN);
    const stats = responses({ from: day - MIN, to: day + 120 * MIN });
    expect(stats.person).toEqual({ count: 2, medianMs: 1.5 * MIN, p90Ms: 1.9 * MIN });
    expect(stats.assistant).toEqual({ count: 1, medianMs: 4 * MIN, p90Ms: 4 * MIN });
    expect([stats.conversationsAnswered, stats.conversationsAnsweredByAssistant]).toEqual([2, 1]);
  });

  it('ends with the same figures whatever order history files the messages in, and after a deletion', () => {
    const { db, chat, say, responses, tracker } = inbox();
    const ana = chat('a1', 'ana@s.whatsapp.net');
    const period = { from: at('2026-03-03T00:00:00'), to: at('2026-03-04T00:00:00') };
    say(ana, true, at('2026-03-03T10:10:00')); // the reply is filed first
    expect(responses(period).person.count).toBe(0);
    const question = say(ana, false, at('2026-03-03T10:00:00'));
    expect(tracker.pending()).toBe(1);
    expect(responses(period).person).toMatchObject({ count: 1, medianMs: 10 * MIN });
    expect(tracker.pending()).toBe(0);
    db.prepare('DELETE FROM messages WHERE id = ?').run(question);
    expect(responses(period).person.count).toBe(0);
  });
});

describe('conversationStats and liveFigures', () => {
  it('counts conversations by status, per account, and finds the newest received message', () => {
    const { db, orm, chat, say } = inbox();
    const ana = chat('a1', 'ana@s.whatsapp.net');
    chat('a1', 'beto@s.whatsapp.net');
    const caro = chat('a2', 'caro@s.whatsapp.net');
    db.prepare("UPDATE chats SET status = 'resolved' WHERE id = ?").run(caro);
    db.prepare('INSERT INTO chats (account_id, jid) VALUES (?, ?)').run('a2', 'empty@s.whatsapp.net'); // no messages: not a conversation
    expect(conversationStats(orm, undefined)).toEqual({ open: 2, pending: 0, resolved: 1 });
    expect(conversationStats(orm, 'a2')).toEqual({ open: 0, pending: 0, resolved: 1 });
    say(ana, false, at('2026-03-03T10:00:00'));
    say(ana, true, at('2026-03-03T11:00:00'));
    expect(liveFigures(orm)).toEqual({ outboxWaiting: 0, campaignsRunning: 0, lastReceivedAt: at('2026-03-03T10:00:00') });
  });
});

describe('assistantUsage', () => {
  it('sums the assistant’s days in the period, per account, with the cost exact', () => {
    const { db, orm } = inbox();
    const book = db.prepare(
      'INSERT INTO assistant_daily (account_id, day, answers, handovers, failures, prompt_tokens, completion_tokens, cost_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    book.run('a1', '2026-03-01', 9, 9, 9, 9, 9, 9); // before the period
    book.run('a1', '2026-03-02', 3, 1, 0, 1200, 300, 100_001);
    book.run('a2', '2026-03-02', 1, 0, 1, 400, 100, 200_002);
    book.run('a1', '2026-03-04', 2, 0, 0, 800, 200, 300_003);
    const period = { from: Date.parse('2026-03-02T00:00:00Z'), to: Date.parse('2026-03-05T00:00:00Z'), timeZone: 'UTC' };
    const all = assistantUsage(orm, period);
    expect(all.days.map((d) => [d.day, d.answers])).toEqual([
      ['2026-03-02', 4],
      ['2026-03-04', 2],
    ]);
    expect(all.totals).toEqual({ answers: 6, handovers: 1, failures: 1, promptTokens: 2400, completionTokens: 600, costUsd: 0.600006 });
    expect(assistantUsage(orm, { ...period, accountId: 'a2' }).totals).toMatchObject({ answers: 1, costUsd: 0.200002 });
  });
});

describe('campaignFunnel', () => {
  it('counts each recipient at every stage it passed, for those queued in the period, per account', () => {
    const { db, orm } = inbox();
    const campaign = (status: string) =>
      Number(
        db
          .prepare("INSERT INTO campaigns (name, status, template, pacing, window, start_at, created_at) VALUES ('Promo', ?, 'Hola', '{}', '{}', 0, 0)")
          .run(status).lastInsertRowid,
      );
    const running = campaign('running');
    campaign('finished');
    const add = db.prepare('INSERT INTO campaign_recipients (campaign_id, account_id, phone, state, queued_at, replied_at, opted_out_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const inPeriod = at('2026-03-03T10:00:00');
    add.run(running, 'a1', '5215500000001', 'sent', inPeriod, null, null);
    add.run(running, 'a1', '5215500000002', 'delivered', inPeriod, null, null);
    add.run(running, 'a1', '5215500000003', 'read', inPeriod, null, null);
    add.run(running, 'a2', '5215500000004', 'replied', inPeriod, inPeriod + 60_000, inPeriod + 60_000); // replied BAJA
    add.run(running, 'a2', '5215500000005', 'failed', inPeriod, null, null);
    add.run(running, 'a1', '5215500000006', 'pending', null, null, null); // not handed over yet
    add.run(running, 'a1', '5215500000007', 'read', at('2026-02-01T10:00:00'), null, null); // another period

    const period = { from: at('2026-03-01T00:00:00'), to: at('2026-03-08T00:00:00'), timeZone: zone };
    expect(campaignFunnel(orm, period)).toEqual({ queued: 5, sent: 4, delivered: 3, read: 2, replied: 1, optedOut: 1, failed: 1 });
    expect(campaignFunnel(orm, { ...period, accountId: 'a2' })).toEqual({ queued: 2, sent: 1, delivered: 1, read: 1, replied: 1, optedOut: 1, failed: 1 });
    expect(liveFigures(orm).campaignsRunning).toBe(1);
  });
});
