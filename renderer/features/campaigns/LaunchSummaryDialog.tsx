import { AlertDialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { CampaignPacing, CampaignWindow } from '../../../shared/contract';
import { formatFullDate } from '../../ui/format';
import { timeOf } from './campaign-form';

/** Before the first send: who, from which numbers, how fast, when, and until about when. */
export function LaunchSummaryDialog(props: {
  people: number;
  accountLabels: string[];
  pacing: CampaignPacing;
  window: CampaignWindow;
  startAt: number | null;
  finishAt: number | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { pacing, window } = props;
  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && props.onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="launch-summary">
          <AlertDialog.Title className="dialog-title">{t('campaigns.summary.title')}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description" data-testid="launch-summary-text">
            {t('campaigns.summary.text', {
              count: props.people,
              accounts: props.accountLabels.join(', '),
              min: pacing.minDelaySec,
              max: pacing.maxDelaySec,
              from: timeOf(window.startMinute),
              to: timeOf(window.endMinute),
            })}{' '}
            {props.startAt ? t('campaigns.summary.startsAt', { when: formatFullDate(props.startAt, i18n.language) }) : ''}{' '}
            {props.finishAt ? t('campaigns.summary.finishesAt', { when: formatFullDate(props.finishAt, i18n.language) }) : ''}
          </AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn" data-testid="launch-back">
              {t('campaigns.summary.back')}
            </AlertDialog.Cancel>
            <AlertDialog.Action className="btn btn-primary" data-testid="launch-confirm" onClick={props.onConfirm}>
              {t('campaigns.summary.confirm')}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
