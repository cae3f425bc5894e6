import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type ServerDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenedServerDb {
  db: ServerDb;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATION_LOCK = 80_801;

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * PostgreSQL when a URL is given, else PGlite (embedded PostgreSQL) in `dataDir` or in memory.
 * Either way the schema is migrated before the server answers.
 */
export async function openServerDb(options: { databaseUrl?: string; dataDir?: string }): Promise<OpenedServerDb> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // Instances starting together behind a load balancer migrate one at a time.
    const session = await pool.connect();
    try {
      await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(session, { schema }), { migrationsFolder });
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      session.release();
    }
    const db = drizzlePg(pool, { schema });
    return { db: db as unknown as ServerDb, kind: 'postgres', close: () => pool.end() };
  }
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as ServerDb, kind: 'pglite', close: () => client.close() };
}
