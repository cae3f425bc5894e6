import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto, LabelDto, SearchHitDto } from '../../../shared/contract';
import { useSearch } from '../../api/hooks/use-search';
import { AccountMark } from '../accounts/AccountMark';
import { displayTitle, formatChatTime, formatFullDate } from '../../ui/format';
import { LoadError } from '../../ui/LoadError';
import { useNow } from '../../ui/use-now';
import { ChatRow, CHAT_ROW_HEIGHT } from './ChatRow';
import { Snippet } from './Snippet';

interface Props {
  /** Already debounced. */
  text: string;
  accounts: ReadonlyMap<string, AccountDto>;
  labels: ReadonlyMap<number, LabelDto>;
  selectedChatId: number | null;
  onOpenChat: (chat: ChatDto) => void;
  onOpenMessage: (hit: SearchHitDto) => void;
}

/** Two sections, as WhatsApp shows them: conversations, then messages with the matches marked. */
export function SearchResults({ text, accounts, labels, selectedChatId, onOpenChat, onOpenMessage }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const now = useNow(60_000);
  const search = useSearch(text);
  const result = search.data;

  return (
    <div className="search-results" data-testid="search-results" aria-busy={search.isFetching}>
      {search.error && <LoadError error={search.error} onRetry={() => void search.refetch()} />}
      {search.isPending && !search.error && <p className="search-status muted">{t('search.searching')}</p>}
      {result && result.chats.length === 0 && result.messages.length === 0 && (
        <p className="search-status muted" data-testid="search-empty">
          {t('search.nothing', { text })}
        </p>
      )}
      {result && result.chats.length > 0 && (
        <section aria-labelledby="search-chats-title">
          <h2 className="search-section-title" id="search-chats-title">
            {t('search.chats')}
          </h2>
          <ul className="search-list" data-testid="search-chats">
            {result.chats.map((chat) => (
              <li key={chat.id} style={{ height: CHAT_ROW_HEIGHT }}>
                <ChatRow chat={chat} account={accounts.get(chat.accountId)} labels={labels} selected={chat.id === selectedChatId} now={now} onSelect={onOpenChat} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && result.messages.length > 0 && (
        <section aria-labelledby="search-messages-title">
          <h2 className="search-section-title" id="search-messages-title">
            {t('search.messages')}
          </h2>
          <ul className="search-list" data-testid="search-messages">
            {result.messages.map((hit) => {
              const account = accounts.get(hit.chat.accountId);
              return (
                <li key={hit.message.id}>
                  <button
                    type="button"
                    className="search-hit"
                    data-testid="search-hit"
                    data-chat-id={hit.chat.id}
                    data-message-id={hit.message.id}
                    onClick={() => onOpenMessage(hit)}
                  >
                    <span className="search-hit-top">
                      {account && <AccountMark account={account} />}
                      <span className="chat-title">{displayTitle(hit.chat.title)}</span>
                      <time className="chat-time" title={formatFullDate(hit.message.timestamp, language)}>
                        {formatChatTime(hit.message.timestamp, language, now, t('inbox.yesterday'))}
                      </time>
                    </span>
                    <span className="search-hit-text">
                      {hit.message.fromMe && <span className="muted">{t('message.you')}: </span>}
                      <Snippet text={hit.snippet} />
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
