import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto } from '../../../shared/contract';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useChats } from '../../api/hooks/use-chats';
import { useUiStore } from '../../stores/ui-store';
import { LoadError } from '../../ui/LoadError';
import { ChatList } from './ChatList';
import { Conversation } from './Conversation';
import './inbox.css';

export function InboxPage() {
  const { t } = useTranslation();
  const chatsQuery = useChats(null);
  const accountsQuery = useAccounts();
  const selectedChatId = useUiStore((s) => s.selectedChatId);
  const selectChat = useUiStore((s) => s.selectChat);
  const navigate = useUiStore((s) => s.navigate);

  const chats = useMemo(() => uniqueById(chatsQuery.data?.pages.flat() ?? []), [chatsQuery.data]);
  const accounts = useMemo(() => new Map<string, AccountDto>((accountsQuery.data ?? []).map((a) => [a.id, a])), [accountsQuery.data]);
  const selected = chats.find((c) => c.id === selectedChatId) ?? null;

  // Alt+↑/↓ walks the conversation list from anywhere in the inbox, like WhatsApp Desktop's Ctrl+Tab.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || chats.length === 0) return;
      event.preventDefault();
      const index = chats.findIndex((c) => c.id === selectedChatId);
      const next = event.key === 'ArrowDown' ? Math.min(chats.length - 1, index + 1) : Math.max(0, index - 1);
      const chat = chats[index < 0 ? 0 : next];
      if (chat) selectChat(chat.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chats, selectedChatId, selectChat]);

  return (
    <div className="inbox" data-testid="inbox-page">
      <section className="inbox-list" aria-label={t('inbox.conversations')}>
        <header className="inbox-list-header">
          <h1>{t('inbox.title')}</h1>
        </header>
        {chatsQuery.error && <LoadError error={chatsQuery.error} onRetry={() => void chatsQuery.refetch()} />}
        {chatsQuery.isSuccess && chats.length === 0 ? (
          <div className="inbox-empty" data-testid="inbox-empty">
            <p>{t('inbox.empty')}</p>
            <button type="button" className="btn btn-primary" onClick={() => navigate('accounts')}>
              {t('inbox.goToAccounts')}
            </button>
          </div>
        ) : (
          <ChatList
            chats={chats}
            accounts={accounts}
            selectedChatId={selectedChatId}
            onSelect={selectChat}
            hasMore={chatsQuery.hasNextPage}
            loadingMore={chatsQuery.isFetchingNextPage}
            onLoadMore={() => void chatsQuery.fetchNextPage()}
          />
        )}
      </section>
      <section className="inbox-conversation">
        {selected ? (
          <Conversation key={selected.id} chat={selected} account={accounts.get(selected.accountId)} />
        ) : (
          <div className="conversation-placeholder" data-testid="conversation-placeholder">
            <p>{t('inbox.selectChat')}</p>
          </div>
        )}
      </section>
    </div>
  );
}

/** A chat can sit in two pages for a moment when it moves while a page loads; show it once. */
function uniqueById(chats: ChatDto[]): ChatDto[] {
  const seen = new Set<number>();
  return chats.filter((chat) => !seen.has(chat.id) && seen.add(chat.id));
}
