import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityStatsDto } from '../../../shared/contract';
import { ChartCard } from './ChartCard';
import { chartTheme } from './chart-theme';
import { formatDay } from './stats-format';

/** Received and sent per day (bars) and new conversations (line). */
export function ActivityCard({ activity }: { activity: ActivityStatsDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const labels = { received: t('stats.activity.received'), sent: t('stats.activity.sent'), newConversations: t('stats.activity.newConversations') };
  const empty = activity.totals.received + activity.totals.sent === 0;
  return (
    <ChartCard
      wide
      title={t('stats.activity.title')}
      testId="stats-activity"
      csv={{
        fileName: 'mostrador-mensajes-por-dia.csv',
        header: [t('stats.activity.day'), labels.received, labels.sent, labels.newConversations],
        rows: activity.days.map((d) => [d.day, d.received, d.sent, d.newConversations]),
      }}
    >
      <p className="stats-totals" data-testid="stats-activity-totals">
        {labels.received}: <strong>{activity.totals.received}</strong> · {labels.sent}: <strong>{activity.totals.sent}</strong> · {labels.newConversations}:{' '}
        <strong>{activity.totals.newConversations}</strong>
      </p>
      {empty ? (
        <p className="muted">{t('stats.activity.empty')}</p>
      ) : (
        <div className="stats-chart">
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={activity.days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={chartTheme.grid} vertical={false} />
              <XAxis dataKey="day" tickFormatter={(day: string) => formatDay(day, language)} tick={{ fill: chartTheme.text, fontSize: 12 }} stroke={chartTheme.grid} minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fill: chartTheme.text, fontSize: 12 }} stroke={chartTheme.grid} />
              <Tooltip labelFormatter={(day) => formatDay(String(day), language)} contentStyle={chartTheme.tooltip} cursor={{ fill: chartTheme.cursor }} />
              <Legend wrapperStyle={{ color: chartTheme.text, fontSize: 13 }} />
              <Bar dataKey="received" name={labels.received} fill={chartTheme.received} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              <Bar dataKey="sent" name={labels.sent} fill={chartTheme.sent} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              <Line dataKey="newConversations" name={labels.newConversations} stroke={chartTheme.line} strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
