import { describe, expect, it } from 'vitest';
import { defaultOptOutConfirmations, defaultOptOutSettings } from '../../../shared/contract/campaign-dto';
import { confirmationFor, templateLanguage } from './opt-out-language';

describe('the opt-out confirmation', () => {
  it('is the default in the campaign\'s language, one language only', () => {
    expect(templateLanguage('{Hola|Buenas} {{nombre}}, ya hay pan de muerto en {{ciudad}}.')).toBe('es');
    expect(templateLanguage('Hi {{name}}, our new bread is in the shop today!')).toBe('en');
    expect(confirmationFor(defaultOptOutSettings, 'Hi {{name}}, your order is ready for you')).toBe(defaultOptOutConfirmations.en);
    expect(confirmationFor(defaultOptOutSettings, 'Hola {{nombre}}, tu pedido está listo')).toBe(defaultOptOutConfirmations.es);
    expect(confirmationFor(defaultOptOutSettings, null)).toBe(defaultOptOutConfirmations.es);
  });

  it('the old bilingual default counts as the default; the person\'s own text is sent as written', () => {
    const old = { ...defaultOptOutSettings, confirmation: 'Listo, no te enviaremos más mensajes de campaña. / Done, you will not get more campaign messages.' };
    expect(confirmationFor(old, 'Hello {{name}}, thanks for your visit')).toBe(defaultOptOutConfirmations.en);
    expect(confirmationFor({ ...defaultOptOutSettings, confirmation: 'Hecho, ¡gracias!' }, 'Hi you')).toBe('Hecho, ¡gracias!');
  });
});
