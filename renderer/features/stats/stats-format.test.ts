import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-export';
import { formatDay, formatDuration, formatPercent, weekdayNames } from './stats-format';

describe('stats formatting', () => {
  it('picks a readable unit for a response time', () => {
    expect(formatDuration(45_000, 'en')).toBe('45 sec');
    expect(formatDuration(270_000, 'en')).toBe('4.5 min');
    expect(formatDuration(3 * 3_600_000, 'en')).toBe('3 hr');
    expect(formatDuration(270_000, 'es')).toBe('4,5 min');
  });

  it('names weekdays from Monday and days in the person’s language', () => {
    expect(weekdayNames('en')[0]).toBe('Mon');
    expect(weekdayNames('es')[6]).toBe('dom');
    expect(formatDay('2026-03-02', 'en')).toBe('Mon, Mar 2');
    expect(formatPercent(1, 3, 'en')).toBe('33%');
    expect(formatPercent(0, 0, 'en')).toBe('0%');
  });

  it('writes CSV that Excel reads in each language, quoting what needs it', () => {
    expect(toCsv(['Día', 'Recibidos'], [['2026-03-02', 5], ['lunes; "feriado"', 0]], 'es')).toBe('\uFEFFDía;Recibidos\r\n2026-03-02;5\r\n"lunes; ""feriado""";0');
    expect(toCsv(['Day', 'Received'], [['2026-03-02', 5]], 'en')).toBe('\uFEFFDay,Received\r\n2026-03-02,5');
  });
});
