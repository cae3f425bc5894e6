import type { Logger } from 'pino';

export type CrashKind = 'uncaughtException' | 'unhandledRejection';
export type CrashDecision = { action: 'continue' } | { action: 'exit'; code: number; why: string };

/** Past this many uncaught errors in the window something is looping broken: stop and start afresh. */
export const CRASH_STORM = { count: 10, windowMs: 60_000 };
/** EX_SOFTWARE: a supervisor (systemd, the desktop shell's relaunch) starts the workstation again. */
export const CRASH_EXIT_CODE = 70;

/**
 * What to do with an error nothing caught. Node's default is to end the process, which stops every
 * account and campaign for one bad callback. Our writes are SQLite transactions (whole or not at
 * all) and each account's socket is supervised on its own, so one escaped error leaves no half-done
 * state behind: log it loudly and keep serving. A storm of them means a loop that will not heal by
 * itself: exit cleanly (the database closed) so the process is started again with fresh sockets.
 * `recent` holds the times of earlier uncaught errors, newest last.
 */
export function decideOnCrash(kind: CrashKind, recent: readonly number[], now: number): CrashDecision {
  const inWindow = recent.filter((at) => now - at < CRASH_STORM.windowMs).length + 1;
  if (inWindow >= CRASH_STORM.count) {
    return { action: 'exit', code: CRASH_EXIT_CODE, why: `${inWindow} uncaught errors within ${CRASH_STORM.windowMs / 1000} s (last: ${kind})` };
  }
  return { action: 'continue' };
}

export interface LastResortDeps {
  process: Pick<NodeJS.Process, 'on' | 'off'>;
  logger: Pick<Logger, 'error' | 'fatal'>;
  /** Closes what is open and ends the process with that code; called at most once. */
  exit: (code: number) => void | Promise<void>;
  now?: () => number;
}

/** Installs the policy above for both shells; returns the uninstaller. Never silent: every error is logged with its stack. */
export function installLastResort(deps: LastResortDeps): () => void {
  const now = deps.now ?? Date.now;
  const recent: number[] = [];
  let exiting = false;
  const handle = (kind: CrashKind) => (error: unknown) => {
    const at = now();
    const decision = decideOnCrash(kind, recent, at);
    recent.push(at);
    while (recent.length > CRASH_STORM.count) recent.shift();
    if (decision.action === 'continue') {
      deps.logger.error({ err: error, kind }, `${kind}: logged and kept running`);
      return;
    }
    deps.logger.fatal({ err: error, kind }, `${decision.why}: closing cleanly to start again`);
    if (exiting) return;
    exiting = true;
    void Promise.resolve()
      .then(() => deps.exit(decision.code))
      .catch(() => undefined);
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  deps.process.on('uncaughtException', onException);
  deps.process.on('unhandledRejection', onRejection);
  return () => {
    deps.process.off('uncaughtException', onException);
    deps.process.off('unhandledRejection', onRejection);
  };
}
