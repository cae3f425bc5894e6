export interface GracefulShutdownDeps {
  /** Closes the core (flush writes, close sockets and the database). */
  close(): Promise<void>;
  /** `app.quit`; called again once closing is done, which re-enters `onBeforeQuit`. */
  quit(): void;
  /** Upper bound for `close()`: a hung socket must not keep the app alive forever. */
  timeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  log?: Pick<Console, 'error'>;
}

/**
 * Electron quits without awaiting anything, so `before-quit` is held once: the first call
 * prevents the quit, closes the core, then quits again; that second `before-quit` passes.
 * Further quit requests while closing (a second Ctrl+C) are absorbed rather than racing the close.
 */
export function createGracefulShutdown(deps: GracefulShutdownDeps) {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const setTimer = deps.setTimer ?? setTimeout;
  const log = deps.log ?? console;
  let state: 'running' | 'closing' | 'closed' = 'running';

  const finish = () => {
    if (state === 'closed') return;
    state = 'closed';
    deps.quit();
  };

  return {
    onBeforeQuit(event: { preventDefault(): void }): void {
      if (state === 'closed') return;
      event.preventDefault();
      if (state === 'closing') return;
      state = 'closing';
      setTimer(() => {
        if (state !== 'closed') log.error(`[shutdown] core did not close within ${timeoutMs} ms; quitting anyway`);
        finish();
      }, timeoutMs);
      deps.close().then(finish, (error: unknown) => {
        log.error('[shutdown] closing the core failed', error);
        finish();
      });
    },
  };
}
