import type { WebSocket } from 'ws';
import type { Core } from '../core';
import { fail } from '../../shared/result';
import type { WireServerFrame } from '../../shared/wire';

/** Carries the contract over one browser WebSocket: calls in, results and event batches out. */
export function serveContractOverSocket(socket: WebSocket, core: Pick<Core, 'dispatch' | 'subscribe'>) {
  const send = (frame: WireServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = core.subscribe((batch) => send({ type: 'event', ...batch }));

  socket.on('message', async (data, isBinary) => {
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
    send({ type: 'result', id, result: await core.dispatch(request.method, request.payload) });
  });
  socket.on('close', unsubscribe);
}
