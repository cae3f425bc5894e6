import type Database from 'better-sqlite3';
import type { Db } from './open-database';

const byConnection = new WeakMap<Db, Map<string, Database.Statement<unknown[], unknown>>>();

/**
 * The statement for this SQL on this connection, prepared on first use and kept: on the hot reads
 * (list, open a chat, search) preparing — or building a query with drizzle — costs more than
 * running it. Use it for fixed SQL only (parameters, never values spliced in), so the cache stays small.
 */
export function prepared<Params extends unknown[] | Record<string, unknown> = unknown[], Row = unknown>(
  db: Db,
  sql: string,
): Database.Statement<Params, Row> {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Database.Statement<Params, Row>;
}
