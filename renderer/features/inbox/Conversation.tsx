import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto, LabelDto } from '../../../shared/contract';
import { useMarkChatRead } from '../../api/hooks/use-chats';
import { useComposerStore } from '../../stores/composer-store';
import { useUiStore } from '../../stores/ui-store';
import { AccountMark } from '../accounts/AccountMark';
import { displayPhone, displayTitle } from '../../ui/format';
import { MutedIcon, PanelIcon, PinIcon } from '../../ui/icons';
import { useNow } from '../../ui/use-now';
import { ChatHandlerControl } from '../assistant/ChatHandler';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { isMuted } from './mute';

interface Props {
  chat: ChatDto;
  account: AccountDto | undefined;
  labels: ReadonlyMap<number, LabelDto>;
}

/** One open conversation; mounted per chat (keyed by id), so its state never leaks to the next. */
export function Conversation({ chat, account, labels }: Props) {
  const { t } = useTranslation();
  const { mutate: markRead } = useMarkChatRead();
  const opened = useRef(false);
  const focus = useUiStore((s) => s.focus);
  const detailsOpen = useUiStore((s) => s.detailsOpen);
  const setDetailsOpen = useUiStore((s) => s.setDetailsOpen);
  const resetComposer = useComposerStore((s) => s.reset);
  const addFiles = useComposerStore((s) => s.addFiles);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const now = useNow(60_000);

  // Opening marks the chat read; so does any message that arrives while it is open.
  useEffect(() => {
    if (opened.current && chat.unreadCount === 0) return;
    opened.current = true;
    markRead(chat.id);
  }, [chat.id, chat.unreadCount, markRead]);

  // A reply or files picked for another chat must not be sent here.
  useEffect(() => resetComposer(chat.id), [chat.id, resetComposer]);

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const dropHandlers = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      dragDepth.current += 1;
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      addFiles(Array.from(event.dataTransfer.files));
    },
  };

  const chatLabels = chat.labelIds.flatMap((id) => labels.get(id) ?? []);

  return (
    <div className="conversation" data-testid="conversation" data-chat-id={chat.id} {...dropHandlers}>
      <header className="conversation-header">
        <div className="conversation-heading">
          <h2 className="conversation-title" data-testid="conversation-title">
            {displayTitle(chat.title)}
            {chat.pinned && <PinIcon className="chat-row-icon" width={14} height={14} role="img" aria-hidden={false} aria-label={t('details.pinned')} />}
            {isMuted(chat.mutedUntil, now) && <MutedIcon className="chat-row-icon" width={14} height={14} role="img" aria-hidden={false} aria-label={t('details.muted')} />}
          </h2>
          <div className="conversation-subtitle muted">
            {chat.phone && `+${chat.phone}` !== chat.title && <span data-testid="conversation-phone">{displayPhone(chat.phone)}</span>}
            {account && (
              <span className="conversation-account">
                <AccountMark account={account} withLabel />
              </span>
            )}
            <span className={`status-pill status-${chat.status}`} data-testid="conversation-status">
              {t(`chatStatus.${chat.status}`)}
            </span>
            {chatLabels.map((label) => (
              <span key={label.id} className="label-chip" style={{ ['--chip-color' as string]: label.color }}>
                {label.name}
              </span>
            ))}
            <ChatHandlerControl chat={chat} now={now} />
          </div>
        </div>
        <button
          type="button"
          className="btn btn-icon"
          data-testid="toggle-details"
          aria-pressed={detailsOpen}
          aria-label={detailsOpen ? t('details.hide') : t('details.show')}
          title={detailsOpen ? t('details.hide') : t('details.show')}
          onClick={() => setDetailsOpen(!detailsOpen)}
        >
          <PanelIcon />
        </button>
      </header>
      <MessageList chat={chat} focus={focus?.chatId === chat.id ? focus : null} />
      <Composer chat={chat} account={account} />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <p>{t('composer.dropHere')}</p>
        </div>
      )}
    </div>
  );
}
