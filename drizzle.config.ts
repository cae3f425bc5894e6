import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL here, then scripts/compile-migrations.mjs compiles it into
// electron/core/db/migrations.generated.ts so tests and the packaged app load the same thing.
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/db/schema.ts',
  out: './electron/core/db/migrations',
});
