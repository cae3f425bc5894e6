import { useTranslation } from 'react-i18next';
import { accountReasonCodes, type AccountDto, type HistoryProgressDto } from '../../../shared/contract';
import { useDisconnectAccount, useHistoryProgress, useReconnectAccount } from '../../api/hooks/use-accounts';
import { useUiStore } from '../../stores/ui-store';
import { useErrorText } from '../../ui/error-text';
import { displayPhone } from '../../ui/format';
import { ProblemDetails } from '../../ui/RawProblem';
import { formatPercent } from '../stats/stats-format';
import { isReasonCode, useAccountReasonText } from './account-reason';
import { QrIcon } from '../../ui/icons';
import { AccountAvatar } from './AccountAvatar';
import { AccountMenu } from './AccountMenu';
import { AccountStateBadge } from './AccountStateBadge';
import { isPairingState } from './pairing-state';
import { useReachOutLock } from './use-reach-out-lock';

export function AccountCard({ account }: { account: AccountDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const openDialog = useUiStore((s) => s.openDialog);
  const reconnect = useReconnectAccount();
  const disconnect = useDisconnectAccount();
  const history = useHistoryProgress(account.id);
  const reachOut = useReachOutLock();
  const lockedUntil = reachOut.lockOf(account);
  // Messages waiting for disk space are news even while the number is connected.
  const showReason = account.reason !== null && (account.state !== 'connected' || account.reason === accountReasonCodes.storageFull);
  const reasonText = useAccountReasonText();
  const pairing = account.kind === 'whatsapp' && isPairingState(account);
  const actionError = reconnect.error ?? disconnect.error;

  const linkAgain = () =>
    reconnect.mutate(account.id, {
      onSuccess: () => openDialog({ kind: 'pairing', accountId: account.id }),
    });

  return (
    <li
      className="account-card"
      data-testid="account-card"
      data-account-id={account.id}
      data-kind={account.kind}
      style={{ borderLeftColor: account.color }}
    >
      <AccountAvatar account={account} />
      <div className="account-main">
        <div className="account-title">
          <span className="account-label" data-testid="account-label">
            {account.label}
          </span>
          <span className="chip">{account.kind === 'practice' ? t('accounts.kindPractice') : t('accounts.kindWhatsapp')}</span>
        </div>
        <div className="account-phone muted" data-testid="account-phone">
          {account.phone ? displayPhone(account.phone) : t('accounts.noPhone')}
          {account.pushName && <span data-testid="account-push-name"> · {account.pushName}</span>}
        </div>
        {lockedUntil !== null && (
          <div className="account-reason account-reach-out-lock" role="status" data-testid="account-reach-out-lock" data-until={lockedUntil}>
            {t('accounts.reachOutLock.notice', { when: reachOut.when(lockedUntil) })}
            <div className="muted small">{t('accounts.reachOutLock.explain')}</div>
          </div>
        )}
        {account.state === 'logged_out' && (
          <div className="account-reason" data-testid="account-needs-qr">
            {t('accounts.needsQr')}
          </div>
        )}
        {showReason && (
          <div className="account-reason" data-testid="account-reason">
            {t('accounts.reason', { reason: reasonText(account.reason!) })}
            {!isReasonCode(account.reason!) && <ProblemDetails raw={account.reason!} testId="account-reason-details" />}
          </div>
        )}
        {history && <HistoryLine progress={history} />}
        {actionError && (
          <div className="account-reason" role="alert" data-testid="account-action-error">
            {errorText(actionError)}
          </div>
        )}
      </div>
      <AccountStateBadge account={account} testId="account-state" />
      <div className="account-actions">
        {pairing && account.state !== 'pairing_expired' && (
          <button type="button" className="btn" data-testid="account-show-qr" onClick={() => openDialog({ kind: 'pairing', accountId: account.id })}>
            <QrIcon width={16} height={16} />
            {t('accounts.showQr')}
          </button>
        )}
        {(account.state === 'logged_out' || (pairing && account.state === 'pairing_expired')) && (
          <button type="button" className="btn btn-primary" data-testid="account-link-again" disabled={reconnect.isPending} onClick={linkAgain}>
            {account.state === 'logged_out' ? t('accounts.linkAgain') : t('accounts.link')}
          </button>
        )}
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
        <AccountMenu account={account} reconnect={reconnect} disconnect={disconnect} />
      </div>
    </li>
  );
}

/** "Importing history: …" while WhatsApp sends it, then "History imported: …" until the page is left. */
function HistoryLine({ progress }: { progress: HistoryProgressDto }) {
  const { t, i18n } = useTranslation();
  const counts = {
    chats: t('history.chats', { count: progress.chats }),
    messages: t('history.messages', { count: progress.messages }),
  };
  const percent = progress.percent === null ? null : Math.round(Math.min(100, Math.max(0, progress.percent)));
  const text = progress.done
    ? t('history.done', counts)
    : percent === null
      ? t('history.importing', counts)
      : t('history.importingPercent', { ...counts, percent: formatPercent(percent, 100, i18n.language) });
  return (
    <div className={`account-history${progress.done ? ' account-history-done' : ''}`} data-testid="account-history" data-done={progress.done}>
      {!progress.done && <span className="spinner" aria-hidden />}
      <span role="status">{text}</span>
      {!progress.done && percent !== null && (
        <progress className="history-bar" max={100} value={percent} aria-hidden />
      )}
    </div>
  );
}
