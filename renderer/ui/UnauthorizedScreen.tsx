import { useTranslation } from 'react-i18next';

/** The server refused our session: the only fix is opening the URL with the token it printed. */
export function UnauthorizedScreen() {
  const { t } = useTranslation();
  return (
    <main className="unauthorized" data-testid="unauthorized-screen">
      <div className="unauthorized-card">
        <div className="brand-mark brand-mark-large" aria-hidden>
          M
        </div>
        <h1>{t('unauthorized.title')}</h1>
        <p>{t('unauthorized.body')}</p>
        <p className="muted">{t('unauthorized.hint')}</p>
      </div>
    </main>
  );
}
