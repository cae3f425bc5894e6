import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard';
import { weekdayNames } from './stats-format';

const hours = Array.from({ length: 24 }, (_, h) => h);

/** Received messages per weekday × hour, as a heat map (darker = busier). */
export function BusiestHoursCard({ busiestHours }: { busiestHours: number[][] }) {
  const { t, i18n } = useTranslation();
  const weekdays = weekdayNames(i18n.language);
  const max = Math.max(1, ...busiestHours.flat());
  return (
    <ChartCard
      wide
      title={t('stats.heatmap.title')}
      testId="stats-heatmap"
      csv={{
        fileName: 'mostrador-horas-de-actividad.csv',
        header: [t('stats.heatmap.weekday'), ...hours.map((h) => `${h}:00`)],
        rows: busiestHours.map((row, day) => [weekdays[day]!, ...row]),
      }}
    >
      <p className="muted small">{t('stats.heatmap.hint')}</p>
      <div className="heatmap" role="table" aria-label={t('stats.heatmap.title')}>
        <div className="heatmap-row" role="row">
          <span className="heatmap-corner" role="columnheader" />
          {hours.map((h) => (
            <span key={h} className="heatmap-hour" role="columnheader">
              {h % 3 === 0 ? h : ''}
            </span>
          ))}
        </div>
        {busiestHours.map((row, day) => (
          <div key={day} className="heatmap-row" role="row">
            <span className="heatmap-day" role="rowheader">
              {weekdays[day]}
            </span>
            {row.map((count, hour) => {
              const label = t('stats.heatmap.cell', { weekday: weekdays[day], hour, count });
              return (
                <span
                  key={hour}
                  role="cell"
                  className="heatmap-cell"
                  title={label}
                  aria-label={label}
                  data-count={count}
                  style={{ backgroundColor: `color-mix(in srgb, var(--accent) ${count === 0 ? 0 : Math.round(12 + (88 * count) / max)}%, var(--neutral-soft))` }}
                />
              );
            })}
          </div>
        ))}
      </div>
    </ChartCard>
  );
}
