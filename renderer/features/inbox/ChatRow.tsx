import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto } from '../../../shared/contract';
import { ColorDot } from '../../ui/ColorDot';
import { formatChatTime, formatFullDate } from '../../ui/format';

export const CHAT_ROW_HEIGHT = 72;

interface Props {
  chat: ChatDto;
  account: AccountDto | undefined;
  selected: boolean;
  now: number;
  onSelect: (chatId: number) => void;
}

export const ChatRow = memo(function ChatRow({ chat, account, selected, now, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <button
      type="button"
      className="chat-row"
      data-testid="chat-row"
      data-chat-id={chat.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(chat.id)}
    >
      <span className="chat-avatar" aria-hidden>
        {initials(chat.title)}
      </span>
      <span className="chat-row-body">
        <span className="chat-row-top">
          <span className="chat-title" data-testid="chat-title">
            {chat.title}
          </span>
          {chat.lastMessageAt !== null && (
            <time className="chat-time" title={formatFullDate(chat.lastMessageAt, language)}>
              {formatChatTime(chat.lastMessageAt, language, now, t('inbox.yesterday'))}
            </time>
          )}
        </span>
        <span className="chat-row-bottom">
          {account && <ColorDot color={account.color} size={8} label={account.label} />}
          <span className="chat-preview" data-testid="chat-preview">
            {chat.lastMessagePreview ?? t('inbox.noPreview')}
          </span>
          {chat.unreadCount > 0 && (
            <span className="count-badge" data-testid="chat-unread" aria-label={t('inbox.unread', { count: chat.unreadCount })}>
              {chat.unreadCount}
            </span>
          )}
        </span>
      </span>
    </button>
  );
});

function initials(title: string): string {
  const letters = title
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
  return letters || '#';
}
