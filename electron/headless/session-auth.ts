import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../../shared/wire';

/**
 * Browser mode is a door into WhatsApp accounts. The token travels once, in the URL the server
 * prints; the browser then keeps it in an HttpOnly, SameSite=Strict cookie, and the WebSocket
 * upgrade also checks that the page asking comes from this server (Origin) and was addressed to
 * it by a name we serve (Host), which stops DNS-rebinding pages.
 */
export function createSessionAuth(token: string) {
  const expected = Buffer.from(token);
  const matches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    matches,
    hasSession(req: IncomingMessage): boolean {
      return matches(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]);
    },
    /** `Authorization: Bearer <token>`, for monitoring tools (only /health and /metrics accept it). */
    hasBearer(req: IncomingMessage): boolean {
      const header = req.headers.authorization;
      return header?.startsWith('Bearer ') === true && matches(header.slice('Bearer '.length).trim());
    },
    sessionCookie(secure: boolean): string {
      return serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure });
    },
  };
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
