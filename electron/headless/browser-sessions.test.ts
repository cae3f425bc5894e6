import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserSessions, MAX_SESSIONS, SESSION_TTL_MS } from './browser-sessions';
import { startupAddressLines } from './headless-config';

const token = 't'.repeat(40);
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const sessionsFile = () => {
  dir = mkdtempSync(join(tmpdir(), 'mostrador-sessions-'));
  return join(dir, 'headless-sessions.json');
};

describe('browser sessions', () => {
  it('gives each browser its own id, never the token, and keeps only hashes on disk (0600)', () => {
    const file = sessionsFile();
    const sessions = createBrowserSessions({ token, file });
    const a = sessions.create();
    const b = sessions.create();
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(sessions.find(a)).not.toBeNull();
    expect(sessions.find(token)).toBeNull();
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(a);
    expect(stored).not.toContain(token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('survives a restart, and a new token signs every browser out', () => {
    const file = sessionsFile();
    const id = createBrowserSessions({ token, file }).create();
    expect(createBrowserSessions({ token, file }).find(id)).not.toBeNull();
    expect(createBrowserSessions({ token: 'n'.repeat(40), file }).find(id)).toBeNull();
  });

  it('signs one browser out without touching the others, also after a restart', () => {
    const file = sessionsFile();
    const sessions = createBrowserSessions({ token, file });
    const kept = sessions.create();
    const gone = sessions.create();
    expect(sessions.revoke(gone)).toBe(true);
    expect(sessions.revoke(gone)).toBe(false);
    const reopened = createBrowserSessions({ token, file });
    expect(reopened.find(gone)).toBeNull();
    expect(reopened.find(kept)).not.toBeNull();
  });

  it('ends a session after its time to live and keeps at most MAX_SESSIONS', () => {
    let clock = 1_000_000;
    const sessions = createBrowserSessions({ token, now: () => clock });
    const first = sessions.create();
    clock += SESSION_TTL_MS - 1;
    expect(sessions.find(first)).not.toBeNull();
    clock += 1;
    expect(sessions.find(first)).toBeNull();

    const ids = Array.from({ length: MAX_SESSIONS + 1 }, () => sessions.create());
    expect(sessions.size).toBe(MAX_SESSIONS);
    expect(sessions.find(ids[0])).toBeNull();
    expect(sessions.find(ids.at(-1))).not.toBeNull();
  });

  it('starts with nobody signed in when the file is damaged', () => {
    const file = sessionsFile();
    createBrowserSessions({ token, file }).create();
    writeFileSync(file, '{not json');
    expect(createBrowserSessions({ token, file }).size).toBe(0);
  });
});

describe('start-up address', () => {
  const address = { base: 'http://127.0.0.1:4780/', withToken: `http://127.0.0.1:4780/?token=${token}` };

  it('prints the token only to a terminal', () => {
    expect(startupAddressLines(address, { token, file: '/data/headless-token' }, true).join('\n')).toContain(token);
    const piped = startupAddressLines(address, { token, file: '/data/headless-token' }, false).join('\n');
    expect(piped).not.toContain(token);
    expect(piped).toContain('http://127.0.0.1:4780/');
    expect(piped).toContain('/data/headless-token');
    expect(startupAddressLines(address, { token, file: null }, false).join('\n')).toContain('MOSTRADOR_TOKEN');
  });
});
