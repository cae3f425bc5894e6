import { describe, expect, it } from 'vitest';
import { defaultCampaignPacing } from '../../../shared/contract';
import { defaultMapping, fileAudience, guessPhoneColumn, minutesOf, pacingForm, pacingFromForm, timeOf, togglePhoneColumn, variableName, windowFromForm } from './campaign-form';

describe('the campaign form', () => {
  it('reads and writes times of day', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('9:75')).toBeNull();
    expect(timeOf(570)).toBe('09:30');
  });

  it('maps columns: the phones the core found by value, the others as variables', () => {
    expect(guessPhoneColumn(['Nombre', 'Teléfono'])).toBe(1);
    expect(variableName(' Fecha de compra ')).toBe('fecha_de_compra');
    // "Phone 1 - Type" is titled like a phone but its values said otherwise: column 2 is used.
    expect(defaultMapping(['Name', 'Phone 1 - Type', 'Phone 1 - Value'], [2]).phoneColumns).toEqual([2]);
    // Nothing looked like a number: the title is the last resort.
    const mapping = defaultMapping(['Nombre', 'Celular', 'nombre'], []);
    expect(mapping).toEqual({ phoneColumns: [1], variables: { 0: 'nombre', 2: 'nombre_2' } });
    const two = togglePhoneColumn(mapping, 0, true);
    expect(two.phoneColumns).toEqual([0, 1]);
    expect(togglePhoneColumn(togglePhoneColumn(two, 0, false), 1, false).phoneColumns).toEqual([1]);
    expect(fileAudience('d1', mapping)).toEqual({
      kind: 'file',
      draftId: 'd1',
      phoneColumns: [1],
      variables: [
        { column: 0, name: 'nombre' },
        { column: 2, name: 'nombre_2' },
      ],
    });
  });

  it('turns the pacing form back into pacing, refusing impossible values', () => {
    const form = pacingForm(defaultCampaignPacing);
    expect(pacingFromForm(form, defaultCampaignPacing.failureBrakePct)).toEqual(defaultCampaignPacing);
    expect(pacingFromForm({ ...form, minDelaySec: '50' }, 30)).toBeNull();
    expect(pacingFromForm({ ...form, minDelaySec: '1' }, 30)).toBeNull();
    expect(pacingFromForm({ ...form, hourlyCap: 'x' }, 30)).toBeNull();
  });

  it('builds the window in the local time zone', () => {
    expect(windowFromForm('09:00', '20:00', [5, 1], 'America/Mexico_City')).toEqual({ timeZone: 'America/Mexico_City', startMinute: 540, endMinute: 1200, weekdays: [1, 5] });
    expect(windowFromForm('x', '20:00', [1], 'UTC')).toBeNull();
  });
});
