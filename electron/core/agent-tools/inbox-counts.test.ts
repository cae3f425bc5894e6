import { describe, expect, it, onTestFinished } from 'vitest';
import { openAgentToolsHarness, phoneJid } from '../testing/agent-tools-harness';
import { FakeClock } from '../testing/fake-clock';
import { readInboxCounts, startInboxCountsPublisher } from './inbox-counts';

function openCounts() {
  const h = openAgentToolsHarness();
  const clock = new FakeClock(1_700_000_000_000);
  h.clock.now = clock.now();
  const start = () => {
    const publisher = startInboxCountsPublisher({ orm: h.orm, bus: h.bus, now: clock.now, setTimer: clock.setTimeout, clearTimer: clock.clearTimeout });
    onTestFinished(() => publisher.stop());
    return publisher;
  };
  /** Changes a chat the way a handler or the ingest would: the row, then the event. */
  const change = async (chatId: number, update: { unread?: number; archived?: boolean; mutedUntil?: number | null }) => {
    if (update.unread !== undefined) h.db.prepare('UPDATE chats SET unread_count = ? WHERE id = ?').run(update.unread, chatId);
    const { unread: _, ...rest } = update;
    if (Object.keys(rest).length > 0) await h.value('chats.update', { chatId, ...rest });
    else h.bus.emit('chats.upserted', (await h.value('chats.list', { limit: 200 })).find((c) => c.id === chatId)!);
  };
  return { h, clock, start, change };
}

describe('inbox counts', () => {
  it('counts only chats that are neither archived nor muted, a mute that has ended counting again', () => {
    const { h, clock } = openCounts();
    const now = clock.now();
    h.chat({ jid: phoneJid('5215500000001'), unreadCount: 1 });
    h.chat({ jid: phoneJid('5215500000002'), unreadCount: 2, mutedUntil: now });
    h.chat({ jid: phoneJid('5215500000003'), unreadCount: 4, mutedUntil: now + 1 });
    h.chat({ jid: phoneJid('5215500000004'), unreadCount: 8, archived: true });
    expect(readInboxCounts(h.orm, now)).toEqual({ unreadChats: 2, unreadMessages: 3 });
    expect(readInboxCounts(h.orm, now + 1)).toEqual({ unreadChats: 3, unreadMessages: 7 });
  });

  it('publishes new totals when they change, and nothing when they do not', async () => {
    const { h, start, change } = openCounts();
    const a = h.chat({ jid: phoneJid('5215500000001'), unreadCount: 1 });
    const b = h.chat({ jid: phoneJid('5215500000002') });
    const publisher = start();
    expect(publisher.current()).toEqual({ unreadChats: 1, unreadMessages: 1 });

    await change(b, { unread: 2 });
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 2, unreadMessages: 3 }]);

    h.clearEvents();
    await change(b, { mutedUntil: null }); // an update that leaves the totals as they are
    await change(a, { unread: 1 });
    expect(h.emitted('inbox.counts')).toEqual([]);

    await change(a, { archived: true });
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 1, unreadMessages: 2 }]);
    h.clearEvents();
    await h.value('chats.markRead', { chatId: b });
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 0, unreadMessages: 0 }]);
    publisher.stop();
  });

  it('counts a muted chat again when its mute ends, without any event', async () => {
    const { h, clock, start, change } = openCounts();
    const a = h.chat({ jid: phoneJid('5215500000001'), unreadCount: 3 });
    start();
    await change(a, { mutedUntil: clock.now() + 60_000 });
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 0, unreadMessages: 0 }]);
    h.clearEvents();
    clock.advance(59_999);
    expect(h.emitted('inbox.counts')).toEqual([]);
    clock.advance(1);
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 1, unreadMessages: 3 }]);
  });

  it('reads the chats again when chats are merged away or an account is removed', () => {
    const { h, start } = openCounts();
    const a = h.chat({ accountId: 'acc-1', jid: phoneJid('5215500000001'), unreadCount: 1 });
    h.chat({ accountId: 'acc-2', jid: phoneJid('5215500000002'), unreadCount: 5 });
    const publisher = start();
    h.db.prepare('DELETE FROM chats WHERE id = ?').run(a);
    h.bus.emit('chats.removed', { id: a, mergedInto: null });
    expect(h.emitted('inbox.counts')).toEqual([{ unreadChats: 1, unreadMessages: 5 }]);
    h.db.prepare("DELETE FROM accounts WHERE id = 'acc-2'").run();
    h.bus.emit('account.removed', { id: 'acc-2' });
    h.bus.flush();
    expect(publisher.current()).toEqual({ unreadChats: 0, unreadMessages: 0 });
  });

  it('stops listening and waking up once stopped', async () => {
    const { h, clock, start, change } = openCounts();
    const a = h.chat({ jid: phoneJid('5215500000001'), unreadCount: 3, mutedUntil: clock.now() + 1000 });
    const publisher = start();
    expect(clock.pendingTimers).toBe(1);
    publisher.stop();
    expect(clock.pendingTimers).toBe(0);
    await change(a, { unread: 0 });
    expect(h.emitted('inbox.counts')).toEqual([]);
  });
});
