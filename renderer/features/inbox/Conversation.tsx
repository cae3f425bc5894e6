import { useEffect, useRef } from 'react';
import type { AccountDto, ChatDto } from '../../../shared/contract';
import { useMarkChatRead } from '../../api/hooks/use-chats';
import { ColorDot } from '../../ui/ColorDot';
import { displayPhone } from '../../ui/format';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

/** One open conversation; mounted per chat (keyed by id), so its state never leaks to the next. */
export function Conversation({ chat, account }: { chat: ChatDto; account: AccountDto | undefined }) {
  const { mutate: markRead } = useMarkChatRead();
  const opened = useRef(false);

  // Opening marks the chat read; so does any message that arrives while it is open.
  useEffect(() => {
    if (opened.current && chat.unreadCount === 0) return;
    opened.current = true;
    markRead(chat.id);
  }, [chat.id, chat.unreadCount, markRead]);

  return (
    <div className="conversation" data-testid="conversation" data-chat-id={chat.id}>
      <header className="conversation-header">
        <div>
          <h2 className="conversation-title" data-testid="conversation-title">
            {chat.title}
          </h2>
          <div className="conversation-subtitle muted">
            {chat.phone && chat.phone !== chat.title && <span data-testid="conversation-phone">{displayPhone(chat.phone)}</span>}
            {account && (
              <span className="conversation-account">
                <ColorDot color={account.color} size={8} />
                {account.label}
              </span>
            )}
          </div>
        </div>
      </header>
      <MessageList chatId={chat.id} />
      <Composer chatId={chat.id} />
    </div>
  );
}
