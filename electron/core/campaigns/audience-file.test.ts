import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildAudience, normalizeAudiencePhone } from './audience';
import { decodeCsv, parseAudienceFile } from './audience-file';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const cp1252 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('audience files', () => {
  it('reads a UTF-8 CSV with a BOM and semicolons (Excel in Spanish)', async () => {
    const file = await parseAudienceFile(utf8('\uFEFFTeléfono;Nombre;Ciudad\n+52 55 1234 5678;José Núñez;Mérida\n'), 'a.csv');
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ';', columns: ['Teléfono', 'Nombre', 'Ciudad'], rows: [['+52 55 1234 5678', 'José Núñez', 'Mérida']] });
  });

  it('reads Windows-1252 (no BOM, not valid UTF-8) and commas with quoted fields', async () => {
    const file = await parseAudienceFile(cp1252('telefono,nombre,nota\n5512345678,"Peña, María","dijo ""sí"""\n5587654321,Íñigo,\n'), 'b.csv');
    expect(file.encoding).toBe('windows-1252');
    expect(file.delimiter).toBe(',');
    expect(file.rows).toEqual([
      ['5512345678', 'Peña, María', 'dijo "sí"'],
      ['5587654321', 'Íñigo', ''],
    ]);
  });

  it('keeps a line break inside quotes, pads short rows and skips blank lines', async () => {
    const file = await parseAudienceFile(utf8('tel;nota\r\n1;"dos\nlíneas"\r\n\r\n2\r\n'), 'c.csv');
    expect(file.rows).toEqual([
      ['1', 'dos\nlíneas'],
      ['2', ''],
    ]);
  });

  it('a broken file names the line and the reason', async () => {
    await expect(parseAudienceFile(utf8('tel;nombre\n1;Ana\n2;"Luis\n'), 'd.csv')).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/^Line 3: a quoted field is never closed/) });
    await expect(parseAudienceFile(utf8(''), 'e.csv')).rejects.toMatchObject({ code: 'BAD_FILE', params: { reason: 'empty' } });
    await expect(parseAudienceFile(utf8('tel\n'), 'f.csv')).rejects.toMatchObject({ code: 'BAD_FILE', params: { reason: 'no_rows' } });
    await expect(parseAudienceFile(utf8('tel\n1\n'), 'g.xlsx')).rejects.toMatchObject({ code: 'BAD_FILE' });
  });

  it('decodes UTF-16 with its BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('tel;ñ\n', 'utf16le')]);
    expect(decodeCsv(new Uint8Array(bytes))).toEqual({ text: 'tel;ñ\n', encoding: 'utf-16le' });
  });

  it('reports progress while reading 100,000 rows', async () => {
    const lines = ['telefono;nombre', ...Array.from({ length: 100_000 }, (_, i) => `55${String(10_000_000 + i)};Cliente ${i}`)];
    const progress: number[] = [];
    const file = await parseAudienceFile(utf8(lines.join('\n')), 'big.csv', (rows) => progress.push(rows));
    expect(file.rows).toHaveLength(100_000);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(100_000);
  });
});

describe('audience numbers', () => {
  it('normalises with the account country as default and keeps explicit country codes', () => {
    expect(normalizeAudiencePhone('55 1234 5678', 'MX')).toBe('525512345678');
    expect(normalizeAudiencePhone('+34 612 345 678', 'MX')).toBe('34612345678');
    expect(normalizeAudiencePhone('0034612345678', 'MX')).toBe('34612345678');
    // Without a country, digits without "+" are not guessed into one.
    expect(normalizeAudiencePhone('34612345678', undefined)).toBeNull();
    expect(normalizeAudiencePhone('+34612345678', undefined)).toBe('34612345678');
    expect(normalizeAudiencePhone('hola', 'MX')).toBeNull();
    expect(normalizeAudiencePhone('123', 'MX')).toBeNull();
  });

  it('reads Mexican mobiles written the pre-2019 way as the same number', () => {
    for (const old of ['+52 1 55 1234 5678', '+5215512345678', '5215512345678', '044 55 1234 5678', '045 (55) 1234-5678']) {
      expect(normalizeAudiencePhone(old, 'MX'), old).toBe('525512345678');
    }
    // 044 is a Mexican prefix only: elsewhere it is not rewritten.
    expect(normalizeAudiencePhone('044 55 1234 5678', 'ES')).toBeNull();
    // Other countries' numbers starting 521… are left alone.
    expect(normalizeAudiencePhone('+52 55 1234 5678', 'MX')).toBe('525512345678');
    expect(normalizeAudiencePhone('+34 521 234 567', 'MX')).toBe('34521234567');
  });

  it('lists invalid, repeated and opted-out numbers with their line, and prefers the account that already chatted', () => {
    const entries = ['55 1234 5678', 'x', '+52 55 1234 5678', '55 8765 4321', '55 1111 2222', ''].map((raw, i) => ({ line: i + 2, raw, name: null, variables: {} }));
    const built = buildAudience(entries, {
      accountIds: ['a1', 'a2'],
      defaultCountry: 'MX',
      suppressed: new Set(['525587654321']),
      knownBy: new Map([['525511112222', 'a1']]),
    });
    expect(built.valid.map((v) => [v.phone, v.accountId])).toEqual([
      ['525512345678', 'a1'],
      ['525511112222', 'a1'],
    ]);
    expect(built.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'invalid'],
      [4, 'duplicate'],
      [5, 'opted_out'],
      [7, 'empty'],
    ]);
  });
});

/** A minimal .xlsx (one sheet, shared strings and a number cell), zipped as Excel does. */
function tinyWorkbook(): Uint8Array {
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  return zipSync({
    '[Content_Types].xml': xml(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    '_rels/.rels': xml(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': xml(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Clientes" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': xml(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': xml(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Teléfono</t></si><si><t>Nombre</t></si><si><t>José Núñez</t></si></sst>',
    ),
    'xl/worksheets/sheet1.xml': xml(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>525512345678</v></c><c r="B2" t="s"><v>2</v></c></row></sheetData></worksheet>',
    ),
  });
}

describe('Excel audience files', () => {
  it('reads the first sheet of an .xlsx, phone numbers typed as numbers included', async () => {
    const file = await parseAudienceFile(tinyWorkbook(), 'clientes.xlsx');
    expect(file).toMatchObject({ encoding: 'xlsx', delimiter: null, columns: ['Teléfono', 'Nombre'], rows: [['525512345678', 'José Núñez']] });
  });

  it('a damaged workbook is refused with a reason', async () => {
    const broken = tinyWorkbook().slice(0, 200);
    await expect(parseAudienceFile(broken, 'roto.xlsx')).rejects.toMatchObject({ code: 'BAD_FILE' });
  });
});
