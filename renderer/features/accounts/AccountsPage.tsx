import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts, useAddPracticeAccount } from '../../api/hooks/use-accounts';
import { useUiStore } from '../../stores/ui-store';
import { useErrorText } from '../../ui/error-text';
import { LoadError } from '../../ui/LoadError';
import { AccountCard } from './AccountCard';
import { RemoveAccountDialog } from './RemoveAccountDialog';
import { SimulateCustomerDialog } from './SimulateCustomerDialog';
import './accounts.css';

export function AccountsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const accounts = useAccounts();
  const addPractice = useAddPracticeAccount();
  const dialog = useUiStore((s) => s.dialog);
  const closeDialog = useUiStore((s) => s.closeDialog);
  const navigate = useUiStore((s) => s.navigate);
  const [notice, setNotice] = useState<string | null>(null);
  const dialogAccount = dialog ? accounts.data?.find((a) => a.id === dialog.accountId) : undefined;

  return (
    <div className="page" data-testid="accounts-page">
      <header className="page-header">
        <h1>{t('accounts.title')}</h1>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="add-practice-account"
          disabled={addPractice.isPending}
          onClick={() => {
            const practiceCount = accounts.data?.filter((a) => a.kind === 'practice').length ?? 0;
            addPractice.mutate({ label: t('accounts.practiceLabel', { n: practiceCount + 1 }) });
          }}
        >
          {addPractice.isPending ? t('accounts.adding') : t('accounts.addPractice')}
        </button>
      </header>
      <p className="page-intro">{t('accounts.practiceExplain')}</p>
      {addPractice.error && (
        <p className="form-error" role="alert" data-testid="add-practice-error">
          {errorText(addPractice.error)}
        </p>
      )}
      {notice && (
        <div className="notice" role="status" data-testid="simulate-notice">
          <span>{notice}</span>
          <button type="button" className="btn btn-link" onClick={() => navigate('inbox')}>
            {t('inbox.title')}
          </button>
          <button type="button" className="btn btn-link" aria-label={t('common.close')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
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
      {dialogAccount && dialog?.kind === 'simulate' && (
        <SimulateCustomerDialog
          account={dialogAccount}
          onClose={closeDialog}
          onSent={(name) => {
            closeDialog();
            setNotice(t('accounts.simulated', { name }));
          }}
        />
      )}
      {dialogAccount && dialog?.kind === 'remove' && <RemoveAccountDialog account={dialogAccount} onClose={closeDialog} />}
    </div>
  );
}
