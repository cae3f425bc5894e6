import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessages } from '../../api/hooks/use-messages';
import { LoadError } from '../../ui/LoadError';
import { MessageBubble } from './MessageBubble';

/** Rows closer than this to the bottom count as "at the bottom" (so new messages scroll into view). */
const STICK_PX = 80;
/** Start loading older messages before the very top is reached. */
const LOAD_OLDER_PX = 150;

export function MessageList({ chatId }: { chatId: number }) {
  const { t } = useTranslation();
  const query = useMessages(chatId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const messages = useMemo(() => (query.data ? [...query.data.pages].reverse().flat() : []), [query.data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const distanceFromBottom = useRef(0);
  const previous = useRef<{ firstId: number | undefined; lastId: number | undefined }>({ firstId: undefined, lastId: undefined });
  const [unseen, setUnseen] = useState(false);

  const scrollToBottom = () => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(false);
  };

  const loadOlderIfNeeded = () => {
    const el = scrollRef.current;
    if (!el || !hasNextPage || isFetchingNextPage) return;
    // Also when the first page does not fill the pane: there is no scrollbar to reach the top with.
    if (el.scrollTop < LOAD_OLDER_PX || el.scrollHeight <= el.clientHeight) void fetchNextPage();
  };

  // Before paint: keep the reader's place when older messages are prepended, follow new ones.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const first = messages[0];
    const last = messages[messages.length - 1];
    const before = previous.current;
    previous.current = { firstId: first?.id, lastId: last?.id };
    if (!el || !last) return;
    if (before.lastId === undefined) {
      scrollToBottom();
    } else if (last.id !== before.lastId) {
      if (atBottom.current || last.fromMe) scrollToBottom();
      else setUnseen(true);
    } else if (first?.id !== before.firstId) {
      el.scrollTop = el.scrollHeight - el.clientHeight - distanceFromBottom.current;
    }
    loadOlderIfNeeded();
  }, [messages]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    distanceFromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
    atBottom.current = distanceFromBottom.current < STICK_PX;
    if (atBottom.current) setUnseen(false);
    loadOlderIfNeeded();
  };

  return (
    <div className="message-scroll-wrap">
      <div className="message-scroll" ref={scrollRef} onScroll={onScroll} data-testid="message-list">
        {isFetchingNextPage && <div className="message-loading muted">{t('inbox.loadingOlder')}</div>}
        {query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && messages.length === 0 && <div className="message-loading muted">{t('inbox.noMessages')}</div>}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} />
        ))}
      </div>
      {unseen && (
        <button type="button" className="new-messages" data-testid="new-messages" onClick={scrollToBottom}>
          {t('inbox.newMessages')}
        </button>
      )}
    </div>
  );
}
