import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';

/** Turns any thrown error into a translated sentence (`errors.<CODE>`); unknown errors are INTERNAL. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => t(`errors.${isApiError(error) ? error.code : 'INTERNAL'}`), [t]);
}
