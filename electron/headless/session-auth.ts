import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../../shared/wire';
import { SESSION_TTL_MS, type BrowserSessions } from './browser-sessions';

/**
 * Browser mode is a door into WhatsApp accounts. The token travels once, in the URL the server
 * prints; the browser trades it for its own session id (see browser-sessions.ts), kept in an
 * HttpOnly, SameSite=Strict cookie, and the WebSocket upgrade also checks that the page asking
 * comes from this server (Origin) and was addressed to it by a name we serve (Host), which stops
 * DNS-rebinding pages.
 */
export function createSessionAuth(token: string, sessions: BrowserSessions) {
  const expected = Buffer.from(token);
  const matches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const cookieOf = (req: IncomingMessage) => parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];

  return {
    matches,
    /** The live session this request carries (its stored key), or null. */
    sessionOf(req: IncomingMessage): string | null {
      return sessions.find(cookieOf(req));
    },
    /** `Authorization: Bearer <token>`, for monitoring tools (only /health and /metrics accept it). */
    hasBearer(req: IncomingMessage): boolean {
      const header = req.headers.authorization;
      return header?.startsWith('Bearer ') === true && matches(header.slice('Bearer '.length).trim());
    },
    /** A new session's Set-Cookie; `Secure` when the browser reached us over HTTPS. */
    newSessionCookie(req: IncomingMessage): string {
      return serializeCookie(SESSION_COOKIE, sessions.create(), { ...cookieOptions(req), maxAge: SESSION_TTL_MS / 1000 });
    },
    /** Signs this browser out: the session is forgotten and the cookie cleared. */
    endSession(req: IncomingMessage): { cookie: string; session: string | null } {
      const session = sessions.find(cookieOf(req));
      sessions.revoke(cookieOf(req));
      return { session, cookie: serializeCookie(SESSION_COOKIE, '', { ...cookieOptions(req), maxAge: 0 }) };
    },
  };
}

/**
 * HTTPS either here or at a reverse proxy in front (X-Forwarded-Proto). Trusting the header is
 * harmless: a spoofed "https" only makes the browser drop the cookie over plain HTTP.
 */
function cookieOptions(req: IncomingMessage) {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure };
}

/**
 * Hosts a browser may use to reach us: the bound address, plus localhost forms when bound to
 * loopback. Bound to every interface ('0.0.0.0' / '::'), any name is allowed (the shop's LAN
 * address or host name) and the Origin check plus the cookie still apply.
 */
export function allowedHosts(host: string, port: number): Set<string> | 'any' {
  if (host === '0.0.0.0' || host === '::') return 'any';
  const names = new Set([host]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') ['127.0.0.1', 'localhost', '[::1]'].forEach((n) => names.add(n));
  return new Set([...names].map((n) => `${n.includes(':') && !n.startsWith('[') ? `[${n}]` : n}:${port}`));
}

/** True when both the Host header and (if present) the Origin name a host we serve. */
export function isSameOriginRequest(req: IncomingMessage, hosts: Set<string> | 'any'): boolean {
  const host = req.headers.host;
  if (!host || (hosts !== 'any' && !hosts.has(host))) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
