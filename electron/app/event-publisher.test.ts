import { describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../shared/contract/events';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/names';
import { startEventPublisher, type PublishTarget } from './event-publisher';

function fakeWindow(state: { destroyed?: boolean; contentsDestroyed?: boolean; sendThrows?: boolean } = {}) {
  const send = vi.fn((_channel: string, ..._args: unknown[]) => {
    if (state.sendThrows) throw new Error('Object has been destroyed');
  });
  const window: PublishTarget = {
    isDestroyed: () => state.destroyed ?? false,
    webContents: { isDestroyed: () => state.contentsDestroyed ?? false, send },
  };
  return { window, send };
}

/** A core stand-in: keeps its listeners and lets the test publish. */
function fakeCore() {
  const listeners = new Set<(batch: EventBatch) => void>();
  return {
    subscribe: (listener: (batch: EventBatch) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    publish: (batch: EventBatch) => listeners.forEach((listener) => listener(batch)),
    listenerCount: () => listeners.size,
  };
}

const batch: EventBatch = { topic: 'chats.upserted', items: [] };

describe('event publisher', () => {
  it('sends every batch on the event channel to each live window', () => {
    const core = fakeCore();
    const first = fakeWindow();
    const second = fakeWindow();
    startEventPublisher({ subscribe: core.subscribe, windows: () => [first.window, second.window] });
    core.publish(batch);
    expect(first.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, batch);
    expect(second.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, batch);
  });

  it('skips destroyed windows and destroyed contents', () => {
    const core = fakeCore();
    const closed = fakeWindow({ destroyed: true });
    const crashed = fakeWindow({ contentsDestroyed: true });
    const live = fakeWindow();
    startEventPublisher({ subscribe: core.subscribe, windows: () => [closed.window, crashed.window, live.window] });
    core.publish(batch);
    expect(closed.send).not.toHaveBeenCalled();
    expect(crashed.send).not.toHaveBeenCalled();
    expect(live.send).toHaveBeenCalledOnce();
  });

  it('keeps delivering to other windows when one send throws', () => {
    const core = fakeCore();
    const broken = fakeWindow({ sendThrows: true });
    const live = fakeWindow();
    const log = { warn: vi.fn() };
    startEventPublisher({ subscribe: core.subscribe, windows: () => [broken.window, live.window], log });
    expect(() => core.publish(batch)).not.toThrow();
    expect(live.send).toHaveBeenCalledOnce();
    expect(log.warn).toHaveBeenCalled();
  });

  it('reaches windows opened after it started, and stops when unsubscribed', () => {
    const core = fakeCore();
    const windows: PublishTarget[] = [];
    const stop = startEventPublisher({ subscribe: core.subscribe, windows: () => windows });
    const late = fakeWindow();
    windows.push(late.window);
    core.publish(batch);
    expect(late.send).toHaveBeenCalledOnce();
    stop();
    expect(core.listenerCount()).toBe(0);
    core.publish(batch);
    expect(late.send).toHaveBeenCalledOnce();
  });
});
