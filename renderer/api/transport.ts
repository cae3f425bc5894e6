import type { EventBatch } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** `unauthorized`: the server refused us (no or expired session); retrying will not help by itself. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

/** What the client needs from a transport; Electron IPC and the browser WebSocket both provide it. */
export interface Transport {
  /** Never rejects: transport failures come back as `{ok:false}` with code TRANSPORT_CLOSED. */
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (batch: EventBatch) => void): () => void;
  /** Calls the listener at once with the current status, then on every change. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}
