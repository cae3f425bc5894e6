import type { EventBatch } from './contract/events';
import type { Result } from './result';

/** What the Electron preload exposes as `window.api`: only the contract's names cross it. */
export interface MostradorBridge {
  invoke(method: string, payload?: unknown): Promise<Result<unknown>>;
  onEvent(listener: (batch: EventBatch) => void): () => void;
}
