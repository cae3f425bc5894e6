import { ToggleGroup } from 'radix-ui';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_STATS_PERIOD_DAYS, type StatsPeriod } from '../../../shared/contract';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useActivityStats, useAssistantUsage, useCampaignFunnel, useConversationStats, useResponseStats } from '../../api/hooks/use-stats';
import { LoadError } from '../../ui/LoadError';
import { SelectMenu } from '../../ui/SelectMenu';
import { useNow } from '../../ui/use-now';
import { ActivityCard } from './ActivityCard';
import { AssistantUsageCard } from './AssistantUsageCard';
import { BusiestHoursCard } from './BusiestHoursCard';
import { CampaignFunnelCard } from './CampaignFunnelCard';
import { LiveTiles } from './LiveTiles';
import { dayInput, statsPeriodFor, type PeriodChoice } from './period';
import { ResponseCard } from './ResponseCard';
import { StatusCard } from './StatusCard';
import './stats.css';

const ALL = 'all';
const choices: PeriodChoice[] = ['today', '7d', '30d', 'custom'];

/** The Stats screen: live tiles, then every figure for the chosen period and account. */
export default function StatsPage() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const [accountId, setAccountId] = useState(ALL);
  const [choice, setChoice] = useState<PeriodChoice>('7d');
  // The day changes at midnight: presets follow it.
  const today = dayInput(useNow(60_000));
  const [custom, setCustom] = useState(() => ({ fromDay: today, toDay: today }));

  const period = useMemo(
    (): StatsPeriod | null => statsPeriodFor(choice, today, { custom, ...(accountId === ALL ? {} : { accountId }) }),
    [choice, custom, accountId, today],
  );

  const activity = useActivityStats(period);
  const responses = useResponseStats(period);
  const conversations = useConversationStats(accountId === ALL ? undefined : accountId);
  const assistant = useAssistantUsage(period);
  const campaigns = useCampaignFunnel(period);
  const failed = [activity, responses, conversations, assistant, campaigns].find((q) => q.error);

  const accountOptions = [{ value: ALL, label: t('stats.allAccounts') }, ...(accounts.data ?? []).map((a) => ({ value: a.id, label: a.label, color: a.color }))];

  return (
    <div className="page stats-page" data-testid="stats-page">
      <header className="page-header stats-header">
        <h1>{t('stats.title')}</h1>
        <div className="stats-controls">
          <SelectMenu value={accountId} options={accountOptions} onChange={setAccountId} label={t('stats.account')} testId="stats-account" />
          <ToggleGroup.Root
            type="single"
            className="segmented"
            aria-label={t('stats.period')}
            value={choice}
            onValueChange={(value: string) => value && setChoice(value as PeriodChoice)}
          >
            {choices.map((c) => (
              <ToggleGroup.Item key={c} value={c} className="segment" data-testid={`stats-period-${c}`}>
                {t(`stats.periods.${c}`)}
              </ToggleGroup.Item>
            ))}
          </ToggleGroup.Root>
        </div>
      </header>
      {choice === 'custom' && (
        <div className="stats-custom">
          <label>
            {t('stats.from')}
            <input type="date" value={custom.fromDay} max={today} onChange={(e) => setCustom({ ...custom, fromDay: e.target.value })} data-testid="stats-from" />
          </label>
          <label>
            {t('stats.to')}
            <input type="date" value={custom.toDay} max={today} onChange={(e) => setCustom({ ...custom, toDay: e.target.value })} data-testid="stats-to" />
          </label>
          {period === null && (
            <p className="form-error" role="alert">
              {t('stats.badRange', { max: MAX_STATS_PERIOD_DAYS })}
            </p>
          )}
        </div>
      )}
      <LiveTiles />
      {failed && <LoadError error={failed.error} onRetry={() => void failed.refetch()} />}
      <div className="stats-grid">
        {activity.data && <ActivityCard activity={activity.data} />}
        {responses.data && <ResponseCard responses={responses.data} />}
        {conversations.data && <StatusCard counts={conversations.data} />}
        {activity.data && <BusiestHoursCard busiestHours={activity.data.busiestHours} />}
        {campaigns.data && <CampaignFunnelCard funnel={campaigns.data} />}
        {assistant.data && <AssistantUsageCard usage={assistant.data} />}
      </div>
    </div>
  );
}
