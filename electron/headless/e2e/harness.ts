import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Starts and stops the real headless server (`npm run serve` minus the build) for browser tests.

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const screenshotsDir = join(repoRoot, 'test-results/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const serverEntry = join(repoRoot, 'dist/headless/main.mjs');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/;

export interface RunningServer {
  process: ChildProcess;
  url: string;
  base: string;
  port: number;
  output: () => string;
}

/** port 0: any free port; a fixed port lets an open page reconnect to a restarted server. */
export function startServer(dataDir: string, { port = 0, env = {} }: { port?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: run npm run build first`);
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: { ...process.env, MOSTRADOR_DATA_DIR: dataDir, MOSTRADOR_PORT: String(port), MOSTRADOR_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within 60 s:\n${log}`)), 60_000);
    const onData = () => {
      const match = URL_PATTERN.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      const url = match[0];
      resolve({ process: child, url, base: url.replace(/\?token=.*$/, ''), port: Number(new URL(url).port), output: () => log });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before printing its URL:\n${log}`));
    });
  });
}

/** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
export async function stopServer(server: RunningServer | undefined): Promise<void> {
  const child = server?.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Debian's Chromium with a fresh profile, in Spanish at 1280×720; page errors go to the test log. */
export async function launchChromium(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs,
    locale: 'es-ES',
    viewport: { width: 1280, height: 720 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error('browser console:', msg.text());
  });
  return { context, page };
}
