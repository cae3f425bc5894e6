import { describe, expect, it } from 'vitest';
import { campaignCsv, localStamp } from './campaign-csv';
import { recipientStateKey, statusKey, variantLabel } from './campaign-status';
import { missingForLaunch } from './launch-check';

describe('what the campaign screens say', () => {
  it('a campaign outside its hours is waiting until the window opens, then sending', () => {
    expect(statusKey({ status: 'running', waitingUntil: 2_000 }, 1_000)).toBe('waiting');
    expect(statusKey({ status: 'running', waitingUntil: 2_000 }, 3_000)).toBe('running');
    expect(statusKey({ status: 'paused', waitingUntil: null }, 1_000)).toBe('paused');
  });

  it('recipients stopped by a cancel read "cancelled"; variant labels are short', () => {
    expect(recipientStateKey({ state: 'skipped', reason: 'cancelled' })).toBe('cancelled');
    expect(recipientStateKey({ state: 'skipped', reason: 'invalid' })).toBe('skipped');
    expect(variantLabel('Hola {{nombre}}, ya hay pan de muerto en la tienda de siempre')).toBe('Hola {{nombre}}, ya hay pan de…');
  });

  it('says what keeps "Crear" disabled', () => {
    const ok = { name: 'x', audience: true, countryMissing: false, accounts: 1, template: 'Hola', pacing: true, window: true, practiceWithFile: false };
    expect(missingForLaunch(ok)).toEqual([]);
    expect(missingForLaunch({ ...ok, name: ' ', countryMissing: true, template: '', practiceWithFile: true })).toEqual(['name', 'country', 'message', 'practiceFile']);
  });

  it('writes the CSV as the Stats export does: BOM, ";" in Spanish, translated words, local time', () => {
    const at = new Date(2026, 11, 4, 9, 5).getTime();
    const csv = campaignCsv(
      {
        fileName: 'c.csv',
        variables: ['ciudad'],
        rows: [
          { phone: '525510002000', name: 'Ana', accountId: 'a1', state: 'sent', reason: null, variant: '0', queuedAt: at, repliedAt: null, optedOutAt: null, values: ['Mérida'] },
          { phone: '525510002001', name: null, accountId: 'a1', state: 'skipped', reason: 'cancelled', variant: null, queuedAt: null, repliedAt: null, optedOutAt: null, values: [''] },
        ],
      },
      {
        headers: { phone: 'Teléfono', name: 'Nombre', account: 'Cuenta', state: 'Estado', reason: 'Motivo', variant: 'Variante', queuedAt: 'Enviado el', repliedAt: 'Respondió el', optedOutAt: 'Baja el' },
        state: (k) => ({ sent: 'Enviado', cancelled: 'Cancelado' })[k as 'sent'] ?? k,
        reason: (r) => r,
        account: () => 'Práctica 1',
        variant: () => 'Variante 1',
      },
      'es',
    );
    expect(localStamp(at)).toBe('2026-12-04 09:05');
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFTeléfono;Nombre;Cuenta;Estado;Motivo;Variante;Enviado el;Respondió el;Baja el;ciudad',
      '525510002000;Ana;Práctica 1;Enviado;;Variante 1;2026-12-04 09:05;;;Mérida',
      '525510002001;;Práctica 1;Cancelado;;;;;;',
    ]);
  });
});
