import { describe, expect, it } from 'vitest';
import { buildAudience, readAudiencePhone, type AudienceEntry } from './audience';
import { parseAudienceFile, type ParsedAudienceFile } from './audience-file';

// Files written here the way the real programs write them.
const cp1252 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8Bom = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));

/** Entries as the service makes them: the chosen phone columns joined as candidates. */
const entriesOf = (file: ParsedAudienceFile, phoneColumns: number[]): AudienceEntry[] =>
  file.rows.map((row, i) => ({
    line: file.lines[i]!,
    raw: phoneColumns.map((c) => row[c]!).filter(Boolean).join(' ::: '),
    name: row[0] ?? null,
    variables: {},
    ...(file.extraFieldRows.has(i) ? { extraFields: true } : {}),
  }));
const build = (entries: AudienceEntry[], defaultCountry: 'MX' | undefined) =>
  buildAudience(entries, { accountIds: ['a1'], defaultCountry, suppressed: new Set(), knownBy: new Map() });

describe('real exports', () => {
  it('Excel in Spanish: Windows-1252, semicolons, CRLF, lines counted as the file has them', async () => {
    const text = ['Nombre;Teléfono;Población', 'José Peña;55 1234 5678;Mérida', '"Núñez; Ana";(81) 8123-4567;Córdoba', ';;', 'Íñigo;+34 612 345 678;Logroño', ''].join('\r\n');
    const file = await parseAudienceFile(cp1252(text), 'clientes.csv');
    expect(file).toMatchObject({ encoding: 'windows-1252', delimiter: ';', columns: ['Nombre', 'Teléfono', 'Población'], blankRows: 1, phoneColumns: [1] });
    expect(file.rows.map((r) => r[0])).toEqual(['José Peña', 'Núñez; Ana', 'Íñigo']);
    expect(file.lines).toEqual([2, 3, 5]);
    expect(build(entriesOf(file, [1]), 'MX').valid.map((v) => v.phone)).toEqual(['525512345678', '528181234567', '34612345678']);
  });

  it('Google Contacts: UTF-8 BOM, several numbers in one cell with " ::: ", the Type column never taken for the number', async () => {
    const text = [
      'Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value',
      'Lucía,Mobile,+52 55 1234 5678 ::: +52 55 8765 4321,Work,',
      // A fixed line first, then a mobile: the mobile is used, the fixed line kept as an alternative.
      'Tienda,Work ::: Mobile,+34 913 123 456 ::: +34 612 345 678,,',
      'Pedro,Home,,Mobile,+52 33 1111 2222',
      // The same person again by the second number of the first row.
      'Lucía (otra),Mobile,+52 55 8765 4321,,',
    ].join('\n');
    const file = await parseAudienceFile(utf8Bom(text), 'contacts.csv');
    expect(file.encoding).toBe('utf-8');
    expect(file.columns[0]).toBe('Name');
    expect(file.phoneColumns).toEqual([2, 4]);
    const built = build(entriesOf(file, file.phoneColumns), 'MX');
    expect(built.valid.map((v) => [v.line, v.phone])).toEqual([
      [2, '525512345678'],
      [3, '34612345678'],
      [4, '523311112222'],
    ]);
    expect(built.alternatives).toEqual([
      { line: 2, used: '525512345678', others: ['525587654321'] },
      { line: 3, used: '34612345678', others: ['34913123456'] },
    ]);
    expect(built.problems.map((p) => [p.line, p.reason])).toEqual([[5, 'duplicate']]);
  });

  it('hand-made sheets separate numbers with ";", "/" and " - " inside a quoted cell', async () => {
    const file = await parseAudienceFile(new Uint8Array(Buffer.from('nombre,tel\nA,"55 1000 2000; 55 1000 2001"\nB,55 1000 2002 / 55 1000 2003\nC,55 1000 2004 - 55 1000 2005\nD,55-1000-2006\n')), 'a.csv');
    const built = build(entriesOf(file, [1]), 'MX');
    expect(built.valid.map((v) => v.phone)).toEqual(['525510002000', '525510002002', '525510002004', '525510002006']);
    expect(built.alternatives.map((a) => a.others)).toEqual([['525510002001'], ['525510002003'], ['525510002005']]);
  });

  it('an unclosed quote 1 MB into the file names its physical line, not the chunk\'s row', async () => {
    const lines = ['tel;nombre'];
    for (let i = 0; i < 40_000; i += 1) lines.push(i % 1000 === 0 ? '' : `55${10_000_000 + i};"Cliente\n${i}"`);
    const broken = 1 + 40 + 2 * 39_960 + 1; // the header, 40 blank lines, then rows of two lines each
    lines.push('5599999999;"Sin cerrar', '5588888888;Otro');
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    await expect(parseAudienceFile(new Uint8Array(Buffer.from(text)), 'roto.csv')).rejects.toMatchObject({ code: 'BAD_FILE', params: { reason: 'unclosed_quote', line: broken } });
  });

  it('a row with more cells than the header is reported with its line, not cut and sent', async () => {
    const file = await parseAudienceFile(new Uint8Array(Buffer.from('tel;nombre\n5510002000;Ana\n5510002001;Peña; José\n5510002002;Luis;;\n')), 'x.csv');
    expect(file.extraFieldRows).toEqual(new Set([1]));
    const built = build(entriesOf(file, [0]), 'MX');
    expect(built.valid.map((v) => v.line)).toEqual([2, 4]);
    expect(built.problems).toMatchObject([{ line: 3, reason: 'extra_fields' }]);
  });

  it('blank rows between records are counted and do not shift the lines', async () => {
    const file = await parseAudienceFile(new Uint8Array(Buffer.from('tel,nombre\n\n5510002000,Ana\n\n\n , \n5510002001,Luis\nxx,Mal\n')), 'b.csv');
    expect(file.blankRows).toBe(4);
    const built = build(entriesOf(file, [0]), 'MX');
    expect(built.valid.map((v) => v.line)).toEqual([3, 7]);
    expect(built.problems).toMatchObject([{ line: 8, reason: 'invalid', value: 'xx' }]);
  });
});

