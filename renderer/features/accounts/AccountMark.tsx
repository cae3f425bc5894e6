import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { useConnectionStore } from '../../stores/connection-store';
import { LinkOffIcon } from '../../ui/icons';
import { connectionTone, shownAccountState } from './account-connection';

interface Props {
  account: Pick<AccountDto, 'id' | 'label' | 'color' | 'state'>;
  size?: number;
  /** Show the number's name beside its colour. */
  withLabel?: boolean;
}

/**
 * A number as the inbox shows it: its colour as a small square swatch (a colour says which number,
 * and a round dot would read as a presence light), and, apart from it, a grey or red broken-link
 * mark whenever the number is not connected or its state is unknown.
 */
export function AccountMark({ account, size = 8, withLabel = false }: Props) {
  const { t } = useTranslation();
  const core = useConnectionStore((s) => s.status);
  const state = shownAccountState(account.state, core);
  const tone = connectionTone(state);
  const stateText = t(`states.${state}`);
  return (
    <span
      className="account-mark"
      data-testid="account-mark"
      data-account-id={account.id}
      data-state={state}
      data-tone={tone}
      title={t('accounts.markTitle', { account: account.label, state: stateText })}
      role={withLabel ? undefined : 'img'}
      aria-label={withLabel ? undefined : t('accounts.markTitle', { account: account.label, state: stateText })}
    >
      <span className="account-swatch" style={{ backgroundColor: account.color, width: size, height: size }} aria-hidden />
      {withLabel && <span className="account-mark-label">{account.label}</span>}
      {tone !== 'ok' && (
        <LinkOffIcon
          className={`connection-flag connection-${tone}`}
          width={size + 6}
          height={size + 6}
          data-testid="connection-flag"
          {...(withLabel ? { role: 'img', 'aria-hidden': false, 'aria-label': stateText } : {})}
        />
      )}
    </span>
  );
}
