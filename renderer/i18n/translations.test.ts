import { describe, expect, it } from 'vitest';
import { accountReasonCodes, accountStateSchema, messageStatusSchema } from '../../shared/contract';
import { errorCodes } from '../../shared/errors';
import en from './en.json';
import es from './es.json';

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
