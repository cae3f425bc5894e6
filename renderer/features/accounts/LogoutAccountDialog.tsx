import { AlertDialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useLogoutAccount } from '../../api/hooks/use-accounts';
import { useErrorText } from '../../ui/error-text';

/** Log out = unlink this computer from the phone; the person must know a new QR is needed after. */
export function LogoutAccountDialog({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const logout = useLogoutAccount();

  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && !logout.isPending && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="logout-dialog">
          <AlertDialog.Title className="dialog-title">{t('logout.title', { account: account.label })}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">{t('logout.description')}</AlertDialog.Description>
          {logout.error && (
            <p className="form-error" role="alert" data-testid="logout-error">
              {errorText(logout.error)}
            </p>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn" data-testid="logout-cancel" disabled={logout.isPending}>
              {t('common.cancel')}
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before we know the log-out worked. */}
            <button
              type="button"
              className="btn btn-danger"
              data-testid="logout-confirm"
              disabled={logout.isPending}
              onClick={() => logout.mutate(account.id, { onSuccess: onClose })}
            >
              {logout.isPending ? t('logout.working') : t('logout.confirm')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
