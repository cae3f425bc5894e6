import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptionsInput {
  /** Absolute path of the bundled preload (`dist/electron/preload.cjs`). */
  preloadPath: string;
  /** Painted before the first frame, so a dark theme does not flash white. */
  backgroundColor?: string;
}

export const MAIN_WINDOW_MIN_SIZE = { width: 1024, height: 640 } as const;
export const MAIN_WINDOW_DEFAULT_SIZE = { width: 1280, height: 800 } as const;
const LIGHT_BACKGROUND = '#f0f2f5';

/**
 * The main window's options. Every value in `webPreferences` is spelled out even where it equals
 * Electron's default, so a change of default (or a careless edit) shows up in review and in the
 * test instead of silently weakening the renderer's isolation.
 */
export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Mostrador',
    width: MAIN_WINDOW_DEFAULT_SIZE.width,
    height: MAIN_WINDOW_DEFAULT_SIZE.height,
    minWidth: MAIN_WINDOW_MIN_SIZE.width,
    minHeight: MAIN_WINDOW_MIN_SIZE.height,
    backgroundColor: input.backgroundColor ?? LIGHT_BACKGROUND,
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
