import type { EventBatch, EventItem, EventTopic } from '../../../shared/contract';
import { createCoalescer, type Coalescer } from './coalescer';

/** The core's outgoing events. Each subscriber (a window, a browser tab) gets its own coalesced stream. */
export interface EventBus {
  emit<T extends EventTopic>(topic: T, item: EventItem<T>): void;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Sees every emitted item at once, uncoalesced, in the emitter's call (the central-server sync records changes here). */
  tap(listener: <T extends EventTopic>(topic: T, item: EventItem<T>) => void): () => void;
  flush(): void;
}

export function createEventBus(windowMs = 50): EventBus {
  const subscribers = new Set<Coalescer>();
  const taps = new Set<<T extends EventTopic>(topic: T, item: EventItem<T>) => void>();
  return {
    emit(topic, item) {
      for (const tap of taps) tap(topic, item);
      for (const coalescer of subscribers) coalescer.push(topic, item);
    },
    subscribe(listener) {
      const coalescer = createCoalescer(listener, { windowMs });
      subscribers.add(coalescer);
      return () => {
        coalescer.dispose();
        subscribers.delete(coalescer);
      };
    },
    tap(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    flush() {
      for (const coalescer of subscribers) coalescer.flush();
    },
  };
}
