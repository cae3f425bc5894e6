import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

// Starts and stops the real headless server (`npm run serve` minus the build) for browser tests.

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const screenshotsDir = join(repoRoot, 'test-results/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const serverEntry = join(repoRoot, 'dist/headless/main.mjs');
// Its output is a pipe, so the server prints the bare address and keeps the token in its file.
const URL_PATTERN = /Mostrador is running at (http:\/\/127\.0\.0\.1:\d+\/)/;

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
      const base = match[1]!;
      const token = env.MOSTRADOR_TOKEN ?? readFileSync(join(dataDir, 'headless-token'), 'utf8').trim();
      resolve({ process: child, url: `${base}?token=${token}`, base, port: Number(new URL(base).port), output: () => log });
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

export interface BrowserSession {
  readonly dataDir: string;
  /** The headless server; a test that restarts it puts the new one here, for clean-up. */
  server: RunningServer | undefined;
  context: BrowserContext | undefined;
  page: Page;
  byTestId(id: string): ReturnType<Page['getByTestId']>;
  /** Saves `<name>-NN-<label>.png` under test-results/screenshots, numbered in the order taken. */
  screenshot(label: string): Promise<void>;
}

/**
 * One browser test file's world, set up before its tests and removed after them: a temporary data
 * folder and Chromium profile, the real headless server on that folder, and Chromium.
 */
export function browserSession(name: string, options: { env?: Record<string, string>; fullPageShots?: boolean } = {}): BrowserSession {
  const dataDir = mkdtempSync(join(tmpdir(), `mostrador-e2e-${name}-data-`));
  const profileDir = mkdtempSync(join(tmpdir(), `mostrador-e2e-${name}-profile-`));
  let shot = 0;
  const session: BrowserSession = {
    dataDir,
    server: undefined,
    context: undefined,
    page: undefined as unknown as Page,
    byTestId: (id) => session.page.getByTestId(id),
    async screenshot(label) {
      shot += 1;
      await session.page.screenshot({ path: join(screenshotsDir, `${name}-${String(shot).padStart(2, '0')}-${label}.png`), fullPage: options.fullPageShots ?? false });
    },
  };
  beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true });
    session.server = await startServer(dataDir, { env: options.env ?? {} });
    ({ context: session.context, page: session.page } = await launchChromium(profileDir));
  });
  afterAll(async () => {
    await session.context?.close().catch(() => {});
    await stopServer(session.server);
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
}

/** A valid PNG of one colour (WhatsApp green), so picture previews have something real to show. */
export function solidPng(size = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0x25, 0xa2, 0x44]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
