import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../api/hooks/use-settings';
import { applyLanguagePreference } from '../../i18n/i18n';
import { applyTheme } from '../../ui/theme';

/** Applies the saved language and theme (and mirrors them locally for the next first paint). */
export function SettingsSync() {
  const { i18n } = useTranslation();
  const { data } = useSettings();
  const language = data?.language;
  const theme = data?.theme;

  useEffect(() => {
    if (language !== undefined) applyLanguagePreference(i18n, language);
  }, [i18n, language]);

  useEffect(() => (theme ? applyTheme(theme) : undefined), [theme]);

  return null;
}
