import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Core } from '../core';
import { fail } from '../../shared/result';
import type { WireServerFrame } from '../../shared/wire';

/** Calls one connection may have running at once; past that the socket stops reading until one answers. */
export const MAX_CALLS_IN_FLIGHT = 32;
/** Answers and events queued for a tab that stopped reading; past this the connection is dropped (1008). */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface TransportOptions {
  /** A broken frame or a dead peer: reported, never thrown (an unhandled 'error' event would end the process). */
  onConnectionError?: (error: Error) => void;
}

/** Carries the contract over one browser WebSocket: calls in, results and event batches out. */
export function serveContractOverSocket(socket: WebSocket, core: Pick<Core, 'dispatch' | 'subscribe'>, options: TransportOptions = {}) {
  // ws closes the connection itself with the right code (1007 invalid UTF-8, 1009 too big, 1002
  // protocol error) and then emits 'error': this listener only keeps that from being fatal.
  socket.on('error', (error) => options.onConnectionError?.(error));

  // Answers finished in the same turn of the event loop leave in one write: a screen's worth of
  // calls read from one packet costs one system call back instead of one per answer. The frames
  // stay separate; the socket is uncorked before control returns to the event loop, so nothing
  // waits. Only while other calls are running (a lone call has nothing to share its write with).
  // ws keeps its TCP socket in `_socket` (pinned 8.x); without one, frames go one by one.
  const tcp = (socket as unknown as { _socket?: Partial<Pick<Socket, 'cork' | 'uncork'>> })._socket;
  let corked = false;
  /** Calls dispatched and not yet answered on this connection. */
  let inFlight = 0;
  const uncork = () => {
    corked = false;
    tcp?.uncork?.();
  };
  const holdWritesForThisTurn = () => {
    if (corked || typeof tcp?.cork !== 'function') return;
    corked = true;
    tcp.cork();
    // After every promise of this turn has settled (ticks queued from microtasks run last).
    process.nextTick(uncork);
  };

  const send = (frame: WireServerFrame) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1008, 'not reading');
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      options.onConnectionError?.(error as Error);
      if (frame.type !== 'result') return;
      text = JSON.stringify({ type: 'result', id: frame.id, result: fail({ code: 'INTERNAL', message: 'The answer could not be encoded' }) });
    }
    if (inFlight > 1) holdWritesForThisTurn();
    socket.send(text);
  };
  const unsubscribe = core.subscribe((batch) => send({ type: 'event', ...batch }));

  const answer = async (id: number, method: string, payload: unknown) => {
    inFlight += 1;
    if (inFlight >= MAX_CALLS_IN_FLIGHT && !socket.isPaused) socket.pause();
    try {
      send({ type: 'result', id, result: await core.dispatch(method, payload) });
    } catch (error) {
      // dispatch never throws by contract; if it ever does, this call fails and the connection lives.
      options.onConnectionError?.(error as Error);
      send({ type: 'result', id, result: fail({ code: 'INTERNAL', message: 'Something went wrong' }) });
    } finally {
      inFlight -= 1;
      if (inFlight < MAX_CALLS_IN_FLIGHT && socket.isPaused && socket.readyState === socket.OPEN) socket.resume();
    }
  };

  socket.on('message', (data, isBinary) => {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      frame = undefined;
    }
    const request = frame as { id?: unknown; method?: unknown; payload?: unknown } | undefined;
    const id = typeof request?.id === 'number' && Number.isSafeInteger(request.id) ? request.id : null;
    if (!request || typeof request !== 'object' || id === null || typeof request.method !== 'string') {
      // A malformed frame gets a typed answer; the connection stays up.
      send({ type: 'result', id, result: fail({ code: 'BAD_REQUEST', message: 'A request frame is {id: number, method: string, payload}' }) });
      return;
    }
    void answer(id, request.method, request.payload);
  });
  socket.on('close', unsubscribe);
}
