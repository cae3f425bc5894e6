import { useTranslation } from 'react-i18next';
import type { ResponseFiguresDto, ResponseStatsDto } from '../../../shared/contract';
import { ChartCard } from './ChartCard';
import { formatDuration, formatPercent } from './stats-format';

/** First-response times for people and for the assistant, and the assistant's share. */
export function ResponseCard({ responses }: { responses: ResponseStatsDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows: { who: 'person' | 'assistant'; figures: ResponseFiguresDto }[] = [
    { who: 'person', figures: responses.person },
    { who: 'assistant', figures: responses.assistant },
  ];
  const minutes = (ms: number | null) => (ms === null ? null : Number((ms / 60_000).toFixed(2)));
  return (
    <ChartCard
      title={t('stats.responses.title')}
      testId="stats-responses"
      csv={{
        fileName: 'mostrador-tiempos-de-respuesta.csv',
        header: [t('stats.responses.who'), t('stats.responses.answered'), `${t('stats.responses.median')} (min)`, `${t('stats.responses.p90')} (min)`],
        rows: rows.map(({ who, figures }) => [t(`stats.responses.${who}`), figures.count, minutes(figures.medianMs), minutes(figures.p90Ms)]),
      }}
    >
      <table className="stats-table">
        <thead>
          <tr>
            <th scope="col">{t('stats.responses.who')}</th>
            <th scope="col">{t('stats.responses.median')}</th>
            <th scope="col">{t('stats.responses.p90')}</th>
            <th scope="col">{t('stats.responses.answered')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ who, figures }) => (
            <tr key={who} data-testid={`stats-responses-${who}`}>
              <th scope="row">{t(`stats.responses.${who}`)}</th>
              <td>{figures.medianMs === null ? '—' : formatDuration(figures.medianMs, language)}</td>
              <td>{figures.p90Ms === null ? '—' : formatDuration(figures.p90Ms, language)}</td>
              <td>{figures.count === 0 ? t('stats.responses.none') : figures.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" data-testid="stats-assistant-share">
        {t('stats.responses.assistantShare', {
          answered: responses.conversationsAnsweredByAssistant,
          total: responses.conversationsAnswered,
          percent: formatPercent(responses.conversationsAnsweredByAssistant, responses.conversationsAnswered, language),
        })}
      </p>
      {responses.pendingConversations > 0 && (
        <p className="muted small" role="status" data-testid="stats-responses-pending">
          {t('stats.responses.pending', { count: responses.pendingConversations })}
        </p>
      )}
    </ChartCard>
  );
}
