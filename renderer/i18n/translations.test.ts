import { describe, expect, it } from 'vitest';
import { accountReasonCodes, accountStateSchema, messageStatusSchema } from '../../shared/contract';
import { errorCodes } from '../../shared/errors';
import en from './en.json';
import esES from './es-ES.json';
import es from './es.json';
import { i18nOptions, uiLanguageFor } from './i18n';

/** Every leaf as "a.b.c" → string. */
function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree !== 'object' || tree === null) throw new Error(`not an object at ${prefix}`);
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = flatten(en);
const spanish = flatten(es);
const spain = flatten(esES);

describe('translations', () => {
  it('es.json and en.json have exactly the same keys', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('uses the same {{placeholders}} in both languages', () => {
    for (const [key, text] of english) expect(placeholders(spanish.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('has no empty strings', () => {
    for (const [key, text] of [...english, ...spanish]) expect(text.trim(), key).not.toBe('');
  });

  it('translates every reason code the core gives an account', () => {
    for (const code of Object.values(accountReasonCodes)) {
      expect(english.has(`reasons.${code}`), code).toBe(true);
      expect(spanish.has(`reasons.${code}`), code).toBe(true);
    }
  });

  it('translates every error code of the contract', () => {
    for (const code of errorCodes) {
      expect(english.has(`errors.${code}`), code).toBe(true);
      expect(spanish.has(`errors.${code}`), code).toBe(true);
    }
  });

  it('names every account state and message status', () => {
    for (const state of accountStateSchema.options) expect(english.has(`states.${state}`), state).toBe(true);
    for (const status of messageStatusSchema.options) expect(english.has(`messageStatus.${status}`), status).toBe(true);
  });

  it('is really translated: the Spanish navigation differs from the English one', () => {
    expect(spanish.get('nav.inbox')).not.toBe(english.get('nav.inbox'));
    expect(spanish.get('nav.settings')).toBe('Ajustes');
  });
});

describe('history counts', () => {
  it('pluralise and group digits in each language', async () => {
    const { default: i18next } = await import('i18next');
    const instance = i18next.createInstance();
    await instance.init({ resources: { es: { translation: es }, en: { translation: en } }, lng: 'es', interpolation: { escapeValue: false } });
    const line = (lng: string, chats: number, messages: number) =>
      instance.t('history.done', {
        lng,
        chats: instance.t('history.chats', { lng, count: chats }),
        messages: instance.t('history.messages', { lng, count: messages }),
      });
    expect(line('es', 1, 12_345)).toBe('Historial importado: 1 chat, 12.345 mensajes');
    expect(line('en', 2, 1)).toBe('History imported: 2 chats, 1 message');
  });
});

describe('Spanish for Latin America and for Spain', () => {
  // Words Spain uses where Mexico and most of Latin America say something else; the base must not have them.
  const spainOnly = [/\bañad/i, /\bmóvil/i, /\bordenador/i, /\bpulsa/i, /\bvale\b/i, /\beste equipo\b/i, /\bintro\b/i, /\bmayús\b/i, /\bcoste\b/i, /\bcortafuegos\b/i];

  it('the base (es) reads naturally in Mexico: none of the Spain-only words', () => {
    for (const [key, text] of spanish) for (const word of spainOnly) expect(text, key).not.toMatch(word);
  });

  it('es-ES holds only what Spain says otherwise: known keys, the same placeholders, never a copy of the base', () => {
    expect(spain.size).toBeGreaterThan(0);
    for (const [key, text] of spain) {
      expect(spanish.has(key), key).toBe(true);
      expect(text, key).not.toBe(spanish.get(key));
      expect(placeholders(text), key).toEqual(placeholders(spanish.get(key) ?? ''));
    }
  });

  it('es-ES falls back to the base for every other key, and the base says "Agregar" where Spain says "Añadir"', async () => {
    const { default: i18next } = await import('i18next');
    const instance = i18next.createInstance();
    await instance.init({ ...i18nOptions, lng: 'es-ES' });
    expect(instance.t('accounts.addWhatsapp')).toBe('Añadir número de WhatsApp');
    expect(instance.t('nav.inbox')).toBe(spanish.get('nav.inbox'));
    expect(instance.t('accounts.addWhatsapp', { lng: 'es' })).toBe('Agregar número de WhatsApp');
    expect(instance.t('campaigns.wizard.withAlternatives', { lng: 'es', count: 2 })).toBe('2 personas tienen varios números: se usa el celular');
    expect(instance.t('campaigns.wizard.withAlternatives', { count: 2 })).toBe('2 personas tienen varios números: se usa el móvil');
  });

  it("Spanish follows the region of the system's first Spanish: Spain's words only for es-ES", () => {
    expect(uiLanguageFor('es', ['es-ES', 'en'])).toBe('es-ES');
    expect(uiLanguageFor('es', ['en-US', 'es-ES'])).toBe('es-ES');
    expect(uiLanguageFor('es', ['es-MX'])).toBe('es');
    expect(uiLanguageFor('es', ['es-419', 'es-ES'])).toBe('es');
    expect(uiLanguageFor('es', ['es'])).toBe('es');
    expect(uiLanguageFor('es', ['en-US'])).toBe('es');
    expect(uiLanguageFor('en', ['es-ES'])).toBe('en');
  });
});
