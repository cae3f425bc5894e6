import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, DatabaseOpenError, loadOrCreateKeyFile } from '../core';
import { scriptedWhatsAppFactory } from '../core/testing/scripted-whatsapp';
import { loadOrCreateToken, readHeadlessConfig } from './headless-config';
import { startHeadlessServer } from './headless-server';

declare const __APP_VERSION__: string;

// `npm run serve`: the workstation without Electron, opened from a browser.
async function main() {
  const config = readHeadlessConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const core = await createCore({
    dataDir: config.dataDir,
    mode: 'headless',
    version: __APP_VERSION__,
    dataKey: loadOrCreateKeyFile(join(config.dataDir, 'data-key')),
    logLevel: config.logLevel,
    ...(config.scriptedWhatsApp ? { whatsappSocketFactory: scriptedWhatsAppFactory() } : {}),
  });
  if (config.scriptedWhatsApp) console.log('MOSTRADOR_SCRIPTED_WHATSAPP=1: new WhatsApp numbers get a scripted QR and never connect.');
  const server = await startHeadlessServer({
    core,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    token: loadOrCreateToken(config.dataDir),
    host: config.host,
    port: config.port,
  });
  console.log(`Mostrador is running at ${server.url}`);
  console.log(`Data folder: ${config.dataDir}`);
  if (config.host !== '127.0.0.1' && config.host !== 'localhost') {
    console.log(`Listening on ${config.host}: anyone on your network with the address above can open Mostrador.`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing WhatsApp connections and the database…`);
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A damaged or busy database is reported once, plainly; exiting non-zero without a retry loop.
  if (error instanceof DatabaseOpenError) console.error(`Mostrador cannot start: ${error.message}`);
  else console.error('Mostrador cannot start:', error);
  process.exit(1);
});
