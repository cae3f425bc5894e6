import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_EVENTS, type SyncEvent } from '../shared/sync/protocol';
import { syncEvents, workstations } from './db/schema';
import { startServer, type RunningServer } from './start-server';
import { mintEnrolmentToken } from './sync-store';
import { chatStateEvent, messageEvent, serverClient } from './testing/server-client';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres';

const pgBin = postgresBinDir();
if (!pgBin) console.warn('PostgreSQL binaries absent (/usr/lib/postgresql/*/bin): the server runs against PGlite only. `.ci/run` installs them.');
const backends = pgBin ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(backends)('central server on %s', (backend) => {
  let postgres: ThrowawayPostgres | undefined;
  let server: RunningServer;
  let enrolmentToken: string;
  let client: ReturnType<typeof serverClient>;

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startThrowawayPostgres(pgBin!);
    server = await startServer({ ...(postgres ? { databaseUrl: postgres.url } : {}), logger: { error: () => undefined } });
    enrolmentToken = await mintEnrolmentToken(server.db.db);
    client = serverClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    postgres?.stop();
  });

  const storedBy = async (workstationId: string) =>
    (await server.db.db.select({ n: count() }).from(syncEvents).where(eq(syncEvents.workstationId, workstationId)))[0]!.n;

  it('trades the enrolment token for a per-workstation token, keeping only hashes', async () => {
    const station = await client.enrol(enrolmentToken, 'Mostrador 1');
    const [row] = await server.db.db.select().from(workstations).where(eq(workstations.id, station.workstationId));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(station.token);
    expect((await client.push(station.token, [chatStateEvent('1@s.whatsapp.net', ['vip'])])).status).toBe(200);
  });

  it('refuses a wrong enrolment token and a wrong workstation token', async () => {
    const enrol = await client.call('POST', '/v1/enrol', { body: { enrolmentToken: 'nope-nope-nope-nope', name: 'x' } });
    expect(enrol.status).toBe(401);
    expect(enrol.json.error.code).toBe('UNAUTHORIZED');
    const push = await client.push('A'.repeat(43), [chatStateEvent('1@s.whatsapp.net', [])]);
    expect(push.status).toBe(401);
    expect((await client.call('GET', '/v1/changes?after=0')).status).toBe(401);
    // The workstation token is not a supervisor token.
    const station = await client.enrol(enrolmentToken, 'Mostrador 2');
    expect((await client.call('GET', '/', { token: station.token })).status).toBe(401);
  });

  it('refuses oversized and malformed batches with a clear error and stores nothing', async () => {
    const station = await client.enrol(enrolmentToken, 'Mostrador 3');
    const tooMany = Array.from({ length: MAX_BATCH_EVENTS + 1 }, (_, i) => chatStateEvent(`${i}@s.whatsapp.net`, []));
    const many = await client.push(station.token, tooMany);
    expect(many.status).toBe(400);
    expect(many.json.error.message).toMatch(/events/);
    const huge = await client.postLarge('/v1/events', station.token, JSON.stringify({ events: [], pad: 'x'.repeat(300_000) }));
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await client.call('POST', '/v1/events', { token: station.token, raw: '{"events": [' })).status).toBe(400);
    const badId = { ...chatStateEvent('1@s.whatsapp.net', []), id: 'not-a-uuid' };
    const bad = await client.push(station.token, [chatStateEvent('2@s.whatsapp.net', []), badId]);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/events\.1\.id/);
    expect(await storedBy(station.workstationId)).toBe(0);
  });

  it('never stores half a batch: an event the database refuses rolls back the whole batch', async () => {
    const station = await client.enrol(enrolmentToken, 'Mostrador 4');
    // PostgreSQL's jsonb refuses the NUL character: the third event fails inside the transaction.
    const poisoned: SyncEvent = { ...chatStateEvent('3@s.whatsapp.net', []), kind: 'noteAdded', payload: { account: '1', jid: '3@s.whatsapp.net', key: 'k', text: 'a\u0000b', at: 1 } };
    const response = await client.push(station.token, [chatStateEvent('1@s.whatsapp.net', []), chatStateEvent('2@s.whatsapp.net', []), poisoned]);
    expect(response.status).toBe(500);
    expect(await storedBy(station.workstationId)).toBe(0);
  });

  it('absorbs a replayed batch: same ids, stored once, reported as duplicates', async () => {
    const station = await client.enrol(enrolmentToken, 'Mostrador 5');
    const batch = Array.from({ length: 10 }, (_, i) => messageEvent(`${i}@s.whatsapp.net`, 'Ana'));
    const first = await client.push(station.token, batch);
    expect(first.json.accepted).toHaveLength(10);
    const replay = await client.push(station.token, [...batch, messageEvent('new@s.whatsapp.net', null)]);
    expect(replay.status).toBe(200);
    expect(replay.json.accepted).toHaveLength(1);
    expect(replay.json.duplicates).toEqual(batch.map((e) => e.id));
    expect(await storedBy(station.workstationId)).toBe(11);
  });

  it('orders by the server, not by a workstation clock that is years off; the skewed time is kept as data', async () => {
    const skewed = await client.enrol(enrolmentToken, 'Skewed');
    const honest = await client.enrol(enrolmentToken, 'Honest');
    const reader = await client.enrol(enrolmentToken, 'Reader');
    const start = (await client.pull(reader.token)).json.cursor as string;
    const future = Date.UTC(2040, 0, 1);
    const a = chatStateEvent('skew@s.whatsapp.net', ['from-the-future'], { occurredAt: future });
    const b = chatStateEvent('skew@s.whatsapp.net', ['now']);
    await client.push(skewed.token, [a]);
    await client.push(honest.token, [b]);
    const pulled = await client.pull(reader.token, start);
    expect(pulled.json.events.map((e: { id: string }) => e.id)).toEqual([a.id, b.id]);
    expect(pulled.json.events[0].occurredAt).toBe(future);
    expect(BigInt(pulled.json.events[1].seq)).toBeGreaterThan(BigInt(pulled.json.events[0].seq));
    expect(pulled.json.events[0].receivedAt).toBeLessThan(future);
  });

  it("pulls only other workstations' changes, by cursor, in pages", async () => {
    const writer = await client.enrol(enrolmentToken, 'Writer');
    const reader = await client.enrol(enrolmentToken, 'Paged reader');
    let cursor = (await client.pull(reader.token)).json.cursor as string;
    for (let i = 0; i < 5; i++) {
      await client.push(writer.token, Array.from({ length: 50 }, (_, j) => chatStateEvent(`${i}-${j}@s.whatsapp.net`, ['x'])));
    }
    await client.push(reader.token, [chatStateEvent('mine@s.whatsapp.net', ['own'])]);
    await client.push(writer.token, [messageEvent('m@s.whatsapp.net', 'Ana')]); // messages are for the supervisor only
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) {
      const { json } = await client.pull(reader.token, cursor);
      seen.push(...json.events.map((e: { payload: { jid: string } }) => e.payload.jid));
      cursor = json.cursor;
      if (!json.more) break;
    }
    expect(seen).toHaveLength(250);
    expect(seen).not.toContain('mine@s.whatsapp.net');
    expect(seen).not.toContain('m@s.whatsapp.net');
    const again = await client.pull(reader.token, cursor);
    expect(again.json).toMatchObject({ events: [], cursor, more: false });
    expect((await client.call('GET', '/v1/changes?after=-1', { token: reader.token })).status).toBe(400);
  });

  if (backend === 'postgres') {
    it('runs as two instances on one database: they migrate together, and a push to one is pulled from the other', async () => {
      const admin = new pg.Client({ connectionString: postgres!.url });
      await admin.connect();
      await admin.query('create database load_balanced');
      await admin.end();
      const url = postgres!.url.replace(/\/postgres$/, '/load_balanced');
      const [one, two] = await Promise.all([startServer({ databaseUrl: url }), startServer({ databaseUrl: url })]);
      try {
        const token = await mintEnrolmentToken(one.db.db);
        const writer = await serverClient(one.url).enrol(token, 'Uno');
        const reader = await serverClient(two.url).enrol(token, 'Dos');
        const change = chatStateEvent('lb@s.whatsapp.net', ['compartida']);
        expect((await serverClient(one.url).push(writer.token, [change])).status).toBe(200);
        expect((await serverClient(two.url).push(writer.token, [change])).json.duplicates).toEqual([change.id]);
        const pulled = await serverClient(two.url).pull(reader.token);
        expect(pulled.json.events.map((e: { id: string }) => e.id)).toEqual([change.id]);
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  }

  it('shows the supervisor page behind the enrolment token, in Spanish or English', async () => {
    const station = await client.enrol(enrolmentToken, 'Caja <norte>');
    const account = `acct-${randomUUID().slice(0, 8)}`;
    await client.push(station.token, [
      { id: randomUUID(), occurredAt: Date.now(), kind: 'accountStatus', payload: { account, label: 'Tienda', status: 'connected' } },
      messageEvent('a@s.whatsapp.net', 'Lucía', account),
      messageEvent('a@s.whatsapp.net', null, account),
      messageEvent('b@s.whatsapp.net', 'Lucía', account),
      chatStateEvent('a@s.whatsapp.net', [], { account, assignedTo: 'Lucía' }),
      {
        id: randomUUID(),
        occurredAt: Date.now(),
        kind: 'campaignResult',
        payload: { account, campaignId: 3, campaign: 'Buen Fin', phone: '5215512345678', state: 'delivered', reason: null, variant: null },
      },
    ]);
    // The same WhatsApp message seen by a second workstation linked to the number counts once.
    const linked = await client.enrol(enrolmentToken, 'Caja sur');
    const seen = messageEvent('b@s.whatsapp.net', null, account);
    await client.push(station.token, [seen]);
    await client.push(linked.token, [{ ...seen, id: randomUUID() }]);
    expect((await fetch(server.url + '/')).status).toBe(401);
    const basic = `Basic ${Buffer.from(`admin:${enrolmentToken}`).toString('base64')}`;
    const es = await (await fetch(server.url + '/', { headers: { authorization: basic, 'accept-language': 'es-AR,es;q=0.9' } })).text();
    expect(es).toContain('Puestos');
    expect(es).toContain('Caja &lt;norte&gt;');
    expect(es).toMatch(/<td>Tienda<\/td><td>connected<\/td><td>Caja &lt;norte&gt;<\/td><td>2<\/td><td>4<\/td>/);
    expect(es).toMatch(/<td>Lucía<\/td><td>2<\/td><td>1<\/td>/);
    const en = await (await fetch(server.url + '/', { headers: { authorization: basic, 'accept-language': 'en-GB,en' } })).text();
    expect(en).toContain('Workstations');
  });
});
