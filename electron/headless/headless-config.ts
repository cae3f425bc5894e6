import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../core';

export interface HeadlessConfig {
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** The 32-byte key that seals secrets at rest: `data-key` in the data folder unless MOSTRADOR_DATA_KEY_FILE names another path. */
  dataKeyFile: string;
  /** Browser tests of the pairing screen: real numbers get a scripted QR instead of WhatsApp. */
  scriptedWhatsApp: boolean;
}

/** Settings from the environment; nothing listens beyond 127.0.0.1 unless MOSTRADOR_HOST says so. */
export function readHeadlessConfig(env: NodeJS.ProcessEnv = process.env): HeadlessConfig {
  const port = Number(env.MOSTRADOR_PORT ?? 4780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`MOSTRADOR_PORT must be a port number, not "${env.MOSTRADOR_PORT}"`);
  const dataDir = defaultDataDir(env);
  return {
    dataDir,
    dataKeyFile: env.MOSTRADOR_DATA_KEY_FILE || join(dataDir, 'data-key'),
    host: env.MOSTRADOR_HOST ?? '127.0.0.1',
    port,
    logLevel: env.MOSTRADOR_LOG_LEVEL ?? 'info',
    scriptedWhatsApp: env.MOSTRADOR_SCRIPTED_WHATSAPP === '1',
  };
}

/** Where the access token came from, so the start-up message can say where to find it. */
export interface AccessToken {
  token: string;
  /** The file that holds it, or null when MOSTRADOR_TOKEN set it. */
  file: string | null;
}

/**
 * The access token: MOSTRADOR_TOKEN if set, else one kept in the data folder (0600) so a
 * bookmarked address keeps working across restarts. Delete the file to revoke every browser.
 */
export function loadOrCreateToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): AccessToken {
  if (env.MOSTRADOR_TOKEN) return { token: env.MOSTRADOR_TOKEN, file: null };
  const file = join(dataDir, 'headless-token');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return { token: stored, file };
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token, { mode: 0o600 });
  return { token, file };
}

/**
 * What `npm run serve` prints once at start. The address with the token goes only to a terminal:
 * when the output is a pipe or a file (a service manager, `> log`), it names where the token is
 * instead, so no log ever holds it.
 */
export function startupAddressLines(address: { base: string; withToken: string }, token: AccessToken, toTerminal: boolean): string[] {
  if (toTerminal) return [`Mostrador is running at ${address.withToken}`];
  const where = token.file ? `the token in ${token.file}` : 'the token in MOSTRADOR_TOKEN';
  return [`Mostrador is running at ${address.base}`, `Open it with ?token=… added to that address, using ${where}.`];
}
