import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../shared/contract';
import { initials } from './pairing-format';

/** The profile picture WhatsApp gave us, or the label's initials on the account's colour. */
export function AccountAvatar({ account, size = 44 }: { account: Pick<AccountDto, 'label' | 'color' | 'avatar'>; size?: number }) {
  const { t } = useTranslation();
  // A picture that fails to decode falls back to the initials rather than a broken image.
  const [failed, setFailed] = useState<string | null>(null);
  const picture = account.avatar && account.avatar !== failed ? account.avatar : null;
  return picture ? (
    <img
      className="account-avatar"
      data-testid="account-avatar"
      src={picture}
      alt={t('accounts.avatarAlt', { account: account.label })}
      width={size}
      height={size}
      style={{ boxShadow: `0 0 0 2px ${account.color}` }}
      onError={() => setFailed(picture)}
    />
  ) : (
    <span
      className="account-avatar account-avatar-initials"
      data-testid="account-avatar"
      style={{ backgroundColor: account.color, width: size, height: size, fontSize: Math.round(size * 0.38) }}
      aria-hidden
    >
      {initials(account.label)}
    </span>
  );
}
