import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { SyncEvent, SyncKind, SyncPayload } from '../../../shared/sync/protocol';
import { syncEventSchema } from '../../../shared/sync/protocol';
import type { Orm } from '../db/orm';
import { syncConfig, syncOutbox } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';

export type SyncConfigRow = typeof syncConfig.$inferSelect;

export interface SyncConnection {
  url: string;
  workstationId: string;
  token: string;
  agentName: string | null;
}

export function readSyncConfig(orm: Orm): SyncConfigRow | undefined {
  return orm.select().from(syncConfig).where(eq(syncConfig.id, 1)).get();
}

/** The connection with its token opened; undefined while sync is off. */
export function readConnection(orm: Orm, box: SecretBox): SyncConnection | undefined {
  const row = readSyncConfig(orm);
  if (!row) return undefined;
  return { url: row.url, workstationId: row.workstationId, token: box.open(row.tokenSealed).toString('utf8'), agentName: row.agentName };
}

/** Turns sync on: the token is sealed at rest; the cursor starts at the beginning of the server's history. */
export function saveConnection(orm: Orm, box: SecretBox, connection: SyncConnection): void {
  orm.transaction((tx) => {
    tx.delete(syncConfig).run();
    tx.delete(syncOutbox).run();
    tx.insert(syncConfig)
      .values({ id: 1, url: connection.url, workstationId: connection.workstationId, tokenSealed: box.seal(connection.token), agentName: connection.agentName })
      .run();
  });
}

/** Turns sync off: forgets the server, its token and what had not been sent. */
export function clearConnection(orm: Orm): void {
  orm.transaction((tx) => {
    tx.delete(syncConfig).run();
    tx.delete(syncOutbox).run();
  });
}

export function noteSyncResult(orm: Orm, result: { at: number } | { error: string }): void {
  const set = 'at' in result ? { lastSyncAt: result.at, lastError: null } : { lastError: result.error };
  orm.update(syncConfig).set(set).where(eq(syncConfig.id, 1)).run();
}

export function saveCursor(orm: Orm, cursor: string): void {
  orm.update(syncConfig).set({ cursor }).where(eq(syncConfig.id, 1)).run();
}

/** Records a change for the server (ignored when sync is off). */
export function recordSyncEvent<K extends SyncKind>(orm: Orm, id: string, kind: K, payload: SyncPayload<K>, occurredAt: number): void {
  orm
    .insert(syncOutbox)
    .values({ eventId: id, kind, lane: kind === 'accountStatus' ? 'priority' : 'normal', payload: JSON.stringify(payload), occurredAt })
    .onConflictDoNothing()
    .run();
}

export interface OutboxBatch {
  rowIds: number[];
  events: SyncEvent[];
  /** Rows that no longer parse (written by another version): dropped rather than blocking the queue. */
  unreadable: number[];
}

/** The next batch: the priority lane first, then oldest first. */
export function takeBatch(orm: Orm, limit: number): OutboxBatch {
  const rows = orm
    .select()
    .from(syncOutbox)
    .orderBy(sql`${syncOutbox.lane} = 'priority' desc`, asc(syncOutbox.id))
    .limit(limit)
    .all();
  const batch: OutboxBatch = { rowIds: [], events: [], unreadable: [] };
  for (const row of rows) {
    const parsed = syncEventSchema.safeParse({ id: row.eventId, kind: row.kind, occurredAt: row.occurredAt, payload: JSON.parse(row.payload) });
    if (parsed.success) {
      batch.rowIds.push(row.id);
      batch.events.push(parsed.data);
    } else batch.unreadable.push(row.id);
  }
  return batch;
}

export function deleteOutboxRows(orm: Orm, rowIds: readonly number[]): void {
  if (rowIds.length > 0) orm.delete(syncOutbox).where(inArray(syncOutbox.id, [...rowIds])).run();
}

export function outboxCounts(orm: Orm): { total: number; priority: number; oldestAt: number | null } {
  const row = orm
    .select({ total: count(), priority: sql<number>`coalesce(sum(${syncOutbox.lane} = 'priority'), 0)`, oldestAt: sql<number | null>`min(${syncOutbox.occurredAt})` })
    .from(syncOutbox)
    .get()!;
  return { total: row.total, priority: Number(row.priority), oldestAt: row.oldestAt };
}
