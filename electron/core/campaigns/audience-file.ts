import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { MAX_AUDIENCE_FILE_BYTES } from '../../../shared/contract/campaign-dto';
import { AppError } from '../../../shared/errors';
import { suggestPhoneColumns } from './phone-cell';

export interface ParsedAudienceFile {
  encoding: string;
  delimiter: string | null;
  /** The column titles (the first line that is not blank). */
  columns: string[];
  /** The data rows, every one as long as `columns`; blank rows are left out (and counted). */
  rows: string[][];
  /** The file's physical line where each row starts (1 = the first line of the file). */
  lines: number[];
  blankRows: number;
  /** Indexes into `rows` of rows with more filled cells than the header has columns. */
  extraFieldRows: Set<number>;
  /** The columns whose values look like phone numbers. */
  phoneColumns: number[];
}


const badFile = (reason: string, message: string, params: Record<string, string | number> = {}) => new AppError('BAD_FILE', message, { reason, ...params });

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Text never holds control bytes other than tab and line breaks; a picture, PDF or old .xls does
 * within its first kilobytes. One in a hundred is a generous margin for a stray one.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a)) control += 1;
  return control > 0 && control >= sample.length / 100;
}

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

const hasBom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * The delimiter is the candidate the header line uses most: a header names every column once, so
 * it is the steadiest line to read it from (guessing over data rows trips on quoted line breaks).
 */
export function headerDelimiter(text: string): string {
  const start = text.search(/[^\r\n]/);
  const from = start < 0 ? '' : text.slice(start);
  const end = from.search(/\r?\n|\r/);
  const header = (end < 0 ? from : from.slice(0, end)).replace(/"[^"]*"/g, '');
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

/** Line breaks inside a record's fields: the physical lines it spans beyond its first. */
function breaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return breaks;
}

/** Parsed records with the physical line each starts on. */
interface Records {
  records: string[][];
  lines: number[];
}

/**
 * Parses a CSV text in chunks, yielding to the event loop between them so progress can be shown.
 * Papa keeps blank lines here (`skipEmptyLines: false`) so every physical line is accounted for:
 * its own row numbers restart with each chunk and skip what it drops, so we count lines ourselves.
 */
export function parseCsvText(text: string, onProgress?: (rows: number) => void): Promise<{ delimiter: string } & Records> {
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    const lines: number[] = [];
    const delimiter = headerDelimiter(text);
    let line = 1;
    let failure: AppError | undefined;
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      chunkSize: 512 * 1024,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        const errorAt = new Map<number, Papa.ParseError>();
        for (const error of results.errors) {
          if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') errorAt.set(error.row ?? 0, error);
        }
        const data = results.data;
        for (let i = 0; i < data.length; i += 1) {
          const error = errorAt.get(i);
          if (error) {
            failure = error.code === 'MissingQuotes' ? badFile('unclosed_quote', `Line ${line}: a quoted field is never closed`, { line }) : badFile('stray_quote', `Line ${line}: a field has a stray "`, { line });
            parser.abort();
            return;
          }
          const record = data[i]!;
          records.push(record);
          lines.push(line);
          line += 1 + breaksIn(record);
        }
        // The header is not a row.
        onProgress?.(Math.max(0, records.length - 1));
        parser.pause();
        setImmediate(() => parser.resume());
      },
      complete: () => {
        if (failure) reject(failure);
        else {
          // The line break that ends the last line is not a blank row of its own.
          const last = records.at(-1);
          if (last && last.length === 1 && last[0] === '') {
            records.pop();
            lines.pop();
          }
          resolve({ delimiter, records, lines });
        }
      },
      error: (error: Error) => reject(badFile('unreadable', error.message)),
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

async function readWorkbook(bytes: Uint8Array, onProgress?: (rows: number) => void): Promise<Records> {
  let data: unknown[][];
  try {
    data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw badFile('xlsx_unreadable', `The Excel file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const records = data.map((row) => row.map(cellText));
  onProgress?.(records.length);
  // A sheet row is one line: the row number is what Excel shows.
  return { records, lines: records.map((_, i) => i + 1) };
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

/** The columns and rows of a CSV or Excel (.xlsx) file, or BAD_FILE with a reason (and the line). */
export async function parseAudienceFile(bytes: Uint8Array, fileName: string, onProgress?: (rows: number) => void): Promise<ParsedAudienceFile> {
  if (bytes.length === 0) throw badFile('empty', 'The file is empty');
  if (bytes.length > MAX_AUDIENCE_FILE_BYTES) throw badFile('too_large', 'The file is too large', { limitMb: MAX_AUDIENCE_FILE_BYTES / 1024 / 1024 });
  let parsed: Records;
  let encoding: string;
  let delimiter: string | null = null;
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    if (!isZip(bytes)) throw badFile('not_xlsx', 'The file says .xlsx but is not an Excel workbook');
    parsed = await readWorkbook(bytes, onProgress);
    encoding = 'xlsx';
  } else {
    if (/\.xls$/i.test(fileName)) throw badFile('xls', 'Old Excel files (.xls) cannot be read: save it as .xlsx or CSV');
    if (!hasBom(bytes) && looksBinary(bytes)) throw badFile('binary', 'The file is not text (a picture, PDF or program?)');
    const decoded = decodeCsv(bytes);
    encoding = decoded.encoding;
    const csv = await parseCsvText(decoded.text, onProgress);
    parsed = csv;
    delimiter = csv.delimiter;
  }
  const { records, lines } = parsed;
  let first = 0;
  while (first < records.length && isBlank(records[first]!)) first += 1;
  const header = records[first];
  if (!header) throw badFile('empty', 'The file is empty');
  const columns = header.map((title, i) => title.trim() || `#${i + 1}`);
  const rows: string[][] = [];
  const rowLines: number[] = [];
  const extraFieldRows = new Set<number>();
  let blankRows = 0;
  for (let r = first + 1; r < records.length; r += 1) {
    const record = records[r]!;
    if (isBlank(record)) {
      blankRows += 1;
      continue;
    }
    const cells = record.map((c) => c.trim());
    // Trailing empty cells ("Ana;555;;") are how spreadsheets pad rows, not extra data.
    let filled = cells.length;
    while (filled > columns.length && cells[filled - 1] === '') filled -= 1;
    if (filled > columns.length) extraFieldRows.add(rows.length);
    while (cells.length < columns.length) cells.push('');
    rows.push(cells.length === columns.length ? cells : cells.slice(0, columns.length));
    rowLines.push(lines[r]!);
  }
  if (rows.length === 0) throw badFile('no_rows', 'The file has a header but no rows', { line: lines[first]! });
  return { encoding, delimiter, columns, rows, lines: rowLines, blankRows, extraFieldRows, phoneColumns: suggestPhoneColumns(columns.length, rows) };
}
