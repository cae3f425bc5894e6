import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantConfigDto } from '../../../shared/contract';
import { useAssistantUsage } from '../../api/hooks/use-stats';
import { ProblemDetails } from '../../ui/RawProblem';
import { useNow } from '../../ui/use-now';
import { dayInput } from '../stats/period';
import { assistantCardPeriod, assistantCounters } from './assistant-stats';

/** On or off, the last problem in plain words, this month's spend against the cap, and recent figures. */
export function AssistantStatusCard({ config }: { config: AssistantConfigDto }) {
  const { t, i18n } = useTranslation();
  // The same query and the same days as Stats' "30 days" for this number, so the figures agree.
  const today = dayInput(useNow(60_000));
  const period = useMemo(() => assistantCardPeriod(config.accountId, today), [config.accountId, today]);
  const usage = useAssistantUsage(period);
  const { settings, status } = config;
  const language = i18n.resolvedLanguage ?? 'en';
  const money = (usd: number) => new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }).format(usd);
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  const totals = usage.data?.totals;
  const counters = assistantCounters(totals ?? { answers: 0, handovers: 0, failures: 0 });
  // Newest first; only days with something to show.
  const days = [...(usage.data?.days ?? [])].reverse().filter((d) => d.answers + d.handovers + d.failures + d.promptTokens + d.completionTokens > 0);
  // "Working" only once a call has succeeded (the connection test on save, or an answer).
  const state = !settings.enabled ? 'off' : status.problem ? 'problem' : status.at === null ? 'checking' : 'on';
  return (
    <section className={`settings-section assistant-status assistant-status-${state}`} data-testid="assistant-status" data-state={state} aria-live="polite">
      <h2>{t('assistant.statusTitle')}</h2>
      <p className="assistant-status-line" data-testid="assistant-status-line">
        {t(`assistant.state.${state}`)}
      </p>
      {status.problem && (
        <div className="form-error" role="alert" data-testid="assistant-problem" data-problem={status.problem}>
          {t(`assistant.problems.${status.problem}`)}
          {/* The provider's own words, for whoever sets the server up; the sentence above is for everyone. */}
          {status.detail && <ProblemDetails raw={status.detail} testId="assistant-problem-details" />}
        </div>
      )}
      <dl className="about-list">
        <dt>{t('assistant.monthSpend')}</dt>
        <dd data-testid="assistant-month-spend">
          {settings.monthlyCapUsd === null ? money(status.monthCostUsd) : t('assistant.spendOfCap', { spent: money(status.monthCostUsd), cap: money(settings.monthlyCapUsd) })}
        </dd>
        <dt>{t('assistant.last30Days')}</dt>
        <dd data-testid="assistant-stats" data-answers={counters.answers} data-handovers={counters.handovers} data-failures={counters.failures}>
          {t('assistant.statsLine', {
            answers: number(counters.answers),
            handovers: number(counters.handovers),
            failures: number(counters.failures),
            tokens: number((totals?.promptTokens ?? 0) + (totals?.completionTokens ?? 0)),
            cost: money(totals?.costUsd ?? 0),
          })}
        </dd>
      </dl>
      {days.length > 0 && (
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
            {days.slice(0, 7).map((day) => {
              const c = assistantCounters(day);
              return (
                <tr key={day.day} data-testid="assistant-day">
                  <td>{new Date(`${day.day}T12:00:00Z`).toLocaleDateString(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })}</td>
                  <td>{number(c.answers)}</td>
                  <td>{number(c.handovers)}</td>
                  <td>{number(day.promptTokens + day.completionTokens)}</td>
                  <td>{money(day.costUsd)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
