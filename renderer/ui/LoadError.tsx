import { useTranslation } from 'react-i18next';
import { useErrorText } from './error-text';

/** A failed query, translated, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="load-error" role="alert" data-testid="load-error">
      <p>{t('common.loadFailed', { error: errorText(error) })}</p>
      <button type="button" className="btn" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
