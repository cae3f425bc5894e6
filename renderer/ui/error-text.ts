import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';

/**
 * Turns any thrown error into a translated sentence (`errors.<CODE>`, or `errors.<CODE>_<reason>`
 * when the core names a reason), filled with the error's params; unknown errors are INTERNAL.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.INTERNAL');
      const reason = error.params.reason;
      const general = t(`errors.${error.code}`, error.params);
      return reason ? t(`errors.${error.code}_${reason}`, { ...error.params, defaultValue: general }) : general;
    },
    [t],
  );
}
