import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createServerApp } from './app';
import { openServerDb, type OpenedServerDb } from './db/open-server-db';

export interface RunningServer {
  url: string;
  port: number;
  db: OpenedServerDb;
  /** Stops listening (open connections are cut), then closes the database. */
  close(): Promise<void>;
}

/** Opens (and migrates) the database, then listens; port 0 picks a free one. */
export async function startServer(options: { databaseUrl?: string; dataDir?: string; port?: number; host?: string; logger?: { error(...args: unknown[]): void } }): Promise<RunningServer> {
  const db = await openServerDb(options);
  const server = serve({ fetch: createServerApp(db.db, options.logger).fetch, overrideGlobalObjects: false, port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.close();
    },
  };
}
