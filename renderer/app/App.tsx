import { Tooltip } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { CampaignsPage } from '../features/campaigns/CampaignsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SettingsSync } from '../features/settings/SettingsSync';
import { useConnectionStore } from '../stores/connection-store';
import { useUiStore } from '../stores/ui-store';
import { ComingSoon } from '../ui/ComingSoon';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { StatsIcon } from '../ui/icons';
import { UnauthorizedScreen } from '../ui/UnauthorizedScreen';
import { Sidebar } from './Sidebar';
import { UnreadTitle } from './UnreadTitle';

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
    </Tooltip.Provider>
  );
}

function CurrentPage() {
  const { t } = useTranslation();
  const page = useUiStore((s) => s.page);
  switch (page) {
    case 'inbox':
      return <InboxPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'campaigns':
      return <CampaignsPage />;
    case 'stats':
      return <ComingSoon testId="stats-page" title={t('nav.stats')} body={t('comingSoon.stats')} icon={<StatsIcon width={40} height={40} />} />;
  }
}
