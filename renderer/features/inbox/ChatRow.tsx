import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto, LabelDto } from '../../../shared/contract';
import { AccountMark } from '../accounts/AccountMark';
import { displayTitle, formatChatTime, formatFullDate } from '../../ui/format';
import { MutedIcon, PinIcon } from '../../ui/icons';
import { ChatHandlerPill } from '../assistant/ChatHandler';
import { isMuted } from './mute';

export const CHAT_ROW_HEIGHT = 72;
/** Label chips a row shows before "+n". */
const MAX_ROW_LABELS = 2;

interface Props {
  chat: ChatDto;
  account: AccountDto | undefined;
  labels: ReadonlyMap<number, LabelDto>;
  selected: boolean;
  now: number;
  onSelect: (chat: ChatDto) => void;
}

export const ChatRow = memo(function ChatRow({ chat, account, labels, selected, now, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const chatLabels = chat.labelIds.flatMap((id) => labels.get(id) ?? []);
  const muted = isMuted(chat.mutedUntil, now);
  return (
    <button
      type="button"
      className="chat-row"
      data-testid="chat-row"
      data-chat-id={chat.id}
      data-pinned={chat.pinned}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(chat)}
    >
      <span className="chat-avatar" aria-hidden>
        {initials(chat.title)}
      </span>
      <span className="chat-row-body">
        <span className="chat-row-top">
          <span className="chat-title" data-testid="chat-title">
            {displayTitle(chat.title)}
          </span>
          {muted && <MutedIcon className="chat-row-icon" width={14} height={14} role="img" aria-hidden={false} aria-label={t('details.muted')} data-testid="chat-muted" />}
          {chat.pinned && <PinIcon className="chat-row-icon" width={14} height={14} role="img" aria-hidden={false} aria-label={t('details.pinned')} data-testid="chat-pinned" />}
          {chat.lastMessageAt !== null && (
            <time className="chat-time" title={formatFullDate(chat.lastMessageAt, language)}>
              {formatChatTime(chat.lastMessageAt, language, now, t('inbox.yesterday'))}
            </time>
          )}
        </span>
        <span className="chat-row-bottom">
          {account && <AccountMark account={account} />}
          <span className="chat-preview" data-testid="chat-preview">
            {chat.lastMessagePreview ?? t('inbox.noPreview')}
          </span>
          {chatLabels.slice(0, MAX_ROW_LABELS).map((label) => (
            <span key={label.id} className="label-chip" style={{ ['--chip-color' as string]: label.color }} data-testid="chat-label">
              {label.name}
            </span>
          ))}
          {chatLabels.length > MAX_ROW_LABELS && <span className="chip chip-small">+{chatLabels.length - MAX_ROW_LABELS}</span>}
          <ChatHandlerPill chat={chat} now={now} compact />
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

export function initials(title: string): string {
  const letters = title
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
  return letters || '#';
}
