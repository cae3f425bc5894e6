import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCampaigns } from '../../api/hooks/use-campaigns';
import { LoadError } from '../../ui/LoadError';
import { CampaignDetail } from './CampaignDetail';
import { CampaignStatusChip } from './CampaignStatusChip';
import { CampaignWizard } from './CampaignWizard';
import { OptOutSection } from './OptOutSection';
import './campaigns.css';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: number };

/** Campaigns: the list, the creation wizard, one campaign's live progress and report, the opt-out settings. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [view, setView] = useState<View>({ kind: 'list' });

  return (
    <div className="page campaigns-page" data-testid="campaigns-page">
      <header className="page-header">
        <h1>{t('campaigns.title')}</h1>
        {view.kind === 'list' && (
          <div className="page-header-actions">
            <button type="button" className="btn btn-primary" data-testid="new-campaign" onClick={() => setView({ kind: 'new' })}>
              {t('campaigns.new')}
            </button>
          </div>
        )}
      </header>
      {view.kind === 'new' && <CampaignWizard onCreated={(c) => setView({ kind: 'detail', id: c.id })} onCancel={() => setView({ kind: 'list' })} />}
      {view.kind === 'detail' && <CampaignDetail id={view.id} onBack={() => setView({ kind: 'list' })} />}
      {view.kind === 'list' && (
        <>
          {campaigns.error && <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
          {campaigns.data?.length === 0 && <p className="muted">{t('campaigns.empty')}</p>}
          <ul className="campaign-list">
            {campaigns.data?.map((c) => (
              <li key={c.id}>
                <button type="button" className="campaign-row" data-testid="campaign-row" onClick={() => setView({ kind: 'detail', id: c.id })}>
                  <span className="campaign-row-name">{c.name}</span>
                  <CampaignStatusChip campaign={c} />
                  <span className="muted small">{t('campaigns.progressText', { done: c.figures.done, total: c.figures.sendable })}</span>
                  {c.accounts.some((a) => a.pausedReason) && <span className="status-chip state-failed">{t('campaigns.braked')}</span>}
                </button>
              </li>
            ))}
          </ul>
          <OptOutSection />
        </>
      )}
    </div>
  );
}
