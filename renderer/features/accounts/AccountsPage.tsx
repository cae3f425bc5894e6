import { useEffect, useState } from 'react';
import { useToastStore } from '../../stores/toast-store';
import { useTranslation } from 'react-i18next';
import { useAccounts, useAddPracticeAccount } from '../../api/hooks/use-accounts';
import { useUiStore } from '../../stores/ui-store';
import { useErrorText } from '../../ui/error-text';
import { QrIcon } from '../../ui/icons';
import { LoadError } from '../../ui/LoadError';
import { AccountCard } from './AccountCard';
import { AccountSettingsDialog } from './AccountSettingsDialog';
import { AddWhatsAppDialog } from './AddWhatsAppDialog';
import { LogoutAccountDialog } from './LogoutAccountDialog';
import { PairingDialog } from './PairingDialog';
import { RemoveAccountDialog } from './RemoveAccountDialog';
import { SimulateCustomerDialog } from './SimulateCustomerDialog';
import './accounts.css';

export function AccountsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const accounts = useAccounts();
  const addPractice = useAddPracticeAccount();
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const closeDialog = useUiStore((s) => s.closeDialog);
  const navigate = useUiStore((s) => s.navigate);
  const showToast = useToastStore((s) => s.show);
  const [addingWhatsApp, setAddingWhatsApp] = useState(false);
  const dialogAccount = dialog ? accounts.data?.find((a) => a.id === dialog.accountId) : undefined;

  // The pairing screen closes itself once the number is linked, leaving its card in view.
  const linkedId = dialog?.kind === 'pairing' && dialogAccount?.state === 'connected' ? dialogAccount.id : null;
  const linkedLabel = dialogAccount?.label ?? '';
  useEffect(() => {
    if (linkedId === null) return;
    closeDialog();
    showToast({ testId: 'linked-notice', text: t('accounts.linked', { account: linkedLabel }), action: { label: t('inbox.title'), run: () => navigate('inbox') } });
    document.querySelector(`[data-testid="account-card"][data-account-id="${CSS.escape(linkedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [linkedId, linkedLabel, closeDialog, showToast, navigate, t]);

  // A dialog whose account was removed (here or in another window) has nothing left to show.
  const orphaned = dialog !== null && accounts.data !== undefined && dialogAccount === undefined;
  useEffect(() => {
    if (orphaned) closeDialog();
  }, [orphaned, closeDialog]);

  return (
    <div className="page" data-testid="accounts-page">
      <header className="page-header">
        <h1>{t('accounts.title')}</h1>
        <div className="page-header-actions">
          <button
            type="button"
            className="btn"
            data-testid="add-practice-account"
            disabled={addPractice.isPending}
            onClick={() => {
              const practiceCount = accounts.data?.filter((a) => a.kind === 'practice').length ?? 0;
              addPractice.mutate({ label: t('accounts.practiceLabel', { n: practiceCount + 1 }) });
            }}
          >
            {addPractice.isPending ? t('accounts.adding') : t('accounts.addPractice')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="add-whatsapp-account" onClick={() => setAddingWhatsApp(true)}>
            <QrIcon width={16} height={16} />
            {t('accounts.addWhatsapp')}
          </button>
        </div>
      </header>
      <div className="page-intro">
        <p>{t('accounts.whatsappExplain')}</p>
        <p>{t('accounts.practiceExplain')}</p>
      </div>
      {addPractice.error && (
        <p className="form-error" role="alert" data-testid="add-practice-error">
          {errorText(addPractice.error)}
        </p>
      )}
      {accounts.error && <LoadError error={accounts.error} onRetry={() => void accounts.refetch()} />}
      {accounts.data?.length === 0 && (
        <p className="empty-line" data-testid="accounts-empty">
          {t('accounts.empty')}
        </p>
      )}
      <ul className="account-list" data-testid="account-list">
        {accounts.data?.map((account) => (
          <AccountCard key={account.id} account={account} />
        ))}
      </ul>
      {addingWhatsApp && (
        <AddWhatsAppDialog
          onClose={() => setAddingWhatsApp(false)}
          onAdded={(account) => {
            setAddingWhatsApp(false);
            openDialog({ kind: 'pairing', accountId: account.id });
          }}
        />
      )}
      {dialogAccount && dialog?.kind === 'pairing' && <PairingDialog key={dialogAccount.id} account={dialogAccount} onClose={closeDialog} />}
      {dialogAccount && dialog?.kind === 'simulate' && (
        <SimulateCustomerDialog
          account={dialogAccount}
          onClose={closeDialog}
          onSent={(name) => {
            closeDialog();
            showToast({ testId: 'simulate-notice', text: t('accounts.simulated', { name }), action: { label: t('inbox.title'), run: () => navigate('inbox') } });
          }}
        />
      )}
      {dialogAccount && dialog?.kind === 'settings' && <AccountSettingsDialog key={dialogAccount.id} account={dialogAccount} onClose={closeDialog} />}
      {dialogAccount && dialog?.kind === 'logout' && <LogoutAccountDialog account={dialogAccount} onClose={closeDialog} />}
      {dialogAccount && dialog?.kind === 'remove' && <RemoveAccountDialog account={dialogAccount} onClose={closeDialog} />}
    </div>
  );
}
