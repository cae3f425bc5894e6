/**
 * What a phone cell of a real export holds. Google Contacts joins several numbers of one person
 * with " ::: "; hand-made sheets use ";", "/", " - " or a line break inside the cell.
 */
const SEPARATORS = /\s*:::\s*|\s*[;/\n]\s*|\s+-\s+/;

/** The numbers written in one cell, in their order, empty parts dropped. */
export function splitPhoneCell(cell: string): string[] {
  if (!/[:;/\n]|\s-\s/.test(cell)) return cell.trim() ? [cell.trim()] : [];
  return cell
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean);
}

const PHONE_CHARS = /^[+\d\s().-]+$/;
const DATE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

/** A value that could be a phone number in any country: 7–15 digits and only phone punctuation. */
export function looksLikePhone(value: string): boolean {
  if (!PHONE_CHARS.test(value) || DATE.test(value)) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += 1;
  }
  return digits >= 7 && digits <= 15;
}

/** Rows looked at to guess the phone columns: enough to be sure, cheap on 100,000 rows. */
const SAMPLE_ROWS = 500;
/** A column is a phone column when most of its filled cells hold a number. */
const PHONE_SHARE = 0.6;

/**
 * The columns that hold phone numbers, judged by their values, never by the title alone: Google's
 * "Phone 1 - Type" is titled like a phone column but holds the word "Mobile".
 */
export function suggestPhoneColumns(columnCount: number, rows: readonly (readonly string[])[]): number[] {
  const filled = new Array<number>(columnCount).fill(0);
  const phones = new Array<number>(columnCount).fill(0);
  for (const row of rows.slice(0, SAMPLE_ROWS)) {
    for (let c = 0; c < columnCount; c += 1) {
      const cell = row[c] ?? '';
      if (!cell) continue;
      filled[c]! += 1;
      if (splitPhoneCell(cell).some(looksLikePhone)) phones[c]! += 1;
    }
  }
  const suggested: number[] = [];
  for (let c = 0; c < columnCount; c += 1) if (filled[c]! > 0 && phones[c]! / filled[c]! >= PHONE_SHARE) suggested.push(c);
  return suggested;
}
