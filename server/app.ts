import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { MAX_BODY_BYTES, enrolRequestSchema, pushRequestSchema, syncErrorCodes } from '../shared/sync/protocol';
import type { ServerDb } from './db/open-server-db';
import { languageOf, renderSupervisorPage } from './supervisor-page';
import { readSupervisorView } from './supervisor-view';
import { enrol, isEnrolmentToken, pullAfter, pushBatch, workstationOf } from './sync-store';
import { bearerOf } from './tokens';

type ErrorCode = (typeof syncErrorCodes)[number];
const statusOf: Record<ErrorCode, ContentfulStatusCode> = { UNAUTHORIZED: 401, BAD_REQUEST: 400, PAYLOAD_TOO_LARGE: 413, NOT_FOUND: 404, INTERNAL: 500 };

const fail = (c: Context, code: ErrorCode, message: string) => c.json({ error: { code, message } }, statusOf[code]);

async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S> | Response> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return fail(c, 'BAD_REQUEST', 'The body is not JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail(c, 'BAD_REQUEST', `Invalid ${first?.path.join('.') || 'body'}: ${first?.message ?? 'malformed'}`);
  }
  return parsed.data;
}

/** The supervisor's browser sends the enrolment token as a Basic password (any user name) or a Bearer. */
function supervisorTokenOf(header: string | undefined): string | undefined {
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').slice(1).join(':');
  return bearerOf(header);
}

/** The central server's HTTP surface (server/PROTOCOL.md). Stateless: every request reads the database. */
export function createServerApp(db: ServerDb, logger: { error(...args: unknown[]): void } = console) {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 'PAYLOAD_TOO_LARGE', `Bodies are limited to ${MAX_BODY_BYTES} bytes.`) });

  app.onError((error, c) => {
    logger.error({ err: error }, 'request failed');
    return fail(c, 'INTERNAL', 'The server could not handle the request.');
  });
  app.notFound((c) => fail(c, 'NOT_FOUND', 'No such endpoint.'));

  app.get('/health', (c) => c.json({ ok: true }));

  app.post('/v1/enrol', limit, async (c) => {
    const body = await parseBody(c, enrolRequestSchema);
    if (body instanceof Response) return body;
    const enrolled = await enrol(db, body.enrolmentToken, body.name);
    if (!enrolled) return fail(c, 'UNAUTHORIZED', 'That enrolment token is not valid.');
    return c.json(enrolled, 201);
  });

  const authenticate = async (c: Context) => {
    const token = bearerOf(c.req.header('authorization'));
    return token ? workstationOf(db, token) : undefined;
  };

  app.post('/v1/events', limit, async (c) => {
    const workstationId = await authenticate(c);
    if (!workstationId) return fail(c, 'UNAUTHORIZED', 'Missing or unknown workstation token.');
    const body = await parseBody(c, pushRequestSchema);
    if (body instanceof Response) return body;
    return c.json(await pushBatch(db, workstationId, body.events));
  });

  app.get('/v1/changes', async (c) => {
    const workstationId = await authenticate(c);
    if (!workstationId) return fail(c, 'UNAUTHORIZED', 'Missing or unknown workstation token.');
    const after = c.req.query('after') ?? '0';
    if (!/^\d{1,18}$/.test(after)) return fail(c, 'BAD_REQUEST', 'after must be a sequence number.');
    return c.json(await pullAfter(db, workstationId, BigInt(after)));
  });

  app.get('/', async (c) => {
    const token = supervisorTokenOf(c.req.header('authorization'));
    if (!token || !(await isEnrolmentToken(db, token))) {
      c.header('WWW-Authenticate', 'Basic realm="Mostrador", charset="UTF-8"');
      return c.text('Token required / Se necesita el token', 401);
    }
    return c.html(renderSupervisorPage(await readSupervisorView(db), languageOf(c.req.header('accept-language'))));
  });

  return app;
}
