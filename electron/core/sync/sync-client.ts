import { z } from 'zod';
import {
  enrolResponseSchema,
  pullResponseSchema,
  pulledEventSchema,
  pushResponseSchema,
  syncErrorSchema,
  type PullResponse,
  type PushResponse,
  type SyncEvent,
} from '../../../shared/sync/protocol';

/** A failed call: `status` 0 when the server could not be reached at all. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
  /** Worth retrying the same request later: the network, the server or its database. */
  get retryable() {
    return this.status === 0 || this.status >= 500 || this.status === 401 || this.status === 429;
  }
}

export interface SyncClient {
  enrol(url: string, enrolmentToken: string, name: string): Promise<{ workstationId: string; token: string }>;
  push(url: string, token: string, events: readonly SyncEvent[]): Promise<PushResponse>;
  pull(url: string, token: string, after: string): Promise<PullResponse>;
}

const lenientPullSchema = pullResponseSchema.extend({ events: z.array(z.unknown()) });

const base = (url: string) => url.replace(/\/+$/, '');

async function call<S extends z.ZodType>(url: string, init: RequestInit, schema: S, timeoutMs: number): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new SyncHttpError(0, 'UNREACHABLE', `The server could not be reached (${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}).`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = syncErrorSchema.safeParse(body);
    throw new SyncHttpError(response.status, parsed.success ? parsed.data.error.code : 'HTTP', parsed.success ? parsed.data.error.message : `HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncHttpError(502, 'BAD_ANSWER', 'The server answered something this version does not understand.');
  return parsed.data;
}

/** The workstation's side of server/PROTOCOL.md, over fetch. The token goes only in the Authorization header. */
export function createSyncClient(timeoutMs = 15_000): SyncClient {
  const json = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
  return {
    enrol: (url, enrolmentToken, name) =>
      call(`${base(url)}/v1/enrol`, { method: 'POST', headers: json(), body: JSON.stringify({ enrolmentToken, name }) }, enrolResponseSchema, timeoutMs),
    push: (url, token, events) =>
      call(`${base(url)}/v1/events`, { method: 'POST', headers: json(token), body: JSON.stringify({ events }) }, pushResponseSchema, timeoutMs),
    pull: async (url, token, after) => {
      const page = await call(`${base(url)}/v1/changes?after=${encodeURIComponent(after)}`, { headers: json(token) }, lenientPullSchema, timeoutMs);
      // An event this version does not understand (a newer workstation's) is passed over, not a reason to stop pulling.
      const events = page.events.flatMap((event) => {
        const parsed = pulledEventSchema.safeParse(event);
        return parsed.success ? [parsed.data] : [];
      });
      return { ...page, events };
    },
  };
}
