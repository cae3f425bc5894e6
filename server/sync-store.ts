import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import { PULL_LIMIT, pulledKinds, type PullResponse, type PushResponse, type SyncEvent } from '../shared/sync/protocol';
import type { ServerDb } from './db/open-server-db';
import { enrolmentTokens, syncEvents, workstations } from './db/schema';
import { hashToken, newToken } from './tokens';

/** Serialises pushes across every server instance, so sequences commit in order and a pull never skips one. */
const PUSH_LOCK = 80_800;

/** Mints an enrolment token; the caller shows it once, the database keeps only its hash. */
export async function mintEnrolmentToken(db: ServerDb): Promise<string> {
  const token = newToken();
  await db.insert(enrolmentTokens).values({ tokenHash: hashToken(token) });
  return token;
}

export async function isEnrolmentToken(db: ServerDb, token: string): Promise<boolean> {
  const rows = await db.select({ h: enrolmentTokens.tokenHash }).from(enrolmentTokens).where(eq(enrolmentTokens.tokenHash, hashToken(token)));
  return rows.length > 0;
}

/** Trades a valid enrolment token for the workstation's own token; undefined when the enrolment token is wrong. */
export async function enrol(db: ServerDb, enrolmentToken: string, name: string): Promise<{ workstationId: string; token: string } | undefined> {
  if (!(await isEnrolmentToken(db, enrolmentToken))) return undefined;
  const token = newToken();
  const workstationId = randomUUID();
  await db.insert(workstations).values({ id: workstationId, name, tokenHash: hashToken(token) });
  return { workstationId, token };
}

export async function workstationOf(db: ServerDb, token: string): Promise<string | undefined> {
  const rows = await db.select({ id: workstations.id }).from(workstations).where(eq(workstations.tokenHash, hashToken(token)));
  return rows[0]?.id;
}

const chatJidOf = (event: SyncEvent) => ('jid' in event.payload ? event.payload.jid : null);

/**
 * Stores a batch in one transaction: every new event or none. Ids already stored (a retry) are
 * reported as duplicates and left alone. The sequence and received time are the server's.
 */
export async function pushBatch(db: ServerDb, workstationId: string, events: readonly SyncEvent[]): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUSH_LOCK})`);
    const inserted = await tx
      .insert(syncEvents)
      .values(
        events.map((event) => ({
          id: event.id,
          workstationId,
          kind: event.kind,
          account: event.payload.account,
          jid: chatJidOf(event),
          payload: event.payload,
          occurredAt: event.occurredAt,
        })),
      )
      .onConflictDoNothing({ target: syncEvents.id })
      .returning({ id: syncEvents.id, seq: syncEvents.seq });
    await tx.update(workstations).set({ lastSyncAt: sql`now()` }).where(eq(workstations.id, workstationId));
    const accepted = new Set(inserted.map((row) => row.id));
    const [{ cursor }] = (await tx.select({ cursor: sql<string>`coalesce(max(${syncEvents.seq}), 0)::text` }).from(syncEvents)) as [{ cursor: string }];
    return {
      accepted: events.filter((e) => accepted.has(e.id)).map((e) => e.id),
      duplicates: [...new Set(events.filter((e) => !accepted.has(e.id)).map((e) => e.id))],
      cursor: cursor!,
    };
  });
}

/** Changes other workstations made after `after` (the server's sequence), oldest first. */
export async function pullAfter(db: ServerDb, workstationId: string, after: bigint, limit = PULL_LIMIT): Promise<PullResponse> {
  // The top is read first: pushes commit in sequence order (PUSH_LOCK), so nothing at or below it can still appear.
  const [{ top }] = (await db.select({ top: sql<string>`coalesce(max(${syncEvents.seq}), 0)::text` }).from(syncEvents)) as [{ top: string }];
  const rows = await db
    .select()
    .from(syncEvents)
    .where(
      and(
        gt(syncEvents.seq, after),
        lte(syncEvents.seq, BigInt(top!)),
        ne(syncEvents.workstationId, workstationId),
        inArray(syncEvents.kind, [...pulledKinds]),
      ),
    )
    .orderBy(asc(syncEvents.seq))
    .limit(limit + 1);
  await db.update(workstations).set({ lastSyncAt: sql`now()` }).where(eq(workstations.id, workstationId));
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  // With nothing more, the cursor moves past our own events too, so the next pull starts later.
  const cursor = more ? page.at(-1)!.seq.toString() : BigInt(top!) > after ? top! : after.toString();
  return {
    events: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      occurredAt: row.occurredAt,
      seq: row.seq.toString(),
      workstationId: row.workstationId,
      receivedAt: row.receivedAt.getTime(),
    })) as PullResponse['events'],
    cursor,
    more,
  };
}
