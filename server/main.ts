import { startServer } from './start-server';
import { mintEnrolmentToken } from './sync-store';

// `npm run server`: PostgreSQL when DATABASE_URL is set, else PGlite in SERVER_DATA_DIR (default ./server-data).
const running = await startServer({
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.env.SERVER_DATA_DIR ?? './server-data' }),
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '0.0.0.0',
});
const enrolmentToken = await mintEnrolmentToken(running.db.db);
console.log(`Mostrador central server on http://localhost:${running.port} (${running.db.kind})`);
console.log(`Enrolment token (shown once; also opens the supervisor page at /): ${enrolmentToken}`);

const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
