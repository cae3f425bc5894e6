import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { AccountDto, EventItem, EventTopic, SyncStatusDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { MAX_BATCH_EVENTS } from '../../../shared/sync/protocol';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import type { SecretBox } from '../secrets/secret-box';
import { applyPulledEvent } from './sync-applier';
import { createSyncClient, SyncHttpError, type SyncClient } from './sync-client';
import { createSyncRecorder } from './sync-recorder';
import {
  clearConnection,
  deleteOutboxRows,
  noteSyncResult,
  outboxCounts,
  readConnection,
  readSyncConfig,
  saveConnection,
  saveCursor,
  takeBatch,
} from './sync-store';

export interface SyncTimings {
  /** A normal change waits at most this long for others to share its request. */
  batchWindowMs: number;
  pullIntervalMs: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
}

export const defaultSyncTimings: SyncTimings = { batchWindowMs: 5_000, pullIntervalMs: 5_000, firstBackoffMs: 1_000, maxBackoffMs: 60_000 };

export interface SyncEngine {
  /** For EventBus.tap: records the changes the server should know about. */
  onEvent<T extends EventTopic>(topic: T, item: EventItem<T>): void;
  status(): SyncStatusDto;
  connect(request: { url: string; enrolmentToken: string; agentName: string | null }): Promise<SyncStatusDto>;
  disconnect(): Promise<SyncStatusDto>;
  /** Starts pushing and pulling when sync is on (a no-op otherwise). */
  start(): void;
  close(): Promise<void>;
}

export interface SyncEngineDeps {
  orm: Orm;
  bus: EventBus;
  box: SecretBox;
  logger: Logger;
  listAccounts: () => AccountDto[];
  client?: SyncClient;
  timings?: Partial<SyncTimings>;
}

/**
 * The workstation's side of the central server: an outbox in SQLite sent in batches (a priority
 * lane for account states), retried with backoff while the server is away, and changes of other
 * workstations pulled by cursor and applied to the inbox. Off until `connect`.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { orm, bus, box, logger } = deps;
  const client = deps.client ?? createSyncClient();
  const timings = { ...defaultSyncTimings, ...deps.timings };
  const now = Date.now;
  let closed = false;
  let connected = false;
  let backoffMs = timings.firstBackoffMs;
  let retryAt = 0;
  let pushTimer: { handle: NodeJS.Timeout; at: number } | undefined;
  let pullTimer: NodeJS.Timeout | undefined;
  let pushing: Promise<void> | undefined;
  let pulling: Promise<void> | undefined;

  const schedulePush = (delayMs: number) => {
    if (closed) return;
    const at = Math.max(now() + delayMs, retryAt);
    if (pushTimer && pushTimer.at <= at) return;
    if (pushTimer) clearTimeout(pushTimer.handle);
    pushTimer = { at, handle: setTimeout(() => ((pushTimer = undefined), void pushNow()), at - now()) };
  };

  const recorder = createSyncRecorder({
    orm,
    now,
    onRecorded: (lane) => {
      if (lane === 'priority' || outboxCounts(orm).total >= MAX_BATCH_EVENTS) schedulePush(0);
      else schedulePush(timings.batchWindowMs);
    },
  });

  const succeeded = () => {
    connected = true;
    backoffMs = timings.firstBackoffMs;
    retryAt = 0;
    noteSyncResult(orm, { at: now() });
  };
  const failed = (error: unknown) => {
    connected = false;
    const message = error instanceof Error ? error.message : String(error);
    noteSyncResult(orm, { error: message });
    logger.warn({ err: message }, 'central server sync failed');
  };

  async function pushLoop(): Promise<void> {
    while (!closed) {
      const connection = readConnection(orm, box);
      if (!connection) return;
      const batch = takeBatch(orm, MAX_BATCH_EVENTS);
      deleteOutboxRows(orm, batch.unreadable);
      if (batch.events.length === 0) return;
      try {
        await client.push(connection.url, connection.token, batch.events);
        // Accepted and duplicates alike are on the server now.
        deleteOutboxRows(orm, batch.rowIds);
        succeeded();
      } catch (error) {
        if (error instanceof SyncHttpError && !error.retryable) {
          // The server will never take this batch (a bug on one side): drop it rather than block the queue.
          logger.error({ status: error.status, code: error.code, events: batch.events.length }, 'central server refused a batch; dropped');
          deleteOutboxRows(orm, batch.rowIds);
          continue;
        }
        failed(error);
        retryAt = now() + backoffMs;
        backoffMs = Math.min(backoffMs * 2, timings.maxBackoffMs);
        schedulePush(0);
        return;
      }
      const left = outboxCounts(orm);
      if (left.total === 0) return;
      const waited = left.oldestAt === null ? 0 : now() - left.oldestAt;
      if (left.priority > 0 || left.total >= MAX_BATCH_EVENTS || waited >= timings.batchWindowMs) continue;
      schedulePush(timings.batchWindowMs - waited);
      return;
    }
  }

  const pushNow = () => (pushing ??= pushLoop().finally(() => (pushing = undefined)));

  async function pullLoop(): Promise<void> {
    for (;;) {
      const connection = readConnection(orm, box);
      const config = readSyncConfig(orm);
      if (closed || !connection || !config) return;
      const page = await client.pull(connection.url, connection.token, config.cursor);
      if (closed || readSyncConfig(orm)?.workstationId !== connection.workstationId) return;
      const emitted: [EventTopic, unknown][] = [];
      const emit = ((topic: EventTopic, item: unknown) => emitted.push([topic, item])) as EventBus['emit'];
      recorder.applyingRemote(() => {
        orm.$client.transaction(() => {
          for (const event of page.events) applyPulledEvent(orm, event, now(), emit);
          saveCursor(orm, page.cursor);
        })();
        for (const [topic, item] of emitted) bus.emit(topic, item as never);
      });
      succeeded();
      if (!page.more) return;
    }
  }

  const pullNow = () =>
    (pulling ??= pullLoop()
      .catch(failed)
      .finally(() => {
        pulling = undefined;
        if (!closed && readSyncConfig(orm)) pullTimer = setTimeout(() => void pullNow(), timings.pullIntervalMs);
      }));

  const stopTimers = () => {
    if (pushTimer) clearTimeout(pushTimer.handle);
    pushTimer = undefined;
    clearTimeout(pullTimer);
  };

  const start = () => {
    if (closed || !readSyncConfig(orm)) return;
    schedulePush(0);
    clearTimeout(pullTimer);
    void pullNow();
  };

  return {
    onEvent(topic, item) {
      try {
        recorder.onEvent(topic, item);
      } catch (error) {
        logger.error({ err: error, topic }, 'could not record a change for the central server');
      }
    },
    status() {
      const config = readSyncConfig(orm);
      return {
        configured: config !== undefined,
        url: config?.url ?? null,
        agentName: config?.agentName ?? null,
        connected: config !== undefined && connected,
        lastSyncAt: config?.lastSyncAt ?? null,
        waiting: config ? outboxCounts(orm).total : 0,
        lastError: config?.lastError ?? null,
      };
    },
    async connect({ url, enrolmentToken, agentName }) {
      let enrolled: { workstationId: string; token: string };
      try {
        enrolled = await client.enrol(url, enrolmentToken, agentName ?? `Mostrador (${hostname()})`);
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 401) throw new AppError('SYNC_TOKEN_REJECTED', error.message);
        if (error instanceof SyncHttpError && (error.status === 0 || error.status >= 500 || error.status === 404)) {
          throw new AppError('SYNC_SERVER_UNREACHABLE', error.message);
        }
        throw new AppError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
      }
      stopTimers();
      await Promise.allSettled([pushing, pulling]);
      saveConnection(orm, box, { url, workstationId: enrolled.workstationId, token: enrolled.token, agentName });
      recorder.reset();
      succeeded();
      // The supervisor sees this workstation's accounts at once.
      for (const account of deps.listAccounts()) recorder.onEvent('account.status', account);
      start();
      return this.status();
    },
    async disconnect() {
      stopTimers();
      await Promise.allSettled([pushing, pulling]);
      clearConnection(orm);
      recorder.reset();
      connected = false;
      return this.status();
    },
    start,
    async close() {
      closed = true;
      stopTimers();
      await Promise.allSettled([pushing, pulling]);
    },
  };
}
