import { events, type EventBatch, type EventItem, type EventTopic } from '../../../shared/contract';

export interface Coalescer {
  push<T extends EventTopic>(topic: T, item: EventItem<T>): void;
  /** Sends what is pending now (used at shutdown). */
  flush(): void;
  dispose(): void;
}

export interface CoalescerOptions {
  windowMs?: number;
  /** A batch larger than this is sent at once instead of waiting for the window to end. */
  maxItems?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Groups events per topic for at most `windowMs`, keeping only the latest item per id (as Signal
 * Desktop does for conversation updates): a burst of 500 status changes becomes one small batch.
 */
export function createCoalescer(send: (batch: EventBatch) => void, options: CoalescerOptions = {}): Coalescer {
  const { windowMs = 50, maxItems = 500 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  const pending = new Map<EventTopic, Map<string, unknown>>();
  const timers = new Map<EventTopic, unknown>();

  const flushTopic = (topic: EventTopic) => {
    const timer = timers.get(topic);
    if (timer !== undefined) clearTimer(timer);
    timers.delete(topic);
    const items = pending.get(topic);
    pending.delete(topic);
    if (items && items.size > 0) send({ topic, items: [...items.values()] } as EventBatch);
  };

  return {
    push(topic, item) {
      let items = pending.get(topic);
      if (!items) pending.set(topic, (items = new Map()));
      const key = (events[topic].key as (i: EventItem<typeof topic>) => string)(item);
      items.delete(key); // re-insert so the batch keeps the order of the latest updates
      items.set(key, item);
      if (items.size >= maxItems) flushTopic(topic);
      else if (!timers.has(topic)) timers.set(topic, setTimer(() => flushTopic(topic), windowMs));
    },
    flush() {
      for (const topic of [...pending.keys()]) flushTopic(topic);
    },
    dispose() {
      for (const timer of timers.values()) clearTimer(timer);
      timers.clear();
      pending.clear();
    },
  };
}
