import type { Event, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './app-origin';

/** The parts of a WebContents the guards touch; a fake implements these in tests. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface HardeningDeps {
  /** `shell.openExternal`; only ever called with http(s) URLs. */
  openExternal(url: string): Promise<void>;
  log?: Pick<Console, 'warn'>;
}

/** Links a user clicks in a message may open in the OS browser; nothing else leaves the app. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Guards one WebContents: it may only ever show `app://mostrador`, never open windows or attach
 * webviews. A compromised or buggy renderer that tries to leave is stopped here, in main.
 */
export function hardenWebContents(contents: GuardedContents, deps: HardeningDeps): void {
  const log = deps.log ?? console;
  const refuseUnlessApp = (event: Event<{ url: string }>) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`[hardening] blocked navigation to ${event.url}`);
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-redirect', refuseUnlessApp);
  // Covers subframes too; the CSP already forbids frames, this is the second lock.
  contents.on('will-frame-navigate', refuseUnlessApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('[hardening] blocked a <webview>');
  });
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    if (isExternalWebUrl(details.url)) {
      deps.openExternal(details.url).catch((error: unknown) => log.warn('[hardening] openExternal failed', error));
    } else {
      log.warn(`[hardening] blocked window.open of ${details.url}`);
    }
    return { action: 'deny' };
  });
}

/**
 * The renderer needs no browser permission (camera, notifications, geolocation…): notifications
 * and files go through main. Denying checks as well as requests closes the synchronous paths
 * (e.g. `Notification.permission`) that skip the request handler.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
