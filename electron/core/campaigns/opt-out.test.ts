import { describe, expect, it } from 'vitest';
import { defaultOptOutSettings } from '../../../shared/contract/campaign-dto';
import { openTestDatabase } from '../testing/test-database';
import { matchesOptOut, readOptOutSettings, writeOptOutSettings } from './opt-out';

const keywords = defaultOptOutSettings.keywords;

describe('opt-out keywords', () => {
  it.each(['BAJA', 'baja', ' Baja. ', 'STOP', 'stop!!', 'Alto', 'no más', 'NO MAS', '¡No más!', 'Cancelar', 'unsubscribe', 'Baja por favor', 'ya no más'])('"%s" is an opt-out', (text) => {
    expect(matchesOptOut(text, keywords)).toBe(true);
  });

  it.each(['Hola', 'el precio es muy alto para mí', '¿Cómo me doy de alta?', 'no me mandes más fotos del pan de ayer por favor', 'bajamos mañana', ''])('"%s" is not', (text) => {
    expect(matchesOptOut(text, keywords)).toBe(false);
  });

  it('the keywords and the confirmation are editable and kept', () => {
    const { orm } = openTestDatabase();
    expect(readOptOutSettings(orm)).toEqual(defaultOptOutSettings);
    writeOptOutSettings(orm, { keywords: ['SALIR'], confirmation: 'Hecho' });
    expect(readOptOutSettings(orm)).toEqual({ keywords: ['SALIR'], confirmation: 'Hecho' });
    expect(matchesOptOut('salir', readOptOutSettings(orm).keywords)).toBe(true);
  });
});
