import type { EventBatch } from './contract/events';
import type { Result } from './result';

/**
 * The WebSocket transport's frames (browser mode). One request frame per call; the server
 * answers with the same id. A frame that cannot be parsed is answered with `id: null`.
 */
export interface WireRequest {
  id: number;
  method: string;
  payload: unknown;
}

export type WireServerFrame =
  | { type: 'result'; id: number | null; result: Result<unknown> }
  | ({ type: 'event' } & EventBatch);

/** Name of the session cookie the browser gets after opening the URL with `?token=`. */
export const SESSION_COOKIE = 'mostrador_session';
export const WS_PATH = '/ws';
/** `POST` here signs this browser out (its session is forgotten, its tabs disconnected). */
export const LOGOUT_PATH = '/logout';
