import { useTranslation } from 'react-i18next';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useAssistant } from '../../api/hooks/use-assistant';
import { useUiStore } from '../../stores/ui-store';
import { LoadError } from '../../ui/LoadError';
import { SelectMenu } from '../../ui/SelectMenu';
import { AssistantSettingsForm } from './AssistantSettingsForm';
import { AssistantStatusCard } from './AssistantStatusCard';
import { TryAssistantPanel } from './TryAssistantPanel';
import './assistant.css';

/** One account's AI assistant: status, settings, and a chat to try it. */
export function AssistantPage() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const chosen = useUiStore((s) => s.assistantAccountId);
  const setChosen = useUiStore((s) => s.openAssistant);
  const accountId = chosen && accounts.data?.some((a) => a.id === chosen) ? chosen : (accounts.data?.[0]?.id ?? null);
  const config = useAssistant(accountId);

  return (
    <div className="page" data-testid="assistant-page">
      <header className="page-header">
        <h1>{t('assistant.title')}</h1>
        {accounts.data && accounts.data.length > 0 && accountId && (
          <SelectMenu
            testId="assistant-account"
            label={t('assistant.account')}
            value={accountId}
            options={accounts.data.map((a) => ({ value: a.id, label: a.label, color: a.color }))}
            onChange={setChosen}
          />
        )}
      </header>
      <p className="page-intro">{t('assistant.intro')}</p>
      {accounts.data?.length === 0 && <p className="muted">{t('assistant.noAccounts')}</p>}
      {config.error && <LoadError error={config.error} onRetry={() => void config.refetch()} />}
      {config.data && accountId && (
        <div className="assistant-layout">
          <div className="assistant-main">
            <AssistantStatusCard config={config.data} />
            <AssistantSettingsForm key={accountId} config={config.data} />
          </div>
          <TryAssistantPanel key={accountId} accountId={accountId} />
        </div>
      )}
    </div>
  );
}
