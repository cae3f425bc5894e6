import type { WAVersion } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { setImmediate as settle } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAccountManager } from '../accounts/account-manager';
import { createEventBus } from '../events/event-bus';
import { createSecretBox } from '../secrets/secret-box';
import { FakeClock } from '../testing/fake-clock';
import { fakeSocketFactory } from '../testing/fake-socket';
import { silentLogger } from '../testing/silent-logger';
import { tempDir } from '../testing/temp-dir';
import { openTestDatabase } from '../testing/test-database';
import { silentInbox } from '../testing/silent-inbox';
import { builtInWaWebVersion, createWaWebVersionResolver, type WaWebVersionFetcher } from './wa-web-version';

const current: WAVersion = [2, 3000, 1099999999];

/** A pino logger whose lines the test reads. */
function recordingLogger() {
  const lines: { level: number; msg: string; version?: string; source?: string; reason?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function countingFetcher(answer: WaWebVersionFetcher) {
  const calls: AbortSignal[] = [];
  const fetcher: WaWebVersionFetcher = (init) => {
    calls.push(init.signal);
    return answer(init);
  };
  return { fetcher, calls };
}

describe('WhatsApp Web version', () => {
  it('connects with the version web.whatsapp.com answers, and says so in the log', async () => {
    const { logger, lines } = recordingLogger();
    const { fetcher } = countingFetcher(async () => ({ version: current, isLatest: true }));
    const resolve = createWaWebVersionResolver({ logger, fetcher });
    expect(await resolve()).toEqual(current);
    expect(lines).toContainEqual(expect.objectContaining({ version: '2.3000.1099999999', source: 'web.whatsapp.com' }));
  });

  it('falls back to the built-in version when the fetch fails, and logs why', async () => {
    const { logger, lines } = recordingLogger();
    // Baileys' fetcher does not throw: it answers its built-in version with the error.
    const { fetcher } = countingFetcher(async () => ({ version: builtInWaWebVersion, isLatest: false, error: new Error('getaddrinfo ENOTFOUND web.whatsapp.com') }));
    const resolve = createWaWebVersionResolver({ logger, fetcher });
    expect(await resolve()).toEqual(builtInWaWebVersion);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, version: builtInWaWebVersion.join('.'), source: 'built-in', reason: 'getaddrinfo ENOTFOUND web.whatsapp.com' }),
    );
  });

  it('gives up after the timeout, aborts the request and connects with the built-in version', async () => {
    const { logger, lines } = recordingLogger();
    const { fetcher, calls } = countingFetcher(() => new Promise(() => undefined));
    const resolve = createWaWebVersionResolver({ logger, fetcher, timeoutMs: 20 });
    expect(await resolve()).toEqual(builtInWaWebVersion);
    expect(calls[0]?.aborted).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ source: 'built-in', reason: 'no answer within 20 ms' }));
  });

  it('fetches once for ten accounts connecting together and for reconnects within the TTL', async () => {
    let now = 0;
    const { fetcher, calls } = countingFetcher(async () => ({ version: current, isLatest: true }));
    const resolve = createWaWebVersionResolver({ logger: silentLogger(), fetcher, now: () => now, ttlMs: 60_000 });
    const versions = await Promise.all(Array.from({ length: 10 }, () => resolve()));
    expect(versions).toEqual(Array.from({ length: 10 }, () => current));
    now = 59_999;
    await resolve();
    expect(calls).toHaveLength(1);
    now = 60_000;
    await resolve();
    expect(calls).toHaveLength(2);
  });

  it('after a failure keeps the fallback a while, then tries again and keeps the last fetched version if that fails', async () => {
    let now = 0;
    const answers = [true, false, false];
    const { fetcher, calls } = countingFetcher(async () =>
      answers.shift() ? { version: current, isLatest: true } : { version: builtInWaWebVersion, isLatest: false, error: new Error('HTTP 503') },
    );
    const resolve = createWaWebVersionResolver({ logger: silentLogger(), fetcher, now: () => now, ttlMs: 1_000, retryMs: 100 });
    expect(await resolve()).toEqual(current);
    now = 1_000;
    expect(await resolve()).toEqual(current); // fetch failed: the last fetched one beats the built-in one
    now = 1_050;
    await resolve();
    expect(calls).toHaveLength(2);
    now = 1_100;
    await resolve();
    expect(calls).toHaveLength(3);
  });
});

describe('which accounts ask for it', () => {
  const inbox = silentInbox();

  it('real numbers connect with the resolved version; practice accounts never ask for it', async () => {
    const { orm } = openTestDatabase();
    const { factory, sockets } = fakeSocketFactory();
    let asked = 0;
    const manager = createAccountManager({
      orm,
      box: createSecretBox(randomBytes(32)),
      bus: createEventBus(0),
      inbox,
      logger: silentLogger(),
      dataDir: tempDir('mostrador-wa-version-'),
      socketFactory: factory,
      practiceServerFactory: async ({ recorderPath }) => ({
        wsUrl: 'ws://127.0.0.1:1/ws',
        recorderPath,
        simulateInbound: async () => ({ waId: 'SIM1' }),
        close: async () => undefined,
      }),
      clock: new FakeClock(),
      resolveWaWebVersion: async () => {
        asked += 1;
        return current;
      },
    });
    manager.addPractice();
    await settle();
    await settle();
    expect(sockets).toHaveLength(1);
    expect(asked).toBe(0);
    expect(sockets[0]?.config.version).toBeUndefined();
    manager.addWhatsApp(undefined, 'none');
    await settle();
    expect(asked).toBe(1);
    expect(sockets[1]?.config.version).toEqual(current);
  });
});
