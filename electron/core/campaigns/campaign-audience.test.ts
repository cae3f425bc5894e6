import { describe, expect, it } from 'vitest';
import type { ImportProgressDto } from '../../../shared/contract';
import { allDayWindow, campaignHarness, fastPacing } from '../testing/campaign-harness';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const GOOGLE = ['Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Value', 'Ana,Mobile,55 1000 2000 ::: 55 1000 2001,', 'Luis,Home,,55 1000 3000', '', 'Eva,Mobile,55 1000 2001,', 'Sol,Mobile,55 1000 4000,,y'].join('\n');

describe('file audiences through the service', () => {
  it('uses every chosen phone column, the physical lines, and reports extra cells, blank rows and repeated people', async () => {
    const h = campaignHarness();
    const draft = await h.service.parseFile({ draftId: 'google-1', fileName: 'contacts.csv', dataBase64: base64(GOOGLE) });
    expect(draft).toMatchObject({ rowCount: 4, blankRows: 1, extraFieldRows: 1, phoneColumns: [2, 3] });
    const check = await h.service.checkAudience({ audience: { kind: 'file', draftId: 'google-1', phoneColumns: [2, 3], variables: [{ column: 0, name: 'nombre' }] }, accountIds: ['a1'] });
    expect(check).toMatchObject({ valid: 2, duplicates: 1, extraFields: 1, blankRows: 1, withAlternatives: 1, defaultCountry: 'MX' });
    expect(check.problems).toEqual([
      { line: 5, value: '55 1000 2001', reason: 'duplicate' },
      { line: 6, value: '55 1000 4000', reason: 'extra_fields' },
    ]);
    expect(check.sample.map((s) => s.phone)).toEqual(['525510002000', '525510003000']);
  });

  it('with a sending number of no country, local numbers wait for a chosen one; the chosen country wins', async () => {
    const h = campaignHarness();
    h.db.prepare("UPDATE accounts SET phone = NULL WHERE id = 'a1'").run();
    await h.service.parseFile({ draftId: 'local-1', fileName: 'c.csv', dataBase64: base64('tel;nombre\n55 1234 5678;Ana\n+34 612 345 678;Íñigo\n') });
    const audience = { kind: 'file' as const, draftId: 'local-1', phoneColumns: [0], variables: [] };
    expect(await h.service.checkAudience({ audience, accountIds: ['a1'] })).toMatchObject({ valid: 1, noCountry: 1, defaultCountry: null, problems: [{ line: 2, reason: 'no_country' }] });
    expect(await h.service.checkAudience({ audience, accountIds: ['a1'], defaultCountry: 'MX' })).toMatchObject({ valid: 2, noCountry: 0, defaultCountry: 'MX' });
    const campaign = await h.service.create({ name: 'C', audience, template: 'Hola', accountIds: ['a1'], pacing: fastPacing(), window: allDayWindow, defaultCountry: 'MX' });
    expect(campaign.counts.pending + campaign.counts.sending).toBe(2);
  });

  it('reports the stage of every long step: reading, checking and creating', async () => {
    const h = campaignHarness();
    // Every emitted step, before the coalescer keeps only the latest per file.
    const progress: ImportProgressDto[] = [];
    const emit = h.bus.emit.bind(h.bus);
    h.bus.emit = ((topic: string, item: unknown) => {
      if (topic === 'campaigns.import') progress.push(item as ImportProgressDto);
      emit(topic as 'campaigns.import', item as ImportProgressDto);
    }) as typeof h.bus.emit;
    const rows = Array.from({ length: 25_000 }, (_, i) => `55${10_000_000 + i};Cliente ${i}`);
    await h.service.parseFile({ draftId: 'big-1', fileName: 'big.csv', dataBase64: base64(['tel;nombre', ...rows].join('\n')) });
    const audience = { kind: 'file' as const, draftId: 'big-1', phoneColumns: [0], variables: [] };
    await h.service.create({ name: 'Big', audience, template: 'Hola', accountIds: ['a1'], pacing: fastPacing(), window: allDayWindow });
    const stages = (stage: ImportProgressDto['stage']) => progress.filter((p) => p.stage === stage);
    expect(stages('reading').some((p) => p.rows > 0 && p.rows < 25_000)).toBe(true);
    expect(stages('checking').map((p) => p.rows)).toEqual([10_000, 20_000, 25_000, 25_000]);
    expect(stages('creating')).toEqual([
      { draftId: 'big-1', stage: 'creating', rows: 0, total: 25_000, done: false },
      { draftId: 'big-1', stage: 'creating', rows: 25_000, total: 25_000, done: true },
    ]);
  });
});
