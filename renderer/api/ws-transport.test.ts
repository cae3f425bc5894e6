import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../shared/contract';
import type { ConnectionStatus } from './transport';
import { createWsTransport, type Timers, type WebSocketLike } from './ws-transport';

/** A scripted socket: the test decides when it opens, what the server says and when it drops. */
function fakeSocketClass() {
  const sockets: FakeSocket[] = [];
  class FakeSocket implements WebSocketLike {
    readyState = 0;
    sent: unknown[] = [];
    onopen: ((event: unknown) => void) | null = null;
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: unknown }) => void) | null = null;
    constructor(readonly url: string) {
      sockets.push(this);
    }
    send(data: string) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
      this.sent.push(JSON.parse(data));
    }
    close() {
      this.drop(1000);
    }
    open() {
      this.readyState = 1;
      this.onopen?.({});
    }
    receive(frame: unknown) {
      this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }
    drop(code = 1006) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.onerror?.({});
      this.onclose?.({ code, reason: '' });
    }
  }
  return { FakeSocket, sockets };
}

function manualTimers() {
  const scheduled: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout(fn, ms) {
      const entry = { fn, ms, cleared: false };
      scheduled.push(entry);
      return entry;
    },
    clearTimeout(handle) {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  const runNext = () => {
    const entry = scheduled.find((e) => !e.cleared);
    if (!entry) throw new Error('nothing scheduled');
    entry.cleared = true;
    entry.fn();
    return entry.ms;
  };
  return { timers, scheduled, runNext };
}

function setup(options: { isUnauthorized?: () => Promise<boolean> } = {}) {
  const { FakeSocket, sockets } = fakeSocketClass();
  const clock = manualTimers();
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:4000/ws',
    WebSocketImpl: FakeSocket,
    timers: clock.timers,
    random: () => 1, // no jitter: delays are exactly the back-off
    initialDelayMs: 500,
    maxDelayMs: 4000,
    ...options,
  });
  const statuses: ConnectionStatus[] = [];
  transport.onStatus((s) => statuses.push(s));
  const current = () => {
    const socket = sockets[sockets.length - 1];
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { transport, sockets, current, statuses, ...clock };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WebSocket transport', () => {
  it('connects to the given URL and sends calls made before the socket opened once it does', async () => {
    const { transport, current } = setup();
    expect(current().url).toBe('ws://127.0.0.1:4000/ws');
    const answer = transport.invoke('accounts.list', {});
    expect(current().sent).toEqual([]);
    current().open();
    expect(current().sent).toEqual([{ id: 1, method: 'accounts.list', payload: {} }]);
    current().receive({ type: 'result', id: 1, result: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const { transport, current } = setup();
    current().open();
    const first = transport.invoke('settings.get', {});
    const second = transport.invoke('app.info', {});
    current().receive({ type: 'result', id: 2, result: { ok: true, value: 'info' } });
    current().receive({ type: 'result', id: 1, result: { ok: false, error: { code: 'INTERNAL', message: 'boom' } } });
    await expect(second).resolves.toEqual({ ok: true, value: 'info' });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('hands event frames to every listener as {topic, items} batches', () => {
    const { transport, current } = setup();
    const a: EventBatch[] = [];
    const b: EventBatch[] = [];
    transport.onEvent((batch) => a.push(batch));
    const offB = transport.onEvent((batch) => b.push(batch));
    current().open();
    const items = [{ id: 'acc1', state: 'connected' }];
    current().receive({ type: 'event', topic: 'account.status', items });
    offB();
    current().receive({ type: 'event', topic: 'chats.upserted', items: [] });
    expect(a).toEqual([
      { topic: 'account.status', items },
      { topic: 'chats.upserted', items: [] },
    ]);
    expect(b).toEqual([{ topic: 'account.status', items }]);
  });

  it('ignores frames it cannot use and keeps working', async () => {
    const { transport, current } = setup();
    const events: EventBatch[] = [];
    transport.onEvent((batch) => events.push(batch));
    current().open();
    const call = transport.invoke('settings.get', {});
    current().receive('not json {');
    current().receive({ type: 'event', topic: 'campaign.progress', items: [{}] }); // from a newer server
    current().receive({ type: 'event', topic: 'chats.upserted', items: 'nope' });
    current().receive({ type: 'result', id: null, result: { ok: false, error: { code: 'BAD_REQUEST', message: 'x' } } });
    current().receive({ type: 'result', id: 99, result: { ok: true, value: 1 } });
    current().receive({ type: 'result', id: 1, result: { ok: true, value: 'done' } });
    await expect(call).resolves.toEqual({ ok: true, value: 'done' });
    expect(events).toEqual([]);
  });

  it('answers a malformed result frame with INTERNAL instead of passing garbage on', async () => {
    const { transport, current } = setup();
    current().open();
    const call = transport.invoke('settings.get', {});
    current().receive({ type: 'result', id: 1, result: { value: 3 } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('fails pending calls with TRANSPORT_CLOSED when the socket drops, then reconnects with growing back-off', async () => {
    const { transport, current, sockets, statuses, runNext } = setup();
    current().open();
    const pending = transport.invoke('accounts.list', {});
    current().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_CLOSED' } });
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting']);

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(runNext());
      current().drop(); // the server is still down
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(sockets).toHaveLength(6);

    delays.length = 0;
    delays.push(runNext());
    current().open();
    expect(statuses[statuses.length - 1]).toBe('open');
    // A later drop starts the back-off from the beginning again.
    current().drop();
    delays.push(runNext());
    expect(delays).toEqual([4000, 500]);
  });

  it('fails calls made while reconnecting if that attempt fails, and sends them if it succeeds', async () => {
    const { transport, current, runNext } = setup();
    current().open();
    current().drop();
    const lost = transport.invoke('accounts.list', {});
    runNext();
    current().drop();
    await expect(lost).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_CLOSED' } });

    const kept = transport.invoke('accounts.list', {});
    runNext();
    current().open();
    expect(current().sent).toEqual([{ id: 2, method: 'accounts.list', payload: {} }]);
    current().receive({ type: 'result', id: 2, result: { ok: true, value: ['a'] } });
    await expect(kept).resolves.toEqual({ ok: true, value: ['a'] });
  });

  it('reports unauthorized when a refused connection is explained by the session probe, without flickering', async () => {
    let refused = true;
    let probes = 0;
    const { current, statuses, runNext } = setup({
      isUnauthorized: async () => {
        probes += 1;
        return refused;
      },
    });
    current().drop(); // refused before it ever opened
    await flush();
    expect(statuses).toEqual(['connecting', 'unauthorized']);
    runNext();
    current().drop();
    await flush();
    expect(statuses).toEqual(['connecting', 'unauthorized']);
    expect(probes).toBe(2);

    // The person opened the URL with the token in another tab: the next attempt gets in.
    refused = false;
    runNext();
    current().open();
    expect(statuses).toEqual(['connecting', 'unauthorized', 'open']);
  });

  it('treats a refused connection as an outage when the probe says the session is fine', async () => {
    const { current, statuses, scheduled } = setup({ isUnauthorized: async () => false });
    current().drop();
    await flush();
    expect(statuses).toEqual(['connecting']);
    expect(scheduled.filter((e) => !e.cleared)).toHaveLength(1);
  });

  it('does not probe the session after a drop of a socket that had opened', async () => {
    let probes = 0;
    const { current } = setup({
      isUnauthorized: async () => {
        probes += 1;
        return true;
      },
    });
    current().open();
    current().drop();
    await flush();
    expect(probes).toBe(0);
  });

  it('close() stops reconnecting and fails what is pending', async () => {
    const { transport, current, sockets, scheduled } = setup();
    const pending = transport.invoke('accounts.list', {});
    transport.close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_CLOSED' } });
    expect(scheduled.filter((e) => !e.cleared)).toHaveLength(0);
    expect(sockets).toHaveLength(1);
    expect(current().readyState).toBe(3);
    await expect(transport.invoke('accounts.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_CLOSED' } });
  });
});
