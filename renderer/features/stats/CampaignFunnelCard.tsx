import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CampaignFunnelDto } from '../../../shared/contract';
import { ChartCard } from './ChartCard';
import { chartTheme } from './chart-theme';
import { formatPercent } from './stats-format';

const stages = ['sent', 'delivered', 'read', 'replied', 'optedOut', 'failed'] as const;

/** Campaign messages handed to WhatsApp in the period, and how far they got. */
export function CampaignFunnelCard({ funnel }: { funnel: CampaignFunnelDto }) {
  const { t, i18n } = useTranslation();
  const rows = stages.map((stage) => ({ stage, label: t(`stats.funnel.${stage}`), count: funnel[stage] }));
  return (
    <ChartCard
      title={t('stats.funnel.title')}
      testId="stats-campaigns"
      csv={{
        fileName: 'mostrador-campanas.csv',
        header: [t('stats.funnel.stage'), t('stats.funnel.count')],
        rows: [[t('stats.funnel.queued'), funnel.queued], ...rows.map((r) => [r.label, r.count])],
      }}
    >
      <p className="muted small" data-testid="stats-campaigns-rates">
        {t('stats.funnel.rates', { replied: formatPercent(funnel.replied, funnel.sent, i18n.language), optedOut: formatPercent(funnel.optedOut, funnel.sent, i18n.language) })}
      </p>
      <div className="stats-chart">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 8 }}>
            <CartesianGrid stroke={chartTheme.grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: chartTheme.text, fontSize: 12 }} stroke={chartTheme.grid} />
            <YAxis type="category" dataKey="label" width={120} tick={{ fill: chartTheme.text, fontSize: 12 }} stroke={chartTheme.grid} />
            <Tooltip contentStyle={chartTheme.tooltip} cursor={{ fill: chartTheme.cursor }} />
            <Bar dataKey="count" name={t('stats.funnel.count')} fill={chartTheme.received} radius={[0, 3, 3, 0]} isAnimationActive={false}>
              <LabelList dataKey="count" position="right" fill={chartTheme.text} fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
