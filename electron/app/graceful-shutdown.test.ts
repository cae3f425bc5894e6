import { describe, expect, it, vi } from 'vitest';
import { createGracefulShutdown } from './graceful-shutdown';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const quitEvent = () => ({ preventDefault: vi.fn() });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('graceful shutdown', () => {
  it('holds the first quit until the core has closed, then quits and lets that quit through', async () => {
    const closing = deferred();
    const quit = vi.fn();
    const shutdown = createGracefulShutdown({ close: () => closing.promise, quit, setTimer: () => undefined });
    const first = quitEvent();
    shutdown.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    await flush();
    expect(quit).not.toHaveBeenCalled();

    closing.resolve();
    await flush();
    expect(quit).toHaveBeenCalledOnce();
    const second = quitEvent();
    shutdown.onBeforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('closes the core once even if quit is requested again meanwhile', async () => {
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    const quit = vi.fn();
    const shutdown = createGracefulShutdown({ close, quit, setTimer: () => undefined });
    shutdown.onBeforeQuit(quitEvent());
    const again = quitEvent();
    shutdown.onBeforeQuit(again);
    expect(again.preventDefault).toHaveBeenCalledOnce();
    closing.resolve();
    await flush();
    expect(close).toHaveBeenCalledOnce();
    expect(quit).toHaveBeenCalledOnce();
  });

  it('still quits when closing fails', async () => {
    const quit = vi.fn();
    const log = { error: vi.fn() };
    const shutdown = createGracefulShutdown({ close: async () => Promise.reject(new Error('disk full')), quit, log, setTimer: () => undefined });
    shutdown.onBeforeQuit(quitEvent());
    await flush();
    expect(quit).toHaveBeenCalledOnce();
    expect(log.error).toHaveBeenCalled();
  });

  it('quits after the timeout when the core never finishes closing', () => {
    let fireTimer: (() => void) | undefined;
    const quit = vi.fn();
    const shutdown = createGracefulShutdown({
      close: () => new Promise<void>(() => undefined),
      quit,
      timeoutMs: 5_000,
      setTimer: (callback, ms) => {
        expect(ms).toBe(5_000);
        fireTimer = callback;
      },
      log: { error: vi.fn() },
    });
    shutdown.onBeforeQuit(quitEvent());
    expect(quit).not.toHaveBeenCalled();
    fireTimer?.();
    expect(quit).toHaveBeenCalledOnce();
  });
});
