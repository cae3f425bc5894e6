import { useTranslation } from 'react-i18next';
import type { AssistantUsageDto } from '../../../shared/contract';
import { assistantCounters } from '../assistant/assistant-stats';
import { ChartCard } from './ChartCard';

type UsageLabel = 'title' | 'answers' | 'handovers' | 'failures' | 'tokens' | 'cost' | 'day' | 'promptTokens' | 'completionTokens' | 'costUsd';

/** The assistant in the period: answers, handovers, failures, tokens and estimated cost. */
export function AssistantUsageCard({ usage }: { usage: AssistantUsageDto }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
  const { totals } = usage;
  const counters = assistantCounters(totals);
  const figures = [
    { id: 'answers', value: number.format(counters.answers) },
    { id: 'handovers', value: number.format(counters.handovers) },
    { id: 'failures', value: number.format(counters.failures) },
    { id: 'tokens', value: number.format(totals.promptTokens + totals.completionTokens) },
    { id: 'cost', value: money.format(totals.costUsd) },
  ] as const;
  const label = (key: UsageLabel) => t(`stats.assistantUsage.${key}`);
  return (
    <ChartCard
      title={label('title')}
      testId="stats-assistant"
      csv={{
        fileName: 'mostrador-asistente.csv',
        header: (['day', 'answers', 'handovers', 'failures', 'promptTokens', 'completionTokens', 'costUsd'] as const).map(label),
        rows: usage.days.map((d) => {
          const c = assistantCounters(d);
          return [d.day, c.answers, c.handovers, c.failures, d.promptTokens, d.completionTokens, d.costUsd];
        }),
      }}
    >
      <dl className="stats-figures">
        {figures.map((f) => (
          <div key={f.id} data-testid={`stats-assistant-${f.id}`}>
            <dt>{label(f.id)}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </ChartCard>
  );
}
