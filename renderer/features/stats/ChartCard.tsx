import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv, downloadCsv } from './csv-export';

interface Props {
  title: string;
  testId: string;
  /** The figures behind the chart, as CSV columns and rows; no button without them. */
  csv?: { fileName: string; header: string[]; rows: (string | number | null)[][] };
  children: ReactNode;
  wide?: boolean;
}

/** One figure family on the Stats screen, with its "Export CSV" button. */
export function ChartCard({ title, testId, csv, children, wide }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <section className={`stats-card${wide ? ' stats-card-wide' : ''}`} data-testid={testId} aria-label={title}>
      <header className="stats-card-header">
        <h2>{title}</h2>
        {csv && (
          <button
            type="button"
            className="btn stats-csv"
            aria-label={t('stats.exportCsvOf', { chart: title })}
            data-testid={`${testId}-csv`}
            onClick={() => downloadCsv(csv.fileName, toCsv(csv.header, csv.rows, i18n.language))}
          >
            {t('stats.exportCsv')}
          </button>
        )}
      </header>
      {children}
    </section>
  );
}
