import { useTranslation } from 'react-i18next';
import type { AssistantUsageDto } from '../../../shared/contract';
import { ChartCard } from './ChartCard';

type UsageLabel = 'title' | 'answers' | 'handovers' | 'failures' | 'tokens' | 'cost' | 'day' | 'promptTokens' | 'completionTokens' | 'costUsd';

/** The assistant in the period: answers, handovers, failures, tokens and estimated cost. */
export function AssistantUsageCard({ usage }: { usage: AssistantUsageDto }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
  const { totals } = usage;
  const figures = [
    { id: 'answers', value: number.format(totals.answers) },
    { id: 'handovers', value: number.format(totals.handovers) },
    { id: 'failures', value: number.format(totals.failures) },
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
        rows: usage.days.map((d) => [d.day, d.answers, d.handovers, d.failures, d.promptTokens, d.completionTokens, d.costUsd]),
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
