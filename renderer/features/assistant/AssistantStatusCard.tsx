import { useTranslation } from 'react-i18next';
import type { AssistantConfigDto } from '../../../shared/contract';
import { useAssistantStats } from '../../api/hooks/use-assistant';
import { statsTotals } from './assistant-stats';

/** On or off, the last problem in plain words, this month's spend against the cap, and recent figures. */
export function AssistantStatusCard({ config }: { config: AssistantConfigDto }) {
  const { t, i18n } = useTranslation();
  const stats = useAssistantStats(config.accountId);
  const { settings, status } = config;
  const money = (usd: number) => new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }).format(usd);
  const totals = statsTotals(stats.data?.days ?? []);
  // "Working" only once a call has succeeded (the connection test on save, or an answer).
  const state = !settings.enabled ? 'off' : status.problem ? 'problem' : status.at === null ? 'checking' : 'on';
  return (
    <section className={`settings-section assistant-status assistant-status-${state}`} data-testid="assistant-status" data-state={state} aria-live="polite">
      <h2>{t('assistant.statusTitle')}</h2>
      <p className="assistant-status-line" data-testid="assistant-status-line">
        {t(`assistant.state.${state}`)}
      </p>
      {status.problem && (
        <p className="form-error" role="alert" data-testid="assistant-problem" data-problem={status.problem}>
          {t(`assistant.problems.${status.problem}`)}
          {status.detail && <span className="assistant-problem-detail">{status.detail}</span>}
        </p>
      )}
      <dl className="about-list">
        <dt>{t('assistant.monthSpend')}</dt>
        <dd data-testid="assistant-month-spend">
          {settings.monthlyCapUsd === null ? money(status.monthCostUsd) : t('assistant.spendOfCap', { spent: money(status.monthCostUsd), cap: money(settings.monthlyCapUsd) })}
        </dd>
        <dt>{t('assistant.last30Days')}</dt>
        <dd data-testid="assistant-stats">
          {t('assistant.statsLine', { answers: totals.answers, handovers: totals.handovers, tokens: totals.tokens, cost: money(totals.costUsd) })}
        </dd>
      </dl>
      {stats.data && stats.data.days.length > 0 && (
        <table className="assistant-days-table" data-testid="assistant-days">
          <caption className="field-hint">{t('assistant.perDay')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assistant.day')}</th>
              <th scope="col">{t('assistant.answers')}</th>
              <th scope="col">{t('assistant.handovers')}</th>
              <th scope="col">{t('assistant.tokens')}</th>
              <th scope="col">{t('assistant.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.days.slice(0, 7).map((day) => (
              <tr key={day.day} data-testid="assistant-day">
                <td>{new Date(`${day.day}T12:00:00Z`).toLocaleDateString(i18n.resolvedLanguage ?? 'en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })}</td>
                <td>{day.answers}</td>
                <td>{day.handovers}</td>
                <td>{day.promptTokens + day.completionTokens}</td>
                <td>{money(day.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
