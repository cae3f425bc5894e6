import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core';
import { mediaIdFromPath, mediaResponse, MEDIA_PATH_PREFIX } from '../core/media/media-http';
import { MAX_MEDIA_BASE64 } from '../../shared/contract';
import { LOGOUT_PATH, WS_PATH } from '../../shared/wire';
import { securityHeaders } from './security-headers';
import { createBrowserSessions } from './browser-sessions';
import { allowedHosts, createSessionAuth, isSameOriginRequest } from './session-auth';
import { serveContractOverSocket } from './ws-transport';

export interface HeadlessServerOptions {
  core: Pick<Core, 'dispatch' | 'subscribe' | 'openMedia' | 'health' | 'metrics'>;
  rendererDir: string;
  token: string;
  /** Where browser sessions survive a restart (0600); without it they live in memory only. */
  sessionsFile?: string;
  host: string;
  port: number;
  /** Connection-level trouble (a broken frame, a reset socket): logged, never fatal. */
  onConnectionError?: (error: Error) => void;
}

/**
 * The largest legal request: a file at the contract's limit in base64 (`messages.sendMedia`,
 * `campaigns.create`, `campaigns.parseFile`) plus the rest of the frame, whose biggest part is a
 * chats audience of 100,000 ids (under 1 MB). A frame past this is refused with close code 1009.
 */
export const MAX_FRAME_BYTES = MAX_MEDIA_BASE64 + 2 * 1024 * 1024;

const needTokenPage = `<!doctype html><meta charset="utf-8"><title>Mostrador</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;line-height:1.5">
<h1>Mostrador</h1>
<p lang="es">Abre la dirección completa (con <code>?token=…</code>) que mostró <code>npm run serve</code> al arrancar.</p>
<p lang="en">Open the full address (with <code>?token=…</code>) that <code>npm run serve</code> printed when it started.</p>
</body>`;

/** Browser mode: the built renderer plus the contract over WebSocket, behind a token. */
export async function startHeadlessServer(options: HeadlessServerOptions) {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${options.rendererDir} has no index.html): run npm run build`);
  }
  const auth = createSessionAuth(options.token, createBrowserSessions({ token: options.token, file: options.sessionsFile }));
  /** Open WebSockets by session, so signing a browser out also closes its tabs. */
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const serveStatic = sirv(options.rendererDir, { single: true, etag: true, gzip: false, brotli: false });
  let hosts: Set<string> | 'any' = new Set<string>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (!isSameOriginRequest(req, hosts)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!auth.matches(offered)) {
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(needTokenPage);
        return;
      }
      // Trade the token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(302, { 'set-cookie': auth.newSessionCookie(req), location: url.pathname + url.search }).end();
      return;
    }
    if (url.pathname === LOGOUT_PATH) {
      signOut(req, res);
      return;
    }
    // Monitoring tools cannot hold a cookie: /health and /metrics also take the token as a bearer.
    const ops = url.pathname === '/health' || url.pathname === '/metrics';
    if (!auth.sessionOf(req) && !(ops && auth.hasBearer(req))) {
      if (ops) res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('Unauthorized');
      else res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(needTokenPage);
      return;
    }
    if (ops) {
      void serveOps(req, res, url.pathname);
      return;
    }
    if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
      serveMedia(req, res, url.pathname);
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404).end();
    });
  };

  const signOut = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const { session, cookie } = auth.endSession(req);
    for (const ws of (session && socketsBySession.get(session)) || []) ws.close(1008, 'signed out');
    res.writeHead(204, { 'set-cookie': cookie, 'cache-control': 'no-store' }).end();
  };

  const serveOps = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      if (pathname === '/health') {
        const report = options.core.health();
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
      } else {
        const { contentType, body } = await options.core.metrics();
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      }
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    }
  };

  /** `/media/<message id>`: a message's file, behind the same session as everything else. */
  const serveMedia = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const id = mediaIdFromPath(pathname);
    const file = id === null ? null : options.core.openMedia(id);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const { status, headers, range } = mediaResponse(file, req.headers.range);
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || status === 416) {
      res.end();
      return;
    }
    const stream = createReadStream(file.path, range ?? {});
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const reportError = (error: Error) => {
    try {
      options.onConnectionError?.(error);
    } catch {
      // a failing reporter must not become the crash it reports
    }
  };
  const http = createServer(handle);
  http.on('error', reportError);
  http.on('clientError', (error, socket) => {
    reportError(error);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', reportError);
  http.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must not raise an unhandled 'error' on the raw socket.
    socket.on('error', (error) => {
      reportError(error);
      socket.destroy();
    });
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const session = path === WS_PATH && isSameOriginRequest(req, hosts) ? auth.sessionOf(req) : null;
    if (!session) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const open = socketsBySession.get(session) ?? new Set();
      socketsBySession.set(session, open.add(ws));
      ws.once('close', () => {
        open.delete(ws);
        if (open.size === 0) socketsBySession.delete(session);
      });
      serveContractOverSocket(ws, options.core, { onConnectionError: reportError });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port);
  const printableHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    baseUrl: `http://${printableHost}:${port}/`,
    url: `http://${printableHost}:${port}/?token=${options.token}`,
    async close() {
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
