import type { AudienceSource, CampaignPacing, CampaignWindow } from '../../../shared/contract';

/** "09:30" → 570 (minutes of the day); "24:00" is the end of the day. */
export function minutesOf(time: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes >= 0 && minutes <= 1440 && Number(match[2]) < 60 ? minutes : null;
}

/** 570 → "09:30". */
export const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A column title as a {{variable}} name: lower case, accents kept, spaces as underscores. */
export function variableName(title: string): string {
  const name = title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return name || 'columna';
}

/** Only when no column's values look like numbers: the column titled like a phone, else the first. */
export function guessPhoneColumn(columns: readonly string[]): number {
  const index = columns.findIndex((c) => /tel|phone|cel|móvil|movil|whats|número|numero/i.test(c));
  return index >= 0 ? index : 0;
}

export interface ColumnMapping {
  /** The columns that may hold the person's number, in file order. */
  phoneColumns: number[];
  /** Column index → variable name (absent: not used). */
  variables: Record<number, string>;
}

/**
 * The phone columns the core found by their values (a "Phone 1 - Type" column full of "Mobile" is
 * never one); every other column becomes a variable named after its title (duplicates get a number).
 */
export function defaultMapping(columns: readonly string[], phoneColumnsByValue: readonly number[]): ColumnMapping {
  const phoneColumns = phoneColumnsByValue.length > 0 ? [...phoneColumnsByValue] : [guessPhoneColumn(columns)];
  const used = new Set<string>();
  const variables: Record<number, string> = {};
  columns.forEach((title, i) => {
    if (phoneColumns.includes(i)) return;
    let name = variableName(title);
    for (let n = 2; used.has(name); n += 1) name = `${variableName(title)}_${n}`;
    used.add(name);
    variables[i] = name;
  });
  return { phoneColumns, variables };
}

/** Marks a column as holding phones or not; at least one stays, and a phone column is no variable. */
export function togglePhoneColumn(mapping: ColumnMapping, column: number, on: boolean): ColumnMapping {
  const phoneColumns = on ? [...new Set([...mapping.phoneColumns, column])].sort((a, b) => a - b) : mapping.phoneColumns.filter((c) => c !== column);
  if (phoneColumns.length === 0) return mapping;
  return { phoneColumns, variables: { ...mapping.variables, [column]: '' } };
}

export const fileAudience = (draftId: string, mapping: ColumnMapping): AudienceSource | null =>
  mapping.phoneColumns.length === 0
    ? null
    : {
        kind: 'file',
        draftId,
        phoneColumns: mapping.phoneColumns,
        variables: Object.entries(mapping.variables)
          .filter(([column, name]) => !mapping.phoneColumns.includes(Number(column)) && name.trim() !== '')
          .map(([column, name]) => ({ column: Number(column), name: name.trim() })),
      };

/** The pacing form in the units people think in (seconds for delays, minutes for pauses). */
export interface PacingForm {
  minDelaySec: string;
  maxDelaySec: string;
  pauseEvery: string;
  pauseMinMin: string;
  pauseMaxMin: string;
  hourlyCap: string;
  dailyCap: string;
  warmup: boolean;
}

export const pacingForm = (p: CampaignPacing): PacingForm => ({
  minDelaySec: String(p.minDelaySec),
  maxDelaySec: String(p.maxDelaySec),
  pauseEvery: String(p.pauseEvery),
  pauseMinMin: String(p.pauseMinSec / 60),
  pauseMaxMin: String(p.pauseMaxSec / 60),
  hourlyCap: String(p.hourlyCap),
  dailyCap: String(p.dailyCap),
  warmup: p.warmup,
});

/** The pacing the form describes, or null while a field is not a whole number in range. */
export function pacingFromForm(form: PacingForm, failureBrakePct: number): CampaignPacing | null {
  const int = (s: string, min: number, max: number) => {
    const n = Number(s);
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const values = {
    minDelaySec: int(form.minDelaySec, 2, 3600),
    maxDelaySec: int(form.maxDelaySec, 2, 3600),
    pauseEvery: int(form.pauseEvery, 1, 10_000),
    pauseMin: int(form.pauseMinMin, 0, 1440),
    pauseMax: int(form.pauseMaxMin, 0, 1440),
    hourlyCap: int(form.hourlyCap, 1, 10_000),
    dailyCap: int(form.dailyCap, 1, 100_000),
  };
  if (Object.values(values).some((v) => v === null)) return null;
  const v = values as { [K in keyof typeof values]: number };
  if (v.minDelaySec > v.maxDelaySec || v.pauseMin > v.pauseMax) return null;
  return {
    minDelaySec: v.minDelaySec,
    maxDelaySec: v.maxDelaySec,
    pauseEvery: v.pauseEvery,
    pauseMinSec: v.pauseMin * 60,
    pauseMaxSec: v.pauseMax * 60,
    hourlyCap: v.hourlyCap,
    dailyCap: v.dailyCap,
    warmup: form.warmup,
    failureBrakePct,
  };
}

export function windowFromForm(start: string, end: string, weekdays: readonly number[], timeZone: string): CampaignWindow | null {
  const startMinute = minutesOf(start);
  const endMinute = minutesOf(end);
  if (startMinute === null || endMinute === null || startMinute > 1439 || endMinute < 1) return null;
  return { timeZone, startMinute, endMinute, weekdays: [...weekdays].sort() };
}

/** The browser's own time zone: the window is in the person's local time. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
