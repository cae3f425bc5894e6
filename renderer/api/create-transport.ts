import { WS_PATH } from '../../shared/wire';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { createWsTransport, type WebSocketClass } from './ws-transport';

/** Electron when the preload gave us `window.api`; otherwise browser mode over WebSocket. */
export function createTransport(): Transport {
  if (window.api) return createIpcTransport(window.api);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsTransport({
    url: `${scheme}//${location.host}${WS_PATH}`,
    // The DOM types its handlers with exact event classes; we only read `data`, so this is sound.
    WebSocketImpl: WebSocket as unknown as WebSocketClass,
    isUnauthorized: probeSession,
  });
}

/** The server answers 401 (no session) or 403 (bad origin) to any page when it refuses us. */
async function probeSession(): Promise<boolean> {
  try {
    const response = await fetch('/', { cache: 'no-store', credentials: 'same-origin' });
    return response.status === 401 || response.status === 403;
  } catch {
    return false; // Server not reachable: a plain outage, keep reconnecting.
  }
}

/** The token must not linger in the address bar or history once the session cookie is set. */
export function forgetTokenInUrl(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
