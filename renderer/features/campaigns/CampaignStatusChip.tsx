import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../shared/contract';
import { useNow } from '../../ui/use-now';
import { startsAtText, statusKey } from './campaign-status';

/** The campaign's state as a badge; outside its hours: "Esperando el horario: empieza a las 9:00". */
export function CampaignStatusChip({ campaign }: { campaign: CampaignDto }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000, campaign.waitingUntil !== null);
  const key = statusKey(campaign, now);
  return (
    <span className={`status-chip status-${key}`} data-testid="campaign-status" data-state={key}>
      {key === 'waiting' && campaign.waitingUntil !== null ? t('campaigns.status.waiting', { when: startsAtText(campaign.waitingUntil, now, i18n.language) }) : t(`campaigns.status.${campaign.status}`)}
    </span>
  );
}
