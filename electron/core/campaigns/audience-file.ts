import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../../../shared/errors';

export interface ParsedAudienceFile {
  encoding: string;
  delimiter: string | null;
  /** First row: the column titles. */
  columns: string[];
  /** The data rows, every one as long as `columns`. Row i is line i + 2 of the file (line 1 is the header). */
  rows: string[][];
}

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Text of a CSV: a BOM says the encoding; otherwise UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (what Excel in Spanish writes on "Save as CSV"). Valid UTF-8 by accident in
 * Windows-1252 text takes two accented letters in a row that almost never occur in Spanish.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const reasonOf = (error: Papa.ParseError): string => {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed (a " is missing)';
    case 'InvalidQuotes':
      return 'a field has a stray " inside it';
    case 'TooManyFields':
      return 'the row has more columns than the header';
    default:
      return error.message;
  }
};

/**
 * The delimiter is the candidate the header line uses most: a header names every column once, so
 * it is the steadiest line to read it from (guessing over data rows trips on quoted line breaks).
 */
export function headerDelimiter(text: string): string {
  const header = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [';', ',', '\t', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Parses a CSV text in chunks, yielding to the event loop between them so progress can be shown. */
export function parseCsvText(text: string, onProgress?: (rows: number) => void): Promise<{ delimiter: string; records: string[][] }> {
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    const delimiter = headerDelimiter(text);
    let failure: AppError | undefined;
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: 'greedy',
      chunkSize: 256 * 1024,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        for (const error of results.errors) {
          if (error.code === 'UndetectableDelimiter' || error.code === 'TooFewFields') continue;
          // Papa counts rows from 0 over the whole file: row 0 is line 1, the header.
          const line = (error.row ?? 0) + 1;
          failure ??= new AppError('BAD_FILE', `Line ${line}: ${reasonOf(error)}`);
        }
        if (failure) {
          parser.abort();
          return;
        }
        for (const row of results.data) records.push(row);
        onProgress?.(Math.max(0, records.length - 1));
        parser.pause();
        setImmediate(() => parser.resume());
      },
      complete: () => {
        if (failure) reject(failure);
        else resolve({ delimiter, records });
      },
      error: (error: Error) => reject(new AppError('BAD_FILE', error.message)),
    });
  });
}

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // Numbers typed into Excel (phones) come as numbers: whole ones without exponent or decimals.
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  return String(value).trim();
};

/** The columns and rows of a CSV or Excel (.xlsx) file, or BAD_FILE naming the line and reason. */
export async function parseAudienceFile(bytes: Uint8Array, fileName: string, onProgress?: (rows: number) => void): Promise<ParsedAudienceFile> {
  let records: string[][];
  let encoding: string;
  let delimiter: string | null = null;
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    if (!isZip(bytes)) throw new AppError('BAD_FILE', 'The file says .xlsx but is not an Excel workbook');
    try {
      const data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      records = data.map((row) => row.map(cellText));
    } catch (error) {
      throw new AppError('BAD_FILE', `The Excel file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    encoding = 'xlsx';
    onProgress?.(Math.max(0, records.length - 1));
  } else {
    if (/\.xls$/i.test(fileName)) throw new AppError('BAD_FILE', 'Old Excel files (.xls) cannot be read: save it as .xlsx or CSV');
    const decoded = decodeCsv(bytes);
    encoding = decoded.encoding;
    const parsed = await parseCsvText(decoded.text, onProgress);
    records = parsed.records;
    delimiter = parsed.delimiter;
  }
  const header = records[0];
  if (!header || header.every((cell) => cell.trim() === '')) throw new AppError('BAD_FILE', 'Line 1: the file is empty (the first line must name the columns)');
  const columns = header.map((title, i) => title.trim() || `#${i + 1}`);
  const rows = records.slice(1).map((row) => {
    const cells = row.map((c) => c.trim());
    while (cells.length < columns.length) cells.push('');
    return cells.slice(0, columns.length);
  });
  if (rows.length === 0) throw new AppError('BAD_FILE', 'The file has a header but no rows');
  return { encoding, delimiter, columns, rows };
}
