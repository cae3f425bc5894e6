import type { BrowserWindow, Dialog } from 'electron';
import { linkDialogText, type LinkAnswer, type LinkQuestion } from './external-links';

/** The URL shown in the dialog: long tracking links are cut so the buttons stay on screen. */
const MAX_SHOWN_URL = 400;

/** Asks with Electron's native message box, attached to the app's window when there is one. */
export function askWithMessageBox(dialog: Pick<Dialog, 'showMessageBox'>, window: () => BrowserWindow | undefined) {
  return async ({ url, host, language }: LinkQuestion): Promise<LinkAnswer> => {
    const text = linkDialogText[language];
    const shown = url.length > MAX_SHOWN_URL ? `${url.slice(0, MAX_SHOWN_URL)}…` : url;
    const options = {
      type: 'question' as const,
      buttons: [text.open, text.cancel],
      defaultId: 1,
      cancelId: 1,
      message: text.message(host),
      detail: text.detail(shown),
      checkboxLabel: text.trust(host),
      noLink: true,
    };
    const parent = window();
    const { response, checkboxChecked } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response !== 0) return 'cancel';
    return checkboxChecked ? 'open-and-trust-host' : 'open';
  };
}
