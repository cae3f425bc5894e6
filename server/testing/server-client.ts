import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { SyncEvent } from '../../shared/sync/protocol';

/** A minimal HTTP client for the server tests: raw requests so bad input can be sent too. */
export function serverClient(url: string) {
  const call = async (method: string, path: string, { token, body, raw }: { token?: string; body?: unknown; raw?: string } = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json: json as any, text }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    call,
    async enrol(enrolmentToken: string, name: string) {
      const { status, json } = await call('POST', '/v1/enrol', { body: { enrolmentToken, name } });
      if (status !== 201) throw new Error(`enrol failed: ${status}`);
      return json as { workstationId: string; token: string };
    },
    /** A body posted with node:http: the server may answer (413) before it has read it all, which fetch reports as a failure. */
    postLarge(path: string, token: string, body: string) {
      return new Promise<{ status: number; json: any }>((resolve, reject) => { // eslint-disable-line @typescript-eslint/no-explicit-any
        const req = request(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
        });
        req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
        req.end(body);
      });
    },
    push: (token: string, events: SyncEvent[]) => call('POST', '/v1/events', { token, body: { events } }),
    pull: (token: string, after = '0') => call('GET', `/v1/changes?after=${after}`, { token }),
  };
}

/** A chat-state event for account `account`, customer `jid`. */
export function chatStateEvent(jid: string, labels: string[], options: { occurredAt?: number; account?: string; assignedTo?: string } = {}): SyncEvent {
  return {
    id: randomUUID(),
    occurredAt: options.occurredAt ?? Date.now(),
    kind: 'chatState',
    payload: { account: options.account ?? '15550001111', jid, status: 'open', labels: labels.map((name) => ({ name, color: '#3b82f6' })), assignedTo: options.assignedTo ?? null },
  };
}

export function messageEvent(jid: string, agent: string | null, account = '15550001111'): SyncEvent {
  return { id: randomUUID(), occurredAt: Date.now(), kind: 'message', payload: { account, jid, waId: randomUUID(), direction: agent ? 'out' : 'in', at: Date.now(), sentBy: agent ? 'agent' : null, agent } };
}
