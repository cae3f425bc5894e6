import type { WebFrameMain } from 'electron';
import { isAppUrl } from './app-origin';

/** What the check reads from a frame; `WebFrameMain` has all of it. */
export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent' | 'processId' | 'routingId'>;

/** A window we created, reduced to what identifies its main frame. */
export interface OwnedWindow {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; mainFrame: Pick<WebFrameMain, 'processId' | 'routingId'> };
}

/**
 * Builds the router's sender check: the frame exists, is a main frame, is the main frame of one
 * of our windows (not a devtools page or some other WebContents) and shows `app://mostrador`.
 * Frames are compared by (processId, routingId) because the same frame may reach us as
 * different `WebFrameMain` wrapper objects.
 */
export function createTrustedSenderCheck(ownedWindows: () => Iterable<OwnedWindow>) {
  return (frame: SenderFrame | null | undefined): boolean => {
    try {
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return false;
      for (const window of ownedWindows()) {
        if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
        const main = window.webContents.mainFrame;
        if (main.processId === frame.processId && main.routingId === frame.routingId) return true;
      }
      return false;
    } catch {
      // WebFrameMain getters throw once the frame is disposed: a vanished sender is not trusted.
      return false;
    }
  };
}