describe('default country', () => {
  it('never turns a local number into another country\'s by prefixing "+"', () => {
    expect(readAudiencePhone('55 1234 5678', undefined)).toEqual({ problem: 'no_country' });
    expect(readAudiencePhone('(81) 8123-4567', undefined)).toEqual({ problem: 'no_country' });
    expect(readAudiencePhone('+55 11 91234 5678', undefined)).toEqual({ phone: '5511912345678' });
    expect(readAudiencePhone('55 1234 5678', 'MX')).toEqual({ phone: '525512345678' });
    expect(readAudiencePhone('612 345 678', 'ES')).toEqual({ phone: '34612345678' });
  });

  it('without a country, local numbers are reported as needing one', () => {
    const built = build([{ line: 2, raw: '55 1234 5678', name: null, variables: {} }, { line: 3, raw: '+52 55 1234 5679', name: null, variables: {} }], undefined);
    expect(built.problems).toMatchObject([{ line: 2, reason: 'no_country' }]);
    expect(built.valid.map((v) => v.phone)).toEqual(['525512345679']);
  });
});

describe('bad files', () => {
  it('refuses an empty file, a binary one and one over the limit, each with its reason', async () => {
    await expect(parseAudienceFile(new Uint8Array(), 'a.csv')).rejects.toMatchObject({ code: 'BAD_FILE', params: { reason: 'empty' } });
    await expect(parseAudienceFile(new Uint8Array(Buffer.from('\n\r\n;;\n')), 'a.csv')).rejects.toMatchObject({ params: { reason: 'empty' } });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    await expect(parseAudienceFile(png, 'foto.csv')).rejects.toMatchObject({ params: { reason: 'binary' } });
    await expect(parseAudienceFile(new Uint8Array(17 * 1024 * 1024), 'big.csv')).rejects.toMatchObject({ params: { reason: 'too_large', limitMb: 16 } });
  });
});
