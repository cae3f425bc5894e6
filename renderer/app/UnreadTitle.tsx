import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxCounts } from '../api/hooks/use-inbox';

/**
 * Browser mode: "(3) Mostrador" while 3 conversations are unread, as WhatsApp Web does. The
 * desktop app shows the count on its badge instead (main process), so its title stays plain.
 */
export function UnreadTitle() {
  const { t } = useTranslation();
  const counts = useInboxCounts();
  const unread = counts.data?.unreadChats ?? 0;
  const name = t('app.name');
  useEffect(() => {
    document.title = window.api === undefined && unread > 0 ? `(${unread}) ${name}` : name;
  }, [unread, name]);
  return null;
}
