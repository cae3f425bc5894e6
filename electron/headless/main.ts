import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bePrivateByDefault, createCore, createLogger, DatabaseOpenError, installLastResort, loadOrCreateKeyFile } from '../core';
import { scriptedWhatsAppFactory } from '../core/testing/scripted-whatsapp';
import { loadOrCreateToken, readHeadlessConfig, startupAddressLines } from './headless-config';
import { startHeadlessServer } from './headless-server';

declare const __APP_VERSION__: string;

// `npm run serve`: the workstation without Electron, opened from a browser.
// Set once the server is up: what a crash storm (see last-resort.ts) calls to close cleanly.
let stopForCrash: ((code: number) => Promise<void>) | undefined;

async function main() {
  bePrivateByDefault();
  const config = readHeadlessConfig();
  const shellLogger = createLogger(config.logLevel).child({ component: 'headless' });
  installLastResort({
    process,
    logger: shellLogger,
    exit: async (code) => {
      if (stopForCrash) await stopForCrash(code);
      else process.exit(code);
    },
  });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const core = await createCore({
    dataDir: config.dataDir,
    mode: 'headless',
    version: __APP_VERSION__,
    // Beside the database unless MOSTRADOR_DATA_KEY_FILE puts it elsewhere (another disk, a mounted secret).
    dataKey: loadOrCreateKeyFile(config.dataKeyFile),
    logLevel: config.logLevel,
    ...(config.scriptedWhatsApp ? { whatsappSocketFactory: scriptedWhatsAppFactory() } : {}),
  });
  if (config.scriptedWhatsApp) console.log('MOSTRADOR_SCRIPTED_WHATSAPP=1: new WhatsApp numbers get a scripted QR and never connect.');
  const accessToken = loadOrCreateToken(config.dataDir);
  const server = await startHeadlessServer({
    core,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    token: accessToken.token,
    sessionsFile: join(config.dataDir, 'headless-sessions.json'),
    host: config.host,
    port: config.port,
    onConnectionError: (error) => shellLogger.warn({ err: error }, 'a browser connection failed and was closed'),
  });
  for (const line of startupAddressLines({ base: server.baseUrl, withToken: server.url }, accessToken, process.stdout.isTTY === true)) console.log(line);
  console.log(`Data folder: ${config.dataDir}`);
  if (config.host !== '127.0.0.1' && config.host !== 'localhost') {
    console.log(`Listening on ${config.host}: anyone on your network with the address above can open Mostrador.`);
  }

  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing WhatsApp connections and the database…`);
    // A hung socket must not keep a crashing process alive.
    const deadline = setTimeout(() => process.exit(code || 1), 10_000);
    deadline.unref();
    await server.close().catch(() => undefined);
    await core.close().catch(() => undefined);
    process.exit(code);
  };
  stopForCrash = (code) => stop('uncaught errors', code);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A damaged or busy database is reported once, plainly; exiting non-zero without a retry loop.
  if (error instanceof DatabaseOpenError) console.error(`Mostrador cannot start: ${error.message}`);
  else console.error('Mostrador cannot start:', error);
  process.exit(1);
});
