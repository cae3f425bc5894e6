import { DEFAULT_CONNECTION_CONFIG, fetchLatestWaWebVersion, type WAVersion } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/** Baileys' `fetchLatestWaWebVersion` shape: it never throws, it answers the built-in version and an error. */
export type WaWebVersionFetcher = (init: { signal: AbortSignal }) => Promise<{ version: WAVersion; isLatest: boolean; error?: unknown }>;

export interface WaWebVersionDeps {
  logger: Logger;
  /** Reads web.whatsapp.com by default; tests pass their own so no network is touched. */
  fetcher?: WaWebVersionFetcher;
  now?: () => number;
  timeoutMs?: number;
  /** How long a fetched version is reused: ten accounts reconnecting fetch once. */
  ttlMs?: number;
  /** After a failed fetch, how long to keep the fallback before trying again (so an offline start is not slowed ten times). */
  retryMs?: number;
}

/** The version this Baileys release was built with: good until WhatsApp retires it (then 405). */
export const builtInWaWebVersion: WAVersion = DEFAULT_CONNECTION_CONFIG.version;

/**
 * Answers the WhatsApp Web version to connect real accounts with: the current one from
 * web.whatsapp.com (a hard-coded one ends in 405 once WhatsApp retires it, Baileys #2376),
 * bounded by a short timeout, cached, and the last known or built-in one when the fetch fails.
 * Never throws. Practice accounts must not call it: they never leave the machine.
 */
export function createWaWebVersionResolver(deps: WaWebVersionDeps): () => Promise<WAVersion> {
  const fetcher = deps.fetcher ?? fetchLatestWaWebVersion;
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const ttlMs = deps.ttlMs ?? 6 * 60 * 60_000;
  const retryMs = deps.retryMs ?? 10 * 60_000;
  let cached: { version: WAVersion; until: number } | undefined;
  let lastFetched: WAVersion | undefined;
  // Accounts starting together share one fetch.
  let inFlight: Promise<WAVersion> | undefined;

  const fetchOnce = async (): Promise<WAVersion> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Raced as well as aborted, so a fetcher that ignores the signal cannot hold up a connection.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([fetcher({ signal: controller.signal }), timedOut]);
      if (!result.isLatest) throw result.error instanceof Error ? result.error : new Error(reasonOf(result.error));
      lastFetched = result.version;
      cached = { version: result.version, until: now() + ttlMs };
      deps.logger.info({ version: result.version.join('.'), source: 'web.whatsapp.com' }, 'WhatsApp Web version');
    } catch (error) {
      const version = lastFetched ?? builtInWaWebVersion;
      cached = { version, until: now() + retryMs };
      deps.logger.warn(
        { version: version.join('.'), source: lastFetched ? 'last fetched' : 'built-in', reason: (error as Error).message },
        'could not fetch the current WhatsApp Web version',
      );
    } finally {
      clearTimeout(timer);
    }
    return cached.version;
  };

  return async () => {
    if (cached && now() < cached.until) return cached.version;
    inFlight ??= fetchOnce().finally(() => (inFlight = undefined));
    return inFlight;
  };
}

const reasonOf = (error: unknown) => (error && typeof error === 'object' && 'message' in error ? String(error.message) : 'no version in the answer');
