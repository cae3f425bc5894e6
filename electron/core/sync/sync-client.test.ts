import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncClient, SyncHttpError } from './sync-client';

describe('sync client', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const serve = async (status: number, body: unknown, seen: { auth?: string } = {}) => {
    server = createServer((req, res) => {
      seen.auth = req.headers.authorization;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
  };

  it('passes over a pulled event it does not understand and keeps the rest and the cursor', async () => {
    const good = {
      id: randomUUID(),
      occurredAt: 1,
      kind: 'chatState',
      payload: { account: '1', jid: 'a@s.whatsapp.net', status: 'open', labels: [{ name: 'VIP', color: '#112233' }], assignedTo: null },
      seq: '7',
      workstationId: 'w2',
      receivedAt: 2,
    };
    const fromTheFuture = { ...good, id: randomUUID(), kind: 'campaignResult', seq: '8' };
    const seen: { auth?: string } = {};
    const url = await serve(200, { events: [good, fromTheFuture], cursor: '8', more: false }, seen);
    const page = await createSyncClient().pull(url, 'ws-token-ws-token', '0');
    expect(page.events.map((e) => e.id)).toEqual([good.id]);
    expect(page.cursor).toBe('8');
    expect(seen.auth).toBe('Bearer ws-token-ws-token');
  });

  it("turns the server's error into a typed failure that says whether a retry can help", async () => {
    const url = await serve(400, { error: { code: 'BAD_REQUEST', message: 'Invalid events.0.id: Invalid UUID' } });
    const failure = await createSyncClient().push(url, 't', []).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncHttpError);
    expect(failure).toMatchObject({ status: 400, code: 'BAD_REQUEST', retryable: false, message: 'Invalid events.0.id: Invalid UUID' });
    const down = await createSyncClient(500).push('http://127.0.0.1:9/', 't', []).catch((e: unknown) => e);
    expect(down).toMatchObject({ status: 0, retryable: true });
  });
});
