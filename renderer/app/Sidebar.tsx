import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../api/hooks/use-accounts';
import { useAssistantHandlers } from '../api/hooks/use-assistant';
import { useInboxCounts } from '../api/hooks/use-inbox';
import { AccountMark } from '../features/accounts/AccountMark';
import { AccountStateBadge } from '../features/accounts/AccountStateBadge';
import { useUiStore, type Page } from '../stores/ui-store';
import { displayPhone } from '../ui/format';
import { AccountsIcon, AlertIcon, AssistantIcon, CampaignsIcon, InboxIcon, SettingsIcon, StatsIcon } from '../ui/icons';

const navItems: { page: Page; icon: ReactNode }[] = [
  { page: 'inbox', icon: <InboxIcon /> },
  { page: 'accounts', icon: <AccountsIcon /> },
  { page: 'assistant', icon: <AssistantIcon /> },
  { page: 'campaigns', icon: <CampaignsIcon /> },
  { page: 'stats', icon: <StatsIcon /> },
  { page: 'settings', icon: <SettingsIcon /> },
];

export function Sidebar() {
  const { t } = useTranslation();
  const page = useUiStore((s) => s.page);
  const navigate = useUiStore((s) => s.navigate);
  const accounts = useAccounts();
  const counts = useInboxCounts();
  const unread = counts.data?.unreadChats ?? 0;
  const assistantProblems = useAssistantHandlers().data?.problemAccountIds.length ?? 0;

  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden>
          M
        </span>
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <nav className="sidebar-nav" aria-label={t('nav.label')}>
        {navItems.map((item) => (
          <button
            key={item.page}
            type="button"
            className="nav-item"
            data-testid={`nav-${item.page}`}
            aria-current={page === item.page ? 'page' : undefined}
            onClick={() => navigate(item.page)}
          >
            {item.icon}
            <span className="nav-label">{t(`nav.${item.page}`)}</span>
            {item.page === 'assistant' && assistantProblems > 0 && (
              <AlertIcon className="nav-alert" width={16} height={16} role="img" aria-hidden={false} aria-label={t('assistant.navProblem')} data-testid="nav-assistant-problem" />
            )}
            {item.page === 'inbox' && unread > 0 && (
              <span className="count-badge" data-testid="nav-inbox-unread" aria-label={t('inbox.unreadChats', { count: unread })}>
                {unread}
              </span>
            )}
          </button>
        ))}
      </nav>
      <section className="sidebar-accounts" aria-labelledby="sidebar-accounts-title">
        <h2 id="sidebar-accounts-title">{t('sidebar.accounts')}</h2>
        {accounts.data?.length === 0 && <p className="muted small">{t('sidebar.noAccounts')}</p>}
        <ul>
          {accounts.data?.map((account) => (
            <li key={account.id} className="sidebar-account" data-testid="sidebar-account" data-account-id={account.id}>
              <AccountMark account={account} size={10} />
              <span className="sidebar-account-label" title={account.phone ? displayPhone(account.phone) : undefined}>
                {account.label}
              </span>
              <AccountStateBadge account={account} compact />
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
