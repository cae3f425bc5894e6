import type Database from 'better-sqlite3';
import { getTableColumns, type Column, type Table } from 'drizzle-orm';
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

/** A row as a hand-written statement returns it, before `columnsOf(…).read`. */
export type RawRow = Record<string, unknown>;

/**
 * A table's columns for a hand-written statement — `alias.column AS "<prefix>key"` — and the way
 * back to the row drizzle would return (booleans, blobs, enums mapped as its columns map them).
 */
export function columnsOf<T extends Table>(table: T, alias = '', prefix = '') {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  return {
    list: columns.map(([key, column]) => `${alias}${column.name} AS "${prefix}${key}"`).join(', '),
    read(raw: RawRow): T['$inferSelect'] {
      const row: Record<string, unknown> = {};
      for (const [key, column] of columns) {
        const value = raw[prefix + key];
        row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return row as T['$inferSelect'];
    },
  };
}
