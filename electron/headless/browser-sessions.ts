import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** How long a browser stays signed in after trading the token (the cookie's Max-Age too). */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** More browsers than a shop has: past this the oldest session is signed out. */
export const MAX_SESSIONS = 50;

const storedSessions = z.object({
  /** Fingerprint of the token the sessions were minted under: a new token signs everyone out. */
  tokenFingerprint: z.string(),
  sessions: z.array(z.object({ hash: z.string(), createdAt: z.number(), expiresAt: z.number() })),
});

interface Session {
  createdAt: number;
  expiresAt: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Browser sessions: each browser that opens the address with the token gets its own random id,
 * so the cookie is never the token itself and one browser can be signed out without the others.
 * Only a hash of each id is kept (in memory and, when `file` is given, on disk so a restart
 * signs nobody out); someone who reads the file cannot use it as a cookie.
 */
export function createBrowserSessions(options: { token: string; file?: string; now?: () => number }) {
  const now = options.now ?? Date.now;
  const tokenFingerprint = sha256(`mostrador-token:${options.token}`);
  const sessions = new Map<string, Session>(loadSessions());

  function loadSessions(): [string, Session][] {
    if (!options.file) return [];
    try {
      const stored = storedSessions.parse(JSON.parse(readFileSync(options.file, 'utf8')));
      if (stored.tokenFingerprint !== tokenFingerprint) return [];
      return stored.sessions.filter((s) => s.expiresAt > now()).map((s) => [s.hash, { createdAt: s.createdAt, expiresAt: s.expiresAt }]);
    } catch {
      // Missing or unreadable: nobody is signed in, which is safe; the token signs in again.
      return [];
    }
  }

  function save() {
    if (!options.file) return;
    const body = JSON.stringify({ tokenFingerprint, sessions: [...sessions].map(([hash, s]) => ({ hash, ...s })) });
    const temporary = `${options.file}.tmp`;
    writeFileSync(temporary, body, { mode: 0o600 });
    renameSync(temporary, options.file);
  }

  /** The stored key of a live session, or null. */
  function find(sessionId: string | undefined): string | null {
    if (!sessionId) return null;
    const hash = sha256(sessionId);
    const session = sessions.get(hash);
    if (!session) return null;
    if (session.expiresAt <= now()) {
      sessions.delete(hash);
      save();
      return null;
    }
    return hash;
  }

  return {
    /** A new session for a browser that just showed the token; returns the id for its cookie. */
    create(): string {
      const id = randomBytes(32).toString('base64url');
      const createdAt = now();
      sessions.set(sha256(id), { createdAt, expiresAt: createdAt + SESSION_TTL_MS });
      while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      save();
      return id;
    },
    /** The session's key (stable per browser, safe to log) when the id is live, else null. */
    find,
    /** Signs one browser out; true when it was signed in. */
    revoke(sessionId: string | undefined): boolean {
      const hash = find(sessionId);
      if (!hash) return false;
      sessions.delete(hash);
      save();
      return true;
    },
    get size() {
      return sessions.size;
    },
  };
}

export type BrowserSessions = ReturnType<typeof createBrowserSessions>;
