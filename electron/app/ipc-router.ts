import { IPC_INVOKE_CHANNEL, methodNames } from '../../shared/contract/names';
import type { ErrorCode } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { SenderFrame } from './trusted-sender';

/** The slice of `ipcMain` the router uses; tests pass a fake that records the handler. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => unknown): void;
}

export interface IpcRouterDeps {
  ipcMain: IpcMainLike;
  dispatch(method: string, payload: unknown): Promise<Result<unknown>>;
  isTrustedSender(frame: SenderFrame | null | undefined): boolean;
  log?: Pick<Console, 'warn' | 'error'>;
}

const knownMethods: ReadonlySet<string> = new Set(methodNames);

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Registers the one IPC handler that carries the whole contract. Order matters: an untrusted
 * sender learns nothing (not even whether its request was well formed); then the request's
 * shape; then the method name; only then the core, whose own zod parsing checks the payload.
 * Every path answers a Result — a rejected invoke would surface in the renderer as an
 * exception instead of an error value.
 */
export function registerIpcRouter(deps: IpcRouterDeps): void {
  const log = deps.log ?? console;

  deps.ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, request): Promise<Result<unknown>> => {
    let trusted = false;
    try {
      trusted = deps.isTrustedSender(event?.senderFrame);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      log.warn('[ipc] refused a call from an untrusted sender');
      return failure('FORBIDDEN_SENDER', 'This frame may not call Mostrador.');
    }

    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return failure('BAD_REQUEST', 'Expected { method, payload }.');
    }
    const { method, payload } = request as { method?: unknown; payload?: unknown };
    if (typeof method !== 'string') return failure('BAD_REQUEST', 'Expected { method, payload } with a string method.');
    if (!knownMethods.has(method)) return failure('UNKNOWN_METHOD', `Unknown method: ${method.slice(0, 100)}`);

    try {
      return await deps.dispatch(method, payload);
    } catch (error) {
      // The core promises never to throw; if it does, keep the app answering and keep the
      // details in the log rather than in the renderer.
      log.error(`[ipc] ${method} threw`, error);
      return failure('INTERNAL', 'Internal error.');
    }
  });
}
