import type { EventBatch } from '../../shared/contract/events';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/names';

/** A window as the publisher sees it; `BrowserWindow` fits. */
export interface PublishTarget {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

export interface EventPublisherDeps {
  /** `core.subscribe`: batches arrive already coalesced per topic. */
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /** Our windows right now; read per batch so windows opened later receive events too. */
  windows(): Iterable<PublishTarget>;
  log?: Pick<Console, 'warn'>;
}

/**
 * Forwards every core event batch to every live window. A window closing between two batches is
 * normal, so destroyed ones are skipped, and one failing `send` never stops the others.
 * Returns the unsubscribe function.
 */
export function startEventPublisher(deps: EventPublisherDeps): () => void {
  const log = deps.log ?? console;
  return deps.subscribe((batch) => {
    for (const window of deps.windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      try {
        window.webContents.send(IPC_EVENT_CHANNEL, batch);
      } catch (error) {
        log.warn(`[events] could not send ${batch.topic}`, error);
      }
    }
  });
}
