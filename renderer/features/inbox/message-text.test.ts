import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { describeMessage } from './message-text';

const base = { media: null, location: null, sharedContacts: null, deletedAt: null, senderName: null, text: null };

async function translator(lng: 'es' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { es: { translation: es }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('WhatsApp notices', () => {
  it('are worded as WhatsApp Web words them, in Spanish and English', async () => {
    const es = await translator('es');
    const en = await translator('en');
    expect(describeMessage({ ...base, type: 'viewOnce' }, es)).toBe('Ver una vez: ábrelo en tu teléfono');
    expect(describeMessage({ ...base, type: 'stub:CALL_MISSED_VOICE' }, es)).toBe('Llamada de voz perdida');
    expect(describeMessage({ ...base, type: 'stub:CIPHERTEXT' }, en)).toBe('Waiting for this message. This may take a while.');
    expect(describeMessage({ ...base, type: 'stub:GROUP_PARTICIPANT_ADD', senderName: 'Ana', text: 'Beto' }, es)).toBe('Ana agregó a Beto');
    expect(describeMessage({ ...base, type: 'stub:GROUP_PARTICIPANT_ADD', text: '+5215522222222' }, en)).toBe('Someone added +5215522222222');
  });

  it('an unknown stub keeps its type name readable', async () => {
    const es = await translator('es');
    expect(describeMessage({ ...base, type: 'stub:UNKNOWN_999' }, es)).toBe('Aviso de WhatsApp (UNKNOWN_999)');
  });
});
