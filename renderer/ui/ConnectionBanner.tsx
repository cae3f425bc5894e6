import { useTranslation } from 'react-i18next';

/** Shown while the browser-mode socket is down; calls fail fast until it is back. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden />
      {t('connection.reconnecting')}
    </div>
  );
}
