import { useTranslation } from 'react-i18next';
import type { ConversationStatsDto } from '../../../shared/contract';
import { ChartCard } from './ChartCard';

const statuses = ['open', 'pending', 'resolved'] as const;

/** Conversations open / pending / resolved now, each with a bar of its share. */
export function StatusCard({ counts }: { counts: ConversationStatsDto }) {
  const { t } = useTranslation();
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  return (
    <ChartCard
      title={t('stats.statuses.title')}
      testId="stats-statuses"
      csv={{ fileName: 'mostrador-conversaciones-por-estado.csv', header: [t('stats.statuses.status'), t('stats.statuses.count')], rows: statuses.map((s) => [t(`chatStatus.${s}`), counts[s]]) }}
    >
      <ul className="stats-bars">
        {statuses.map((status) => (
          <li key={status} data-testid={`stats-status-${status}`}>
            <span className="stats-bar-label">{t(`chatStatus.${status}`)}</span>
            <span className="stats-bar-track" aria-hidden>
              <span className={`stats-bar-fill status-${status}`} style={{ width: `${total === 0 ? 0 : (100 * counts[status]) / total}%` }} />
            </span>
            <strong className="stats-bar-value">{counts[status]}</strong>
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
