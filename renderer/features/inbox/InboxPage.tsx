import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto, LabelDto, SearchHitDto } from '../../../shared/contract';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useChat, useChats, useOpenChat } from '../../api/hooks/use-chats';
import { useLabels } from '../../api/hooks/use-inbox';
import { useComposerStore } from '../../stores/composer-store';
import { useUiStore } from '../../stores/ui-store';
import { CloseIcon, SearchIcon } from '../../ui/icons';
import { LoadError } from '../../ui/LoadError';
import { useDebounced } from '../../ui/use-debounced';
import { ChatFilterBar, isUnfiltered } from './ChatFilterBar';
import { ChatList } from './ChatList';
import { Conversation } from './Conversation';
import { DetailsPanel } from './DetailsPanel';
import { SearchResults } from './SearchResults';
import './inbox.css';

const SEARCH_DEBOUNCE_MS = 250;

export function InboxPage() {
  const { t } = useTranslation();
  const filter = useUiStore((s) => s.chatFilter);
  const setChatFilter = useUiStore((s) => s.setChatFilter);
  const chatsQuery = useChats(filter);
  const accountsQuery = useAccounts();
  const labelsQuery = useLabels();
  const selectedChatId = useUiStore((s) => s.selectedChatId);
  const detailsOpen = useUiStore((s) => s.detailsOpen);
  const setDetailsOpen = useUiStore((s) => s.setDetailsOpen);
  const navigate = useUiStore((s) => s.navigate);
  const openChat = useOpenChat();
  const [searchText, setSearchText] = useState('');
  const debouncedSearch = useDebounced(searchText, SEARCH_DEBOUNCE_MS);
  const searchRef = useRef<HTMLInputElement>(null);

  const chats = useMemo(() => uniqueById(chatsQuery.data?.pages.flat() ?? []), [chatsQuery.data]);
  const accounts = useMemo(() => new Map<string, AccountDto>((accountsQuery.data ?? []).map((a) => [a.id, a])), [accountsQuery.data]);
  const labels = useMemo(() => new Map<number, LabelDto>((labelsQuery.data ?? []).map((l) => [l.id, l])), [labelsQuery.data]);
  // The open chat's own row first: it stays open when it leaves the filtered list.
  const ownRow = useChat(selectedChatId);
  const selected = ownRow ?? chats.find((c) => c.id === selectedChatId) ?? null;
  const searching = searchText.trim() !== '';

  const onSelect = useCallback((chat: ChatDto) => openChat(chat), [openChat]);
  const onOpenMessage = useCallback((hit: SearchHitDto) => openChat(hit.chat, hit.message.id), [openChat]);

  // Inbox shortcuts: Ctrl/Cmd+K search, Alt+↑/↓ next/previous conversation (like WhatsApp
  // Desktop's Ctrl+Tab), Esc closes the innermost thing open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        if (chats.length === 0) return;
        event.preventDefault();
        const index = chats.findIndex((c) => c.id === selectedChatId);
        const next = event.key === 'ArrowDown' ? Math.min(chats.length - 1, index + 1) : Math.max(0, index - 1);
        const chat = chats[index < 0 ? 0 : next];
        if (chat) openChat(chat);
        return;
      }
      if (event.key === 'Escape' && !overlayOpen()) {
        const composer = useComposerStore.getState();
        if (composer.replyTo) composer.setReplyTo(null);
        else if (searching && document.activeElement === searchRef.current) setSearchText('');
        else if (detailsOpen && selected) setDetailsOpen(false);
        else if (searching) setSearchText('');
        else return;
        event.preventDefault();
      }
    };
    // Capture: runs before Radix closes an open dialog or menu, so that Esc is left to it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [chats, selectedChatId, openChat, searching, detailsOpen, selected, setDetailsOpen]);

  const listBody = () => {
    if (searching) {
      return (
        <SearchResults
          text={debouncedSearch}
          accounts={accounts}
          labels={labels}
          selectedChatId={selectedChatId}
          onOpenChat={onSelect}
          onOpenMessage={onOpenMessage}
        />
      );
    }
    if (chatsQuery.isSuccess && chats.length === 0) {
      return isUnfiltered(filter) ? (
        <div className="inbox-empty" data-testid="inbox-empty">
          <p>{t('inbox.empty')}</p>
          <button type="button" className="btn btn-primary" onClick={() => navigate('accounts')}>
            {t('inbox.goToAccounts')}
          </button>
        </div>
      ) : (
        <div className="inbox-empty" data-testid="inbox-empty-filtered">
          <p>{filter.archived ? t('filters.noArchived') : t('filters.noMatch')}</p>
        </div>
      );
    }
    return (
      <ChatList
        chats={chats}
        accounts={accounts}
        labels={labels}
        selectedChatId={selectedChatId}
        onSelect={onSelect}
        hasMore={chatsQuery.hasNextPage}
        loadingMore={chatsQuery.isFetchingNextPage}
        onLoadMore={() => void chatsQuery.fetchNextPage()}
      />
    );
  };

  const showDetails = detailsOpen && selected !== null;

  return (
    <div className={`inbox${showDetails ? ' inbox-with-details' : ''}`} data-testid="inbox-page">
      <section className="inbox-list" aria-label={t('inbox.conversations')}>
        <header className="inbox-list-header">
          <h1>{filter.archived ? t('filters.archivedTitle') : t('inbox.title')}</h1>
          <div className="search-box">
            <SearchIcon className="search-icon" width={16} height={16} />
            <input
              ref={searchRef}
              type="search"
              className="search-input"
              data-testid="search-input"
              placeholder={t('search.placeholder')}
              aria-label={t('search.label')}
              aria-keyshortcuts="Control+K Meta+K"
              value={searchText}
              maxLength={200}
              onChange={(e) => setSearchText(e.target.value)}
            />
            {searching && (
              <button type="button" className="search-clear" aria-label={t('search.clear')} data-testid="search-clear" onClick={() => setSearchText('')}>
                <CloseIcon width={14} height={14} />
              </button>
            )}
          </div>
          {!searching && <ChatFilterBar filter={filter} onChange={setChatFilter} accounts={accountsQuery.data ?? []} labels={labelsQuery.data ?? []} />}
        </header>
        {!searching && chatsQuery.error && <LoadError error={chatsQuery.error} onRetry={() => void chatsQuery.refetch()} />}
        {listBody()}
      </section>
      <section className="inbox-conversation">
        {selected ? (
          <Conversation key={selected.id} chat={selected} account={accounts.get(selected.accountId)} labels={labels} />
        ) : (
          <div className="conversation-placeholder" data-testid="conversation-placeholder">
            <div>
              <p>{t('inbox.selectChat')}</p>
              <p className="muted small">{t('inbox.shortcuts')}</p>
            </div>
          </div>
        )}
      </section>
      {showDetails && <DetailsPanel key={selected.id} chat={selected} account={accounts.get(selected.accountId)} accounts={accounts} />}
    </div>
  );
}

/** While a dialog, menu, popover or suggestion list is open, Esc belongs to it. */
function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [data-radix-popper-content-wrapper]') !== null;
}

/** A chat can sit in two pages for a moment when it moves while a page loads; show it once. */
function uniqueById(chats: ChatDto[]): ChatDto[] {
  const seen = new Set<number>();
  return chats.filter((chat) => !seen.has(chat.id) && seen.add(chat.id));
}
