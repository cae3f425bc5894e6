import { eventTopics, type EventBatch } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { WireRequest } from '../../shared/wire';
import type { ConnectionStatus, Transport } from './transport';

/** The part of the DOM WebSocket we use, so tests can inject a fake class. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketClass = new (url: string) => WebSocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WsTransportOptions {
  url: string;
  WebSocketImpl: WebSocketClass;
  /**
   * Asked when a connection attempt fails before it opened. The browser hides the HTTP status of a
   * refused upgrade, so this probes the server another way; true means "your session is not valid".
   */
  isUnauthorized?: () => Promise<boolean>;
  timers?: Timers;
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

const OPEN = 1; // WebSocket.OPEN; the constant is not on the fake class in tests.

interface PendingCall {
  frame: string;
  sent: boolean;
  resolve: (result: Result<unknown>) => void;
}

const closedResult = (message: string): Result<never> => ({ ok: false, error: { code: 'TRANSPORT_CLOSED', message } });
const knownTopics: ReadonlySet<string> = new Set(eventTopics);

/** Calls and events over one WebSocket, reconnecting with jittered exponential back-off. */
export function createWsTransport(options: WsTransportOptions): Transport {
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;

  const pending = new Map<number, PendingCall>();
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let hasOpened = false;
  let closedByUs = false;
  let retryTimer: unknown = null;

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) safely(() => listener(next));
  };

  const failAll = (message: string) => {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.resolve(closedResult(message));
  };

  const flush = () => {
    for (const call of pending.values()) {
      if (call.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(call.frame);
      call.sent = true;
    }
  };

  const handleFrame = (data: unknown) => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      console.warn('mostrador: ignoring a frame that is not JSON');
      return;
    }
    if (!isObject(frame)) return;
    if (frame.type === 'result') {
      if (typeof frame.id !== 'number') {
        // id null: the server could not read one of our frames; nothing to match it to.
        console.warn('mostrador: server could not read a request', frame.result);
        return;
      }
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      call.resolve(isResult(frame.result) ? frame.result : { ok: false, error: { code: 'INTERNAL', message: 'Malformed result frame' } });
    } else if (frame.type === 'event') {
      // Unknown topics come from a newer server: skip them rather than break the cache.
      if (typeof frame.topic !== 'string' || !knownTopics.has(frame.topic) || !Array.isArray(frame.items)) return;
      const batch = { topic: frame.topic, items: frame.items } as EventBatch;
      for (const listener of eventListeners) safely(() => listener(batch));
    }
  };

  const scheduleReconnect = () => {
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    attempt += 1;
    // Jitter so many tabs do not hammer a restarting server in lockstep.
    const delay = Math.round(base * (0.5 + random() / 2));
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (closedByUs) return;
    if (status !== 'unauthorized') setStatus(hasOpened ? 'reconnecting' : 'connecting');
    let opened = false;
    const ws = new options.WebSocketImpl(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      opened = true;
      hasOpened = true;
      attempt = 0;
      setStatus('open');
      flush();
    };
    ws.onmessage = (event) => {
      if (socket === ws) handleFrame(event.data);
    };
    ws.onerror = () => {
      // A close event always follows; that is where we recover.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('Connection to Mostrador closed');
      if (closedByUs) return;
      if (status !== 'unauthorized') setStatus(hasOpened ? 'reconnecting' : 'connecting');
      if (!opened && options.isUnauthorized) {
        options.isUnauthorized().then(
          (refused) => {
            if (refused && status !== 'open' && !closedByUs) setStatus('unauthorized');
          },
          () => {},
        );
      }
      scheduleReconnect();
    };
  };

  connect();

  return {
    invoke(method, payload) {
      if (closedByUs) return Promise.resolve(closedResult('Transport closed'));
      const id = nextId++;
      const request: WireRequest = { id, method, payload };
      return new Promise((resolve) => {
        const call: PendingCall = { frame: JSON.stringify(request), sent: false, resolve };
        pending.set(id, call);
        // Calls made while (re)connecting wait for the socket (flushed on open); they fail if that
        // attempt fails. An open socket takes the call at once, without walking every call in flight.
        if (socket && socket.readyState === OPEN) {
          socket.send(call.frame);
          call.sent = true;
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      socket?.close(1000, 'client closed');
      socket = null;
      failAll('Transport closed');
    },
  };
}

function safely(fn: () => void) {
  try {
    fn();
  } catch (error) {
    console.error('mostrador: listener failed', error);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isObject(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isObject(value.error) && typeof value.error.code === 'string';
}
