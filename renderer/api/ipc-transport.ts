import type { EventBatch } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Transport } from './transport';

/** What the Electron preload exposes as `window.api` (it only forwards the contract's names). */
export interface PreloadApi {
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (batch: EventBatch) => void): () => void;
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

/** IPC never drops while the window lives, so the status is always `open`. */
export function createIpcTransport(api: PreloadApi): Transport {
  return {
    async invoke(method, payload) {
      try {
        return await api.invoke(method, payload);
      } catch (error) {
        // ipcRenderer.invoke rejects only when main has no handler or the frame is going away.
        return { ok: false, error: { code: 'TRANSPORT_CLOSED', message: String(error) } };
      }
    },
    onEvent: (listener) => api.onEvent(listener),
    onStatus(listener) {
      listener('open');
      return () => {};
    },
    close() {},
  };
}
