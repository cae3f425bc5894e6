import type { MostradorBridge } from '../../shared/bridge';
import type { Transport } from './transport';

declare global {
  interface Window {
    api?: MostradorBridge;
  }
}

/** IPC never drops while the window lives, so the status is always `open`. */
export function createIpcTransport(api: MostradorBridge): Transport {
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
