import { Tooltip } from 'radix-ui';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SettingsSync } from '../features/settings/SettingsSync';
import { useConnectionStore } from '../stores/connection-store';
import { useUiStore } from '../stores/ui-store';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { Toaster } from '../ui/Toaster';
import { UnauthorizedScreen } from '../ui/UnauthorizedScreen';
import { Sidebar } from './Sidebar';
import { UnreadTitle } from './UnreadTitle';

// Pages opened now and then (charts, campaign forms, assistant settings) load the first time they
// are shown, so the inbox paints without them.
const StatsPage = lazy(() => import('../features/stats/StatsPage'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const AssistantPage = lazy(() => import('../features/assistant/AssistantPage').then((m) => ({ default: m.AssistantPage })));

export function App() {
  const status = useConnectionStore((s) => s.status);
  if (status === 'unauthorized') return <UnauthorizedScreen />;
  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="app-shell">
        <Sidebar />
        <main className="main">
          {status === 'reconnecting' && <ConnectionBanner />}
          <CurrentPage />
        </main>
        <SettingsSync />
        <UnreadTitle />
      </div>
      <Toaster />
    </Tooltip.Provider>
  );
}

function CurrentPage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="page muted">{t('app.loading')}</p>}>
      <PageBody />
    </Suspense>
  );
}

function PageBody() {
  const page = useUiStore((s) => s.page);
  switch (page) {
    case 'inbox':
      return <InboxPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'assistant':
      return <AssistantPage />;
    case 'settings':
      return <SettingsPage />;
    case 'campaigns':
      return <CampaignsPage />;
    case 'stats':
      return <StatsPage />;
  }
}
