import { describe, expect, it, vi } from 'vitest';
import { askWithMessageBox } from './external-link-dialog';
import { createExternalLinkOpener, isTrustedLinkHost, type LinkAnswer, type LinkQuestion } from './external-links';

function opener(answers: LinkAnswer[], language: 'es' | 'en' = 'es') {
  const open = vi.fn(async (_url: string) => undefined);
  const asked: LinkQuestion[] = [];
  const openLink = createExternalLinkOpener({
    open,
    ask: async (question) => {
      asked.push(question);
      return answers.shift() ?? 'cancel';
    },
    language: async () => language,
  });
  return { openLink, open, asked };
}

describe('links from messages', () => {
  it("opens WhatsApp's own links at once, and only those", () => {
    for (const host of ['wa.me', 'www.whatsapp.com', 'faq.whatsapp.com', 'WA.ME']) expect(isTrustedLinkHost(host), host).toBe(true);
    for (const host of ['whatsapp.com.evil.io', 'evilwa.me', 'wa.me.example.com', 'xn--whatspp-0ya.com']) expect(isTrustedLinkHost(host), host).toBe(false);
  });

  it('asks before any other host, and opens nothing when the person cancels', async () => {
    const { openLink, open, asked } = opener(['cancel']);
    expect(await openLink('https://wa.me/5215512345678')).toBe(true);
    expect(asked).toEqual([]);
    expect(await openLink('https://banco-seguro.example/login?u=1')).toBe(false);
    expect(asked).toEqual([{ url: 'https://banco-seguro.example/login?u=1', host: 'banco-seguro.example', language: 'es' }]);
    expect(open.mock.calls).toEqual([['https://wa.me/5215512345678']]);
  });

  it('shows a look-alike name in punycode', async () => {
    const { openLink, asked } = opener(['cancel']);
    // Cyrillic "а" in place of the Latin one.
    await openLink('https://whatsаpp.com/');
    expect(asked[0]?.host).toMatch(/^xn--/);
  });

  it('does not ask again for a host the person trusted, only for this run', async () => {
    const { openLink, open, asked } = opener(['open-and-trust-host', 'open', 'cancel']);
    await openLink('https://tienda.example/a');
    await openLink('https://tienda.example/b');
    expect(asked).toHaveLength(1);
    await openLink('https://otra.example/');
    await openLink('https://otra.example/');
    expect(asked).toHaveLength(3);
    expect(open.mock.calls.map(([url]) => url)).toEqual(['https://tienda.example/a', 'https://tienda.example/b', 'https://otra.example/']);
  });
});

describe('the confirmation dialog', () => {
  const question = (language: 'es' | 'en', url = 'https://tienda.example/oferta'): LinkQuestion => ({ url, host: 'tienda.example', language });
  const dialogAnswering = (response: number, checkboxChecked = false) => {
    const showMessageBox = vi.fn(async (..._args: unknown[]) => ({ response, checkboxChecked }));
    return { showMessageBox };
  };

  it('defaults to Cancel, speaks the workstation language and maps the answer', async () => {
    const cancel = dialogAnswering(1);
    expect(await askWithMessageBox(cancel as never, () => undefined)(question('es'))).toBe('cancel');
    const options = cancel.showMessageBox.mock.calls[0]![0] as { buttons: string[]; defaultId: number; cancelId: number; message: string; detail: string };
    expect(options).toMatchObject({ buttons: ['Abrir', 'Cancelar'], defaultId: 1, cancelId: 1, message: '¿Abrir un enlace de tienda.example?' });
    expect(options.detail).toContain('https://tienda.example/oferta');

    const english = dialogAnswering(0);
    expect(await askWithMessageBox(english as never, () => undefined)(question('en'))).toBe('open');
    expect(english.showMessageBox.mock.calls[0]![0]).toMatchObject({ buttons: ['Open', 'Cancel'], message: 'Open a link to tienda.example?' });
    expect(await askWithMessageBox(dialogAnswering(0, true) as never, () => undefined)(question('en'))).toBe('open-and-trust-host');
  });

  it('cuts a very long link so the buttons stay on screen', async () => {
    const dialog = dialogAnswering(1);
    await askWithMessageBox(dialog as never, () => undefined)(question('es', `https://tienda.example/?t=${'x'.repeat(5000)}`));
    expect((dialog.showMessageBox.mock.calls[0]![0] as { detail: string }).detail.length).toBeLessThan(600);
  });
});
