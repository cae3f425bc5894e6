import Papa from 'papaparse';

/**
 * A CSV that Excel opens as the person expects: a BOM so it reads UTF-8 (accents), and `;` in
 * Spanish, where Excel uses the comma for decimals and `;` between fields.
 */
export function toCsv(header: string[], rows: (string | number | null)[][], language: string): string {
  return `\uFEFF${Papa.unparse({ fields: header, data: rows }, { delimiter: language.startsWith('es') ? ';' : ',', newline: '\r\n' })}`;
}

/** Saves the text as a file through the browser's (or Electron's) download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
