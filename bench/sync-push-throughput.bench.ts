// Push throughput into the central server's database (events/s) over HTTP, batches of 50, with
// one and with ten workstations pushing at once; PGlite always, PostgreSQL when Debian's binaries
// are installed. Baseline measured in the same run: one event per request, one workstation.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BATCH_EVENTS, type SyncEvent } from '../shared/sync/protocol';
import { startServer } from '../server/start-server';
import { mintEnrolmentToken } from '../server/sync-store';
import { serverClient } from '../server/testing/server-client';
import { postgresBinDir, startThrowawayPostgres } from '../server/testing/throwaway-postgres';
import { loadAverage, msSince } from './latency';

const EVENTS_PER_WORKSTATION = Number(process.env.BENCH_EVENTS ?? 2_000);
const UNBATCHED_EVENTS = Number(process.env.BENCH_UNBATCHED ?? 500);

const event = (i: number): SyncEvent => ({
  id: randomUUID(),
  occurredAt: Date.now(),
  kind: 'message',
  payload: { account: '5215500000000', jid: `52155${String(i % 500).padStart(8, '0')}@s.whatsapp.net`, waId: randomUUID(), direction: i % 2 ? 'out' : 'in', at: Date.now(), sentBy: null, agent: i % 2 ? 'Ana' : null },
});

async function measure(databaseUrl: string | undefined) {
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'mostrador-bench-pglite-'));
  const server = await startServer({ ...(databaseUrl ? { databaseUrl } : { dataDir }), logger: { error: () => undefined } });
  const enrolment = await mintEnrolmentToken(server.db.db);
  const client = serverClient(server.url);
  const push = async (token: string, events: SyncEvent[]) => {
    const { status } = await client.push(token, events);
    if (status !== 200) throw new Error(`push answered ${status}`);
  };
  const batched = async (stations: number) => {
    const tokens = await Promise.all(Array.from({ length: stations }, (_, i) => client.enrol(enrolment, `Bench ${i}`).then((s) => s.token)));
    const t0 = process.hrtime.bigint();
    await Promise.all(
      tokens.map(async (token) => {
        for (let sent = 0; sent < EVENTS_PER_WORKSTATION; sent += MAX_BATCH_EVENTS) {
          await push(token, Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => event(sent + i)));
        }
      }),
    );
    return Math.round((stations * EVENTS_PER_WORKSTATION) / (msSince(t0) / 1000));
  };
  const unbatched = async () => {
    const { token } = await client.enrol(enrolment, 'Bench unbatched');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < UNBATCHED_EVENTS; i++) await push(token, [event(i)]);
    return Math.round(UNBATCHED_EVENTS / (msSince(t0) / 1000));
  };
  const result = { baselineOnePerRequestEventsPerSec: await unbatched(), oneWorkstationEventsPerSec: await batched(1), tenWorkstationsEventsPerSec: await batched(10) };
  await server.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  return result;
}

const pglite = await measure(undefined);
const bin = postgresBinDir();
let postgres: Awaited<ReturnType<typeof measure>> | string = 'skipped: no /usr/lib/postgresql/*/bin (apt-get install postgresql)';
if (bin) {
  const cluster = await startThrowawayPostgres(bin);
  try {
    postgres = await measure(cluster.url);
  } finally {
    cluster.stop();
  }
}

console.log(
  JSON.stringify({
    bench: 'sync-push-throughput',
    what: 'events/s stored by the central server over HTTP: batches of 50 from 1 and 10 workstations, vs one event per request',
    eventsPerWorkstation: EVENTS_PER_WORKSTATION,
    pglite,
    postgres,
    load: loadAverage(),
  }),
);
