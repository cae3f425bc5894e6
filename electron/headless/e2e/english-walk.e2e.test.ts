import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession, repoRoot } from './harness';

// Someone who reads English switches the interface to English (in a browser that asks for
// Spanish) and walks through every screen: no Spanish word may be left, and no translation key
// may show instead of its text. The data this test creates is written in English too, so
// anything Spanish on screen comes from the interface.

/** Letters English never uses, and short words that are Spanish only. */
const SPANISH_LETTERS = /[áéíóúñ¿¡ÁÉÍÓÚÑ]/;
const SPANISH_WORDS =
  /\b(de|del|la|las|los|el|un|una|para|con|sin|que|por|y|o|es|su|sus|tu|tus|mensajes?|cuentas?|numero|conversaciones|bandeja|ajustes|asistente|campañas?|estadisticas|enviar|guardar|cancelar|buscar|agregar|vincular|hoy|ayer|nada|todos?)\b/i;
/** A key leaking instead of its text: "accounts.addPractice", "campaigns.wizard.file"… */
const namespaces = Object.keys(JSON.parse(readFileSync(join(repoRoot, 'renderer/i18n/en.json'), 'utf8')) as Record<string, unknown>);
const KEY_LEAK = new RegExp(`\\b(${namespaces.join('|')})\\.[A-Za-z_]+`);

describe('the interface in English', () => {
  const session = browserSession('english-walk');
  const { byTestId, screenshot } = session;

  /**
   * Every text the screen holds (hidden parts included) and every placeholder, label, tooltip
   * and alt text, except what is marked as another language on purpose (the "Español" choice)
   * or as never to be translated (`translate="no"`: the words customers write, like opt-out words).
   */
  const screenTexts = () =>
    session.page.evaluate(() => {
      const english = (el: Element | null) =>
        !el?.closest('[translate="no"]') && (!el?.closest('[lang]') || el.closest('[lang]')!.getAttribute('lang')!.startsWith('en'));
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style') || !english(parent)) continue;
        const text = node.textContent?.trim();
        if (text) out.push(text);
      }
      for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
        if (!english(el)) continue;
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
          const value = el.getAttribute(name)?.trim();
          if (value) out.push(value);
        }
      }
      return out;
    });

  /** What the browser calls every country in English (the country fields use Intl.DisplayNames). */
  const englishCountryNames = async () =>
    new Set(
      await session.page.evaluate(() => {
        const names = new Intl.DisplayNames(['en'], { type: 'region' });
        const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
        return [...letters].flatMap((a) => [...letters].map((b) => names.of(a + b) ?? ''));
      }),
    );

  const expectEnglish = async (screen: string) => {
    expect(await session.page.evaluate(() => document.documentElement.lang)).toBe('en');
    const texts = await screenTexts();
    expect(texts.length, screen).toBeGreaterThan(5);
    // Country names are English proper names even with accents ("Réunion (+262)", "El Salvador (+503)").
    const countries = await englishCountryNames();
    const spanish = texts
      .filter((text) => !countries.has(/^(.+) \(\+\d+\)$/.exec(text)?.[1] ?? ''))
      .filter((text) => SPANISH_LETTERS.test(text) || SPANISH_WORDS.test(text.normalize('NFD').replace(/\p{Diacritic}/gu, '')));
    const keys = texts.filter((text) => KEY_LEAK.test(text));
    expect({ screen, spanish, keys }).toEqual({ screen, spanish: [], keys: [] });
  };

  it('switches to English from Settings, in a browser that asks for Spanish', async () => {
    await session.page.goto(session.server!.url);
    await byTestId('nav-settings').click();
    await byTestId('settings-page').waitFor();
    expect(await session.page.evaluate(() => document.documentElement.lang)).toMatch(/^es/);
    await byTestId('language-en').click();
    await expect.poll(() => session.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectEnglish('settings');
    await screenshot('settings');
  });

  it('accounts: a practice number, its card and the "add a WhatsApp number" dialog', async () => {
    await byTestId('nav-accounts').click();
    await byTestId('accounts-page').waitFor();
    await expectEnglish('accounts, empty');
    await byTestId('add-practice-account').click();
    await byTestId('account-card').locator('[data-testid="account-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    expect(await byTestId('account-label').innerText()).toBe('Practice 1');
    await expectEnglish('accounts');
    await byTestId('add-whatsapp-account').click();
    await session.page.getByRole('dialog').waitFor();
    await expectEnglish('add a WhatsApp number');
    await session.page.keyboard.press('Escape');
    await session.page.getByRole('dialog').waitFor({ state: 'detached' });

    await byTestId('account-card').getByTestId('simulate-customer').click();
    await expectEnglish('simulate a customer');
    await byTestId('simulate-name').fill('John');
    await byTestId('simulate-phone').fill('+1 212 555 0147');
    await byTestId('simulate-text').fill('Hello, what time do you open tomorrow?');
    await byTestId('simulate-submit').click();
    await byTestId('simulate-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot('accounts');
  });

  it('inbox: the list, the open conversation and its details', async () => {
    await byTestId('nav-inbox').click();
    await byTestId('chat-row').first().click();
    const conversation = byTestId('conversation');
    await conversation.getByText('Hello, what time do you open tomorrow?').waitFor({ timeout: 30_000 });
    if ((await byTestId('details-panel').count()) === 0) await byTestId('toggle-details').click();
    await byTestId('details-panel').waitFor();
    await expectEnglish('inbox');
    await screenshot('inbox');
  });

  it('campaigns: the list and the whole new-campaign form', async () => {
    await byTestId('nav-campaigns').click();
    await byTestId('campaigns-page').waitFor();
    await expectEnglish('campaigns');
    await byTestId('new-campaign').click();
    await byTestId('campaign-file-button').waitFor();
    // The file field is ours, in English, not the browser's "Elegir archivo" / "Choose File".
    expect(await byTestId('campaign-file-button').innerText()).toBe('Choose a file…');
    expect(await byTestId('campaign-file-name').innerText()).toBe('No file chosen');
    await expectEnglish('new campaign');
    await screenshot('new-campaign');
  });

  it('stats and the assistant', async () => {
    await byTestId('nav-stats').click();
    await byTestId('stats-page').waitFor();
    await byTestId('stats-period-30d').click();
    await byTestId('stats-assistant').waitFor();
    await expectEnglish('stats');
    await screenshot('stats');

    await byTestId('nav-assistant').click();
    await byTestId('assistant-page').waitFor();
    await byTestId('assistant-status').waitFor();
    await expectEnglish('assistant');
    await screenshot('assistant');
  });
});
