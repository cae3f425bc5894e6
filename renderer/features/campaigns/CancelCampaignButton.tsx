import { AlertDialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';

/** Cancelling cannot be undone: it asks first and says how many people will not get the message. */
export function CancelCampaignButton({ pending, left, onConfirm }: { pending: boolean; left: number; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className="btn btn-danger-quiet" data-testid="campaign-cancel" disabled={pending}>
          {t('campaigns.cancel')}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="cancel-dialog">
          <AlertDialog.Title className="dialog-title">{t('campaigns.cancelConfirm.title')}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">{t('campaigns.cancelConfirm.description', { count: left })}</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn" data-testid="cancel-keep">
              {t('campaigns.cancelConfirm.keep')}
            </AlertDialog.Cancel>
            <AlertDialog.Action className="btn btn-danger" data-testid="cancel-confirm" onClick={onConfirm}>
              {t('campaigns.cancelConfirm.confirm')}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
