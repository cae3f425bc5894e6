// Only names and types cross into the preload: it is bundled for a sandboxed renderer, where
// every byte is attack surface and zod or the core would have no business.
import type { EventBatch } from '../../shared/contract/events';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, methodNames } from '../../shared/contract/names';
import type { MostradorBridge } from '../../shared/bridge';
import type { Result } from '../../shared/result';

/** The slice of `ipcRenderer` the bridge uses; a fake implements it in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}


const knownMethods: ReadonlySet<string> = new Set(methodNames);

/**
 * Builds `window.api`. `invoke` forwards only the contract's method names, so the renderer cannot
 * use the bridge as a generic pipe into main (main checks again: this is the first lock, not the
 * only one). Every path resolves a Result; nothing rejects. `onEvent` hands the listener the batch
 * alone: the IpcRendererEvent carries `sender`, which must never reach page code.
 */
export function createBridge({ ipcRenderer }: { ipcRenderer: IpcRendererLike }): MostradorBridge {
  return {
    async invoke(method, payload) {
      if (typeof method !== 'string' || !knownMethods.has(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 100)}` } };
      }
      try {
        return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, { method, payload })) as Result<unknown>;
      } catch (error) {
        // No handler yet, main gone, or a payload that cannot be cloned: the call never arrived.
        const message = error instanceof Error ? error.message : 'The call did not reach the app.';
        return { ok: false, error: { code: 'TRANSPORT_CLOSED', message } };
      }
    },

    onEvent(listener) {
      const forward = (_event: unknown, batch: unknown) => listener(batch as EventBatch);
      ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  };
}
