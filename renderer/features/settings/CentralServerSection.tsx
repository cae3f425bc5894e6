import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncConnect, useSyncDisconnect, useSyncStatus } from '../../api/hooks/use-sync';
import { useErrorText } from '../../ui/error-text';
import { RawProblem } from '../../ui/RawProblem';
import { formatFullDate } from '../../ui/format';
import { LoadError } from '../../ui/LoadError';

/** Settings → Central server: optional; the workstation works the same without one. */
export function CentralServerSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const status = useSyncStatus();
  const connect = useSyncConnect();
  const disconnect = useSyncDisconnect();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [agent, setAgent] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim() || !token.trim() || connect.isPending) return;
    connect.mutate({ url: url.trim(), enrolmentToken: token.trim(), agentName: agent.trim() || null }, { onSuccess: () => setToken('') });
  };

  const s = status.data;
  return (
    <section className="settings-section" data-testid="central-server-section" aria-labelledby="settings-central-server">
      <h2 id="settings-central-server">{t('centralServer.title')}</h2>
      <p className="muted">{t('centralServer.explain')}</p>
      {status.error && <LoadError error={status.error} onRetry={() => void status.refetch()} />}
      {s?.configured ? (
        <>
          <dl className="about-list">
            <dt>{t('centralServer.url')}</dt>
            <dd className="mono selectable" data-testid="central-server-url">
              {s.url}
            </dd>
            {s.agentName && (
              <>
                <dt>{t('centralServer.agent')}</dt>
                <dd>{s.agentName}</dd>
              </>
            )}
            <dt>{t('centralServer.state')}</dt>
            <dd data-testid="central-server-state">{s.connected ? t('centralServer.connected') : t('centralServer.notConnected')}</dd>
            <dt>{t('centralServer.lastSync')}</dt>
            <dd data-testid="central-server-last-sync">{s.lastSyncAt ? formatFullDate(s.lastSyncAt, language) : t('centralServer.never')}</dd>
            <dt>{t('centralServer.waiting')}</dt>
            <dd data-testid="central-server-waiting">{s.waiting}</dd>
          </dl>
          {!s.connected && s.lastError && (
            <div className="muted small" data-testid="central-server-error">
              <RawProblem kind="sync" raw={s.lastError} testId="central-server-problem" />
            </div>
          )}
          <button type="button" className="btn btn-danger-quiet" disabled={disconnect.isPending} onClick={() => disconnect.mutate()} data-testid="central-server-disconnect">
            {t('centralServer.disconnect')}
          </button>
        </>
      ) : (
        <form className="quick-reply-form" onSubmit={submit} data-testid="central-server-form">
          <div className="field">
            <label htmlFor="central-server-url">{t('centralServer.url')}</label>
            <input id="central-server-url" data-testid="central-server-url-input" value={url} placeholder={t('centralServer.urlPlaceholder')} autoComplete="off" onChange={(e) => setUrl(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="central-server-token">{t('centralServer.token')}</label>
            <input id="central-server-token" data-testid="central-server-token-input" type="password" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="central-server-agent">{t('centralServer.agent')}</label>
            <input id="central-server-agent" data-testid="central-server-agent-input" value={agent} maxLength={80} autoComplete="off" onChange={(e) => setAgent(e.target.value)} />
          </div>
          {connect.error && (
            <p className="form-error" role="alert" data-testid="central-server-error">
              {errorText(connect.error)}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={!url.trim() || !token.trim() || connect.isPending} data-testid="central-server-connect">
            {t('centralServer.connect')}
          </button>
        </form>
      )}
    </section>
  );
}
