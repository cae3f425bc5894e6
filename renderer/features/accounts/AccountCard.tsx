import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useUiStore } from '../../stores/ui-store';
import { ColorDot } from '../../ui/ColorDot';
import { displayPhone } from '../../ui/format';
import { AccountStateBadge } from './AccountStateBadge';

export function AccountCard({ account }: { account: AccountDto }) {
  const { t } = useTranslation();
  const openDialog = useUiStore((s) => s.openDialog);
  const showReason = account.reason !== null && account.state !== 'connected';

  return (
    <li className="account-card" data-testid="account-card" data-account-id={account.id} data-kind={account.kind}>
      <ColorDot color={account.color} size={14} />
      <div className="account-main">
        <div className="account-title">
          <span className="account-label" data-testid="account-label">
            {account.label}
          </span>
          <span className="chip">{account.kind === 'practice' ? t('accounts.kindPractice') : t('accounts.kindWhatsapp')}</span>
        </div>
        <div className="account-phone muted" data-testid="account-phone">
          {account.phone ? displayPhone(account.phone) : t('accounts.noPhone')}
          {account.pushName && ` · ${account.pushName}`}
        </div>
        {showReason && (
          <div className="account-reason" data-testid="account-reason">
            {t('accounts.reason', { reason: account.reason })}
          </div>
        )}
      </div>
      <AccountStateBadge account={account} testId="account-state" />
      <div className="account-actions">
        {account.kind === 'practice' && (
          <button
            type="button"
            className="btn"
            data-testid="simulate-customer"
            onClick={() => openDialog({ kind: 'simulate', accountId: account.id })}
          >
            {t('accounts.simulate')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-danger-quiet"
          data-testid="remove-account"
          onClick={() => openDialog({ kind: 'remove', accountId: account.id })}
        >
          {t('accounts.remove')}
        </button>
      </div>
    </li>
  );
}
