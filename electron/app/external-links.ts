import type { Language } from '../../shared/contract';

/**
 * Hosts whose links open without asking: WhatsApp's own. Any other link a customer sends (a
 * look-alike bank, a shortened address) is shown in full, host first, before it leaves the app.
 */
const TRUSTED_DOMAINS = ['whatsapp.com', 'wa.me', 'whatsapp.net'];

export function isTrustedLinkHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return TRUSTED_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export type LinkAnswer = 'open' | 'open-and-trust-host' | 'cancel';

export interface LinkQuestion {
  url: string;
  /** As WHATWG URL gives it: punycode (xn--…) for non-ASCII names, so a look-alike shows as such. */
  host: string;
  language: Language;
}

/** The dialog's words; main has no i18next, and these are its only strings. */
export const linkDialogText = {
  es: {
    message: (host: string) => `¿Abrir un enlace de ${host}?`,
    detail: (url: string) => `Se abrirá en tu navegador:\n${url}\n\nÁbrelo solo si confías en quien lo envió.`,
    open: 'Abrir',
    cancel: 'Cancelar',
    trust: (host: string) => `No volver a preguntar por ${host} mientras Mostrador esté abierto`,
  },
  en: {
    message: (host: string) => `Open a link to ${host}?`,
    detail: (url: string) => `It will open in your browser:\n${url}\n\nOpen it only if you trust whoever sent it.`,
    open: 'Open',
    cancel: 'Cancel',
    trust: (host: string) => `Don't ask again for ${host} while Mostrador is open`,
  },
} as const;

export interface ExternalLinkDeps {
  /** `shell.openExternal`. */
  open(url: string): Promise<void>;
  /** Shows the question (Electron's message box); resolves with the person's answer. */
  ask(question: LinkQuestion): Promise<LinkAnswer>;
  language(): Promise<Language>;
}

/**
 * Opens an http(s) link from a message in the OS browser: WhatsApp's hosts at once, any other
 * after the person confirms (hosts they trusted this session are not asked again).
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps) {
  const trustedThisSession = new Set<string>();
  return async (url: string): Promise<boolean> => {
    const { hostname, host } = new URL(url);
    if (!isTrustedLinkHost(hostname) && !trustedThisSession.has(host)) {
      const answer = await deps.ask({ url, host, language: await deps.language() });
      if (answer === 'cancel') return false;
      if (answer === 'open-and-trust-host') trustedThisSession.add(host);
    }
    await deps.open(url);
    return true;
  };
}
