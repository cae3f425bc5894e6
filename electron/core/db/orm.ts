import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Db } from './open-database';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema> & { $client: Db };

/** The drizzle view of the open SQLite file. Store functions take it as their first argument. */
export const toOrm = (db: Db): Orm => drizzle(db, { schema });
