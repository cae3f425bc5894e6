import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationPermission, type NotificationPermissionState } from '../notifications/web-notifications';

/**
 * Browser mode asks the browser for permission, and only from this button (a user gesture).
 * The desktop app notifies from its main process, so there is nothing to ask for there.
 */
export function NotificationsSection() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<NotificationPermissionState>(() => notificationPermission());
  const desktop = window.api !== undefined;

  const ask = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  return (
    <section className="settings-section" data-testid="notifications-section" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('notifications.title')}</h2>
      {desktop ? (
        <p className="muted">{t('notifications.desktop')}</p>
      ) : (
        <>
          <p className="muted" data-testid="notifications-state" data-permission={permission}>
            {t(`notifications.state_${permission}`)}
          </p>
          {permission === 'default' && (
            <button type="button" className="btn btn-primary" style={{ alignSelf: 'flex-start' }} onClick={() => void ask()} data-testid="notifications-enable">
              {t('notifications.enable')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
