import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useConnectionStore } from '../../stores/connection-store';
import { useNow } from '../../ui/use-now';
import { shownAccountState } from './account-connection';

/** The account's state as a translated badge; while reconnecting it counts down to the next try. */
export function AccountStateBadge({ account, compact = false, testId }: { account: AccountDto; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const state = shownAccountState(account.state, useConnectionStore((s) => s.status));
  const counting = !compact && state === 'reconnecting' && account.nextRetryAt !== null && account.attempt !== null;
  const now = useNow(1000, counting);
  const text =
    counting && account.nextRetryAt !== null
      ? t('states.reconnectingDetail', {
          attempt: account.attempt,
          seconds: Math.max(0, Math.ceil((account.nextRetryAt - now) / 1000)),
        })
      : t(`states.${state}`);
  return (
    <span className={`state-badge state-${state}${compact ? ' state-badge-compact' : ''}`} data-testid={testId} data-state={state}>
      <span className="state-light" aria-hidden />
      {text}
    </span>
  );
}
