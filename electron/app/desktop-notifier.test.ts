import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../shared/contract/events';
import { chatDto, messageDto } from '../../shared/testing/dto-fixtures';
import { startDesktopNotifier } from './desktop-notifier';

function setup(focused = false) {
  let listener: (batch: EventBatch) => void = () => undefined;
  const shown: { title: string; body: string }[] = [];
  const badges: number[] = [];
  let focusCalls = 0;
  const stop = startDesktopNotifier({
    subscribe: (l) => {
      listener = l;
      return () => undefined;
    },
    notify: ({ title, body, onClick }) => {
      shown.push({ title, body });
      onClick();
    },
    setBadgeCount: (n) => badges.push(n),
    isFocused: () => focused,
    focus: () => (focusCalls += 1),
    now: () => 1_000,
  });
  return { publish: (b: EventBatch) => listener(b), shown, badges, focusCalls: () => focusCalls, stop };
}

describe('desktop notifier', () => {
  it('notifies a customer message with the chat title, and a click brings the window forward', () => {
    const t = setup();
    t.publish({ topic: 'chats.upserted', items: [chatDto({ id: 7, title: 'Ana López' })] });
    t.publish({ topic: 'messages.upserted', items: [messageDto({ id: 1, chatId: 7, text: '¿Abren mañana?' })] });
    expect(t.shown).toEqual([{ title: 'Ana López', body: '¿Abren mañana?' }]);
    expect(t.focusCalls()).toBe(1);
  });

  it('stays quiet for our own messages, status changes, muted chats and while the app has the focus', () => {
    const t = setup();
    t.publish({ topic: 'chats.upserted', items: [chatDto({ id: 7, mutedUntil: 5_000 }), chatDto({ id: 8, mutedUntil: 500 })] });
    t.publish({
      topic: 'messages.upserted',
      items: [messageDto({ id: 1, chatId: 9, fromMe: true, status: 'sent' }), messageDto({ id: 2, chatId: 7 }), messageDto({ id: 3, chatId: 8, text: 'mute expired' })],
    });
    expect(t.shown.map((s) => s.body)).toEqual(['mute expired']);
    const focused = setup(true);
    focused.publish({ topic: 'messages.upserted', items: [messageDto({ id: 4 })] });
    expect(focused.shown).toEqual([]);
  });

  it('puts the unread total on the badge', () => {
    const t = setup();
    t.publish({ topic: 'inbox.counts', items: [{ unreadChats: 2, unreadMessages: 5 }] });
    expect(t.badges).toEqual([5]);
  });
});
