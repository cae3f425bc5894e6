import { ToggleGroup } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { SettingsDto } from '../../../shared/contract';
import { useAppInfo } from '../../api/hooks/use-app-info';
import { useSettings, useUpdateSettings } from '../../api/hooks/use-settings';
import { CheckboxField } from '../../ui/CheckboxField';
import { useErrorText } from '../../ui/error-text';
import { LoadError } from '../../ui/LoadError';
import { NotificationsSection } from './NotificationsSection';
import { CentralServerSection } from './CentralServerSection';
import { QuickRepliesSection } from './QuickRepliesSection';
import './settings.css';

type LanguageChoice = 'es' | 'en' | 'system';
type ThemeChoice = SettingsDto['theme'];

export function SettingsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = useSettings();
  const update = useUpdateSettings();
  const info = useAppInfo();

  const language: LanguageChoice = settings.data?.language ?? 'system';
  const theme: ThemeChoice = settings.data?.theme ?? 'system';

  return (
    <div className="page" data-testid="settings-page">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      {settings.error && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {update.error && (
        <p className="form-error" role="alert" data-testid="settings-error">
          {errorText(update.error)}
        </p>
      )}
      <section className="settings-section">
        <h2 id="settings-language">{t('settings.language')}</h2>
        <ToggleGroup.Root
          type="single"
          className="segmented"
          aria-labelledby="settings-language"
          value={language}
          disabled={!settings.data}
          onValueChange={(value: string) => {
            if (value) update.mutate({ language: value === 'system' ? null : (value as 'es' | 'en') });
          }}
        >
          {/* Language names stay in their own language so anyone can find theirs. */}
          <ToggleGroup.Item value="es" lang="es" className="segment" data-testid="language-es">
            {t('settings.languageEs')}
          </ToggleGroup.Item>
          <ToggleGroup.Item value="en" lang="en" className="segment" data-testid="language-en">
            {t('settings.languageEn')}
          </ToggleGroup.Item>
          <ToggleGroup.Item value="system" className="segment" data-testid="language-system">
            {t('settings.languageSystem')}
          </ToggleGroup.Item>
        </ToggleGroup.Root>
      </section>
      <section className="settings-section">
        <h2 id="settings-theme">{t('settings.theme')}</h2>
        <ToggleGroup.Root
          type="single"
          className="segmented"
          aria-labelledby="settings-theme"
          value={theme}
          disabled={!settings.data}
          onValueChange={(value: string) => {
            if (value) update.mutate({ theme: value as ThemeChoice });
          }}
        >
          <ToggleGroup.Item value="system" className="segment" data-testid="theme-system">
            {t('settings.themeSystem')}
          </ToggleGroup.Item>
          <ToggleGroup.Item value="light" className="segment" data-testid="theme-light">
            {t('settings.themeLight')}
          </ToggleGroup.Item>
          <ToggleGroup.Item value="dark" className="segment" data-testid="theme-dark">
            {t('settings.themeDark')}
          </ToggleGroup.Item>
        </ToggleGroup.Root>
      </section>
      <section className="settings-section" aria-labelledby="settings-conversations">
        <h2 id="settings-conversations">{t('settings.conversations')}</h2>
        <CheckboxField
          id="settings-reopen"
          testId="settings-reopen"
          label={t('settings.reopenOnCustomerMessage')}
          hint={t('settings.reopenOnCustomerMessageHint')}
          checked={settings.data?.reopenOnCustomerMessage ?? true}
          disabled={!settings.data}
          onChange={(checked) => update.mutate({ reopenOnCustomerMessage: checked })}
        />
      </section>
      <NotificationsSection />
      <QuickRepliesSection />
      <CentralServerSection />
      <section className="settings-section">
        <h2>{t('settings.about')}</h2>
        {info.error && <LoadError error={info.error} onRetry={() => void info.refetch()} />}
        <dl className="about-list">
          <dt>{t('settings.version')}</dt>
          <dd data-testid="app-version">{info.data?.version ?? '…'}</dd>
          <dt>{t('settings.mode')}</dt>
          <dd data-testid="app-mode">{info.data ? (info.data.mode === 'electron' ? t('settings.modeElectron') : t('settings.modeHeadless')) : '…'}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd className="mono selectable" data-testid="app-data-dir">
            {info.data?.dataDir ?? '…'}
          </dd>
        </dl>
      </section>
    </div>
  );
}
