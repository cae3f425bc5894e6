import { describe, expect, it } from 'vitest';
import type { ChatDto, EventBatch, MessageDto } from '../../../shared/contract';
import { chatDto, messageDto } from '../../../shared/testing/dto-fixtures';
import { FakeClock } from '../testing/fake-clock';
import { createCoalescer, type CoalescerOptions } from './coalescer';

const chat = (id: number, unreadCount = 0): ChatDto => chatDto({ id, jid: `52155${id}@s.whatsapp.net`, title: `Cliente ${id}`, unreadCount });

const message = (id: number): MessageDto => messageDto({ id, text: 'hola' });

function setup(options: Omit<CoalescerOptions, 'setTimer' | 'clearTimer'> = {}) {
  const clock = new FakeClock();
  const sent: EventBatch[] = [];
  const coalescer = createCoalescer((b) => sent.push(b), { windowMs: 50, ...options, setTimer: clock.setTimeout, clearTimer: clock.clearTimeout });
  return { clock, sent, coalescer };
}

describe('event coalescer', () => {
  it('sends many pushes within the window as one batch, when the window ends', () => {
    const { clock, sent, coalescer } = setup();
    for (let id = 1; id <= 20; id++) coalescer.push('chats.upserted', chat(id));
    clock.advance(49);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.topic).toBe('chats.upserted');
    expect((sent[0]!.items as ChatDto[]).map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps only the latest item per id', () => {
    const { clock, sent, coalescer } = setup();
    coalescer.push('chats.upserted', chat(1, 1));
    coalescer.push('chats.upserted', chat(2, 1));
    coalescer.push('chats.upserted', chat(1, 3));
    clock.advance(50);
    expect(sent).toEqual([{ topic: 'chats.upserted', items: [chat(2, 1), chat(1, 3)] }]);
  });

  it('batches each topic separately', () => {
    const { clock, sent, coalescer } = setup();
    coalescer.push('chats.upserted', chat(1));
    coalescer.push('messages.upserted', message(1));
    coalescer.push('messages.upserted', message(2));
    clock.advance(50);
    expect(sent).toHaveLength(2);
    expect(sent.find((b) => b.topic === 'chats.upserted')?.items).toEqual([chat(1)]);
    expect(sent.find((b) => b.topic === 'messages.upserted')?.items).toEqual([message(1), message(2)]);
  });

  it('sends at once when a batch reaches maxItems, and starts a new window after', () => {
    const { clock, sent, coalescer } = setup({ maxItems: 3 });
    coalescer.push('messages.upserted', message(1));
    coalescer.push('messages.upserted', message(2));
    expect(sent).toHaveLength(0);
    coalescer.push('messages.upserted', message(3));
    expect(sent).toEqual([{ topic: 'messages.upserted', items: [message(1), message(2), message(3)] }]);
    expect(clock.pendingTimers).toBe(0);

    coalescer.push('messages.upserted', message(4));
    clock.advance(50);
    expect(sent.at(-1)).toEqual({ topic: 'messages.upserted', items: [message(4)] });
  });

  it('flush sends what is pending now', () => {
    const { clock, sent, coalescer } = setup();
    coalescer.push('chats.upserted', chat(1));
    coalescer.flush();
    expect(sent).toEqual([{ topic: 'chats.upserted', items: [chat(1)] }]);
    clock.advance(1_000);
    expect(sent).toHaveLength(1);
  });

  it('dispose cancels pending batches and their timers', () => {
    const { clock, sent, coalescer } = setup();
    coalescer.push('chats.upserted', chat(1));
    coalescer.push('messages.upserted', message(1));
    coalescer.dispose();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(1_000);
    coalescer.flush();
    expect(sent).toEqual([]);
  });
});
