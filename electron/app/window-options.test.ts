import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs' });

  it('isolates the renderer: sandbox and context isolation on, Node off everywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the given preload', () => {
    expect(options.webPreferences?.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('opens at 1280×800, never smaller than 1024×640, titled Mostrador', () => {
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 640, title: 'Mostrador' });
  });

  it('paints the requested background before the first frame', () => {
    expect(mainWindowOptions({ preloadPath: 'p', backgroundColor: '#111b21' }).backgroundColor).toBe('#111b21');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
