import { useTranslation } from 'react-i18next';
import { useNow } from '../../ui/use-now';
import { activeReachOutLock, formatLockEnd } from './reach-out-lock';

/**
 * WhatsApp's reach-out lock for the screens that show it: whether an account's lock still lasts
 * (re-read every half minute, so the notice goes when the lock ends) and "las 18:40" / "el vie, 8:05".
 */
export function useReachOutLock() {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  return {
    lockOf: (account: { reachOutLockedUntil: number | null } | undefined) => activeReachOutLock(account?.reachOutLockedUntil, now),
    when: (until: number) => {
      const end = formatLockEnd(until, now, i18n.language);
      return end.sameDay ? t('accounts.reachOutLock.whenTime', { time: end.text }) : t('accounts.reachOutLock.whenDate', { date: end.text });
    },
  };
}
