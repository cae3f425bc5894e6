import { defineConfig } from 'drizzle-kit';

// The central server's PostgreSQL schema; its migrations are apart from the workstation's SQLite ones.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
