import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AccountDto, ChatDto, LabelDto } from '../../../shared/contract';
import { useNow } from '../../ui/use-now';
import { ChatRow, CHAT_ROW_HEIGHT } from './ChatRow';

interface Props {
  chats: ChatDto[];
  accounts: ReadonlyMap<string, AccountDto>;
  labels: ReadonlyMap<number, LabelDto>;
  selectedChatId: number | null;
  onSelect: (chat: ChatDto) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Virtualised: a shop's inbox reaches tens of thousands of conversations after a history sync. */
export function ChatList({ chats, accounts, labels, selectedChatId, onSelect, hasMore, loadingMore, onLoadMore }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Times like "Yesterday" and mutes that run out must update without new data arriving.
  const now = useNow(60_000);
  const virtualizer = useVirtualizer({
    count: chats.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CHAT_ROW_HEIGHT,
    getItemKey: (index) => chats[index]?.id ?? index,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= chats.length - 5) onLoadMore();
  }, [lastIndex, chats.length, hasMore, loadingMore, onLoadMore]);

  // Alt+↑/↓ may select a row that is scrolled away: bring it into view (only when the selection
  // changes, not when the selected row moves because a message arrived).
  const chatsRef = useRef(chats);
  chatsRef.current = chats;
  useEffect(() => {
    const index = selectedChatId === null ? -1 : chatsRef.current.findIndex((c) => c.id === selectedChatId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedChatId, virtualizer]);

  return (
    <div className="chat-list" ref={scrollRef} data-testid="chat-list" data-count={chats.length}>
      <div className="chat-list-inner" style={{ height: virtualizer.getTotalSize() }} role="list">
        {items.map((item) => {
          const chat = chats[item.index];
          if (!chat) return null;
          return (
            <div key={item.key} role="listitem" className="chat-list-item" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
              <ChatRow
                chat={chat}
                account={accounts.get(chat.accountId)}
                labels={labels}
                selected={chat.id === selectedChatId}
                now={now}
                onSelect={onSelect}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
