// Composition root of the Electron shell: the only file that touches Electron's singletons.
// Everything it wires is a small module that takes its dependencies and is tested with fakes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Notification, app, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell } from 'electron';
import { DatabaseOpenError, bePrivateByDefault, createCore, createLogger, installLastResort, loadOrCreateKeyFile } from '../core';
import type { Core } from '../core';
import type { Language } from '../../shared/contract';
import { APP_ENTRY_URL } from './app-origin';
import { registerAppSchemePrivileges, serveRendererOverAppScheme } from './app-protocol';
import { startDesktopNotifier } from './desktop-notifier';
import { startEventPublisher } from './event-publisher';
import { askWithMessageBox } from './external-link-dialog';
import { createExternalLinkOpener } from './external-links';
import { createGracefulShutdown } from './graceful-shutdown';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { registerIpcRouter } from './ipc-router';
import { DataKeyUnavailableError, loadDataKey } from './safe-storage-key';
import { createTrustedSenderCheck } from './trusted-sender';
import { mainWindowOptions } from './window-options';

// This file is bundled to dist/electron/main.mjs; its siblings are preload.cjs and ../renderer/.
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(bundleDir, 'preload.cjs');
const rendererDir = path.join(bundleDir, '..', 'renderer');

const windows = new Set<BrowserWindow>();
let core: Core | undefined;
let stopPublishing: (() => void) | undefined;
let stopNotifying: (() => void) | undefined;

// Before ready: a custom data folder must be set before Chromium and the single-instance lock use
// it, so two instances with different MOSTRADOR_DATA_DIRs (tests, a second shop) can coexist.
// Every file Mostrador and Chromium write into the profile is owner-only (0600, folders 0700).
bePrivateByDefault();
const customDataDir = process.env.MOSTRADOR_DATA_DIR;
if (customDataDir) app.setPath('userData', path.resolve(customDataDir));
app.enableSandbox();
registerAppSchemePrivileges(protocol);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this data folder; it gets our 'second-instance' and shows itself.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // Links from messages: WhatsApp's open at once, any other host after the person confirms.
  const openLink = createExternalLinkOpener({
    open: (url) => shell.openExternal(url),
    ask: askWithMessageBox(dialog, () => [...windows].find((w) => !w.isDestroyed())),
    language: async () => {
      const settings = await core?.dispatch('settings.get', {});
      const chosen = settings?.ok ? (settings.value as { language: Language | null }).language : null;
      return chosen ?? (app.getLocale().toLowerCase().startsWith('es') ? 'es' : 'en');
    },
  });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal: async (url) => void (await openLink(url)) }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  const shutdown = createGracefulShutdown({
    close: async () => {
      stopPublishing?.();
      stopNotifying?.();
      await core?.close();
    },
    quit: () => app.quit(),
  });
  app.on('before-quit', (event) => shutdown.onBeforeQuit(event));
  // One escaped error must not stop every account; a storm of them quits cleanly and starts again.
  installLastResort({
    process,
    logger: createLogger(process.env.MOSTRADOR_LOG_LEVEL ?? 'info').child({ component: 'electron-main' }),
    exit: () => {
      app.relaunch();
      app.quit();
    },
  });
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());

  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    denyAllPermissions(session.defaultSession);
    serveRendererOverAppScheme(
      protocol,
      rendererDir,
      {
        isFile: async (filePath) => (await fs.promises.stat(filePath).catch(() => null))?.isFile() ?? false,
        readFile: (filePath) => fs.promises.readFile(filePath),
      },
      {
        // Messages' files (`/media/<id>`), once the core is open.
        open: (messageId) => core?.openMedia(messageId) ?? null,
        read: (filePath, range) => Readable.toWeb(fs.createReadStream(filePath, range ?? {})) as ReadableStream<Uint8Array>,
      },
    );

    const dataDir = app.getPath('userData');
    const { key } = loadDataKey({
      dataDir,
      safeStorage,
      fs,
      loadOrCreateKeyFile,
      randomBytes,
      platform: process.platform,
    });
    core = await createCore({
      dataDir,
      mode: 'electron',
      version: app.getVersion(),
      dataKey: key,
      ...(process.env.MOSTRADOR_LOG_LEVEL ? { logLevel: process.env.MOSTRADOR_LOG_LEVEL } : {}),
    });
    const openedCore = core;

    registerIpcRouter({
      ipcMain,
      dispatch: (method, payload) => openedCore.dispatch(method, payload),
      isTrustedSender: createTrustedSenderCheck(() => windows),
    });
    stopPublishing = startEventPublisher({ subscribe: (listener) => openedCore.subscribe(listener), windows: () => windows });
    stopNotifying = startDesktopNotifier({
      subscribe: (listener) => openedCore.subscribe(listener),
      notify: ({ title, body, onClick }) => {
        if (!Notification.isSupported()) return;
        const note = new Notification({ title, body, silent: false });
        note.on('click', onClick);
        note.show();
      },
      setBadgeCount: (count) => app.setBadgeCount(count),
      isFocused: () => [...windows].some((w) => !w.isDestroyed() && w.isFocused()),
      focus: focusMainWindow,
    });

    createMainWindow();
    app.on('activate', () => {
      if (windows.size === 0) createMainWindow();
    });
  } catch (error) {
    fail(error);
  }
}

function createMainWindow(): void {
  const window = new BrowserWindow(
    mainWindowOptions({ preloadPath, backgroundColor: nativeTheme.shouldUseDarkColors ? '#111b21' : '#f0f2f5' }),
  );
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[window] could not load the renderer', error));
}

function focusMainWindow(): void {
  const [window] = windows;
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Startup failures end in one dialog and a clean exit with a non-zero code: never a restart loop,
 * and never a "repair" that deletes the database or the key. Expected failures carry a message
 * written for the person; anything else gets a generic one and the details go to the log.
 */
function fail(error: unknown): void {
  console.error('[startup] failed', error);
  const message =
    error instanceof DatabaseOpenError || error instanceof DataKeyUnavailableError
      ? error.message
      : 'Mostrador could not start. Details were written to the log.';
  dialog.showErrorBox('Mostrador', message);
  // app.exit skips 'before-quit', so a core that did open is closed here first.
  const opened = core;
  core = undefined;
  void (opened ? opened.close() : Promise.resolve()).catch(() => undefined).finally(() => app.exit(1));
}
