import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useNow } from '../../ui/use-now';

/** The account's state as a translated badge; while reconnecting it counts down to the next try. */
export function AccountStateBadge({ account, compact = false, testId }: { account: AccountDto; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const counting = !compact && account.state === 'reconnecting' && account.nextRetryAt !== null && account.attempt !== null;
  const now = useNow(1000, counting);
  const text =
    counting && account.nextRetryAt !== null
      ? t('states.reconnectingDetail', {
          attempt: account.attempt,
          seconds: Math.max(0, Math.ceil((account.nextRetryAt - now) / 1000)),
        })
      : t(`states.${account.state}`);
  return (
    <span className={`state-badge state-${account.state}${compact ? ' state-badge-compact' : ''}`} data-testid={testId} data-state={account.state}>
      <span className="state-light" aria-hidden />
      {text}
    </span>
  );
}
