import type { AccountState } from '../../../shared/contract';
import type { ConnectionStatus } from '../../api/transport';

/** What the person can rely on about a number right now: its last known state, or "unknown" while we cannot hear the core. */
export type ShownAccountState = AccountState | 'unknown';

/**
 * How worried to be about a number's link to WhatsApp, shown apart from its colour (a colour is
 * who the number is, never whether it is online): `ok` shows nothing extra, `waiting` and
 * `unknown` a grey mark, `down` a red one.
 */
export type ConnectionTone = 'ok' | 'waiting' | 'down' | 'unknown';

/**
 * The state to show. While the browser has lost the core (the WebSocket is reconnecting) the
 * last "Conectada" may no longer be true, so it says "unknown" instead of repeating it.
 */
export function shownAccountState(state: AccountState, core: ConnectionStatus): ShownAccountState {
  return core === 'open' ? state : 'unknown';
}

const tones: Record<ShownAccountState, ConnectionTone> = {
  connected: 'ok',
  connecting: 'waiting',
  waiting_qr: 'waiting',
  reconnecting: 'waiting',
  disconnected: 'waiting',
  pairing_expired: 'down',
  logged_out: 'down',
  restricted: 'down',
  broken: 'down',
  unknown: 'unknown',
};

export const connectionTone = (state: ShownAccountState): ConnectionTone => tones[state];
