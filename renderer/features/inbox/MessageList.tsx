import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatDto, MessageDto } from '../../../shared/contract';
import type { MessagePages } from '../../api/cache-updates';
import { useNotes } from '../../api/hooks/use-inbox';
import { useMessages } from '../../api/hooks/use-messages';
import { MESSAGES_PAGE_SIZE, queryKeys } from '../../api/query-keys';
import { useUiStore, type MessageFocus } from '../../stores/ui-store';
import { LoadError } from '../../ui/LoadError';
import { MessageBubble } from './MessageBubble';
import { NoteLine } from './NoteLine';
import { interleaveNotes } from './timeline';

/** Rows closer than this to the bottom count as "at the bottom" (so new messages scroll into view). */
const STICK_PX = 80;
/** Start loading older messages before the very top is reached. */
const LOAD_OLDER_PX = 150;
const FLASH_MS = 2000;

interface Props {
  chat: ChatDto;
  /** A message to scroll to and flash (a search result in this chat). */
  focus: MessageFocus | null;
}

export function MessageList({ chat, focus }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const consumeFocus = useUiStore((s) => s.consumeFocus);
  const chatId = chat.id;
  // Set while showing a window opened at a message that the newest page does not hold.
  const [aroundId, setAroundId] = useState<number | null>(null);
  const query = useMessages(chatId, aroundId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const messages = useMemo(() => (query.data ? [...query.data.pages].reverse().flat() : []), [query.data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const distanceFromBottom = useRef(0);
  const previous = useRef<{ firstId: number | undefined; lastId: number | undefined }>({ firstId: undefined, lastId: undefined });
  const pendingFocus = useRef<number | null>(null);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const [unseen, setUnseen] = useState(false);
  const [flashId, setFlashId] = useState<number | null>(null);

  const scrollToBottom = () => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(false);
  };

  /** Scrolls a loaded message to the middle and flashes it; false when it is not on screen. */
  const revealMessage = useCallback((messageId: number): boolean => {
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${messageId}"]`);
    if (!target) return false;
    target.scrollIntoView({ block: 'center' });
    setFlashId(messageId);
    return true;
  }, []);

  useEffect(() => {
    if (flashId === null) return;
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  const showWindow = (id: number | null) => {
    previous.current = { firstId: undefined, lastId: undefined };
    setAroundId(id);
  };

  // A search result: jump within what is shown, else to the newest page if it holds the
  // message, else open a window around it.
  useEffect(() => {
    if (!focus) return;
    consumeFocus(focus.nonce);
    if (messagesRef.current.some((m) => m.id === focus.messageId)) {
      revealMessage(focus.messageId);
      return;
    }
    pendingFocus.current = focus.messageId;
    const newest = queryClient.getQueryData<MessagePages>(queryKeys.messages(chatId));
    const inNewest = newest?.pages.some((page) => page.some((m) => m.id === focus.messageId)) ?? false;
    showWindow(inNewest ? null : focus.messageId);
    // Only a new focus (its nonce) moves the view.
  }, [focus?.nonce]);

  // A window that reaches the newest message is the newest page: continue in normal mode, where
  // new messages are added as they arrive.
  useEffect(() => {
    if (aroundId === null || !query.data || query.data.pages.length !== 1) return;
    const page = query.data.pages[0] ?? [];
    // messages.around fills the page with newer messages as far as there are any: a page shorter
    // on the newer side than it asked for has reached the newest message. (Comparing timestamps
    // is not enough: WhatsApp's are whole seconds and a burst shares one.)
    const targetIndex = page.findIndex((m) => m.id === aroundId);
    const newerAsked = MESSAGES_PAGE_SIZE - 1 - Math.max(0, targetIndex);
    const newerGot = page.length - 1 - targetIndex;
    const reachesLatest = chat.lastMessageAt === null || (targetIndex >= 0 && newerGot < newerAsked);
    if (!reachesLatest) return;
    queryClient.setQueryData<MessagePages>(queryKeys.messages(chatId), { pages: [page], pageParams: [undefined] });
    queryClient.removeQueries({ queryKey: queryKeys.messagesAround(chatId, aroundId), exact: true });
    if (pendingFocus.current === null) pendingFocus.current = aroundId;
    showWindow(null);
  }, [aroundId, query.data, chat.lastMessageAt, chatId, queryClient]);

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
    if (pendingFocus.current !== null && revealMessage(pendingFocus.current)) {
      pendingFocus.current = null;
      distanceFromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
      atBottom.current = distanceFromBottom.current < STICK_PX;
    } else if (before.lastId === undefined) {
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

  /** A quoted reply's block: scroll to the original when it is loaded. */
  const jumpToQuoted = useCallback(
    (waId: string) => {
      const original = messagesRef.current.find((m) => m.waId === waId);
      if (original) revealMessage(original.id);
    },
    [revealMessage],
  );

  const byWaId = useMemo(() => new Map<string, MessageDto>(messages.map((m) => [m.waId, m])), [messages]);
  // The team's private notes, in the conversation where they were written (only the team sees them).
  const notes = useNotes(chatId);
  const timeline = useMemo(() => interleaveNotes(messages, notes.data ?? [], !hasNextPage), [messages, notes.data, hasNextPage]);

  return (
    <div className="message-scroll-wrap">
      <div className="message-scroll" ref={scrollRef} onScroll={onScroll} data-testid="message-list" data-window={aroundId !== null}>
        {isFetchingNextPage && <div className="message-loading muted">{t('inbox.loadingOlder')}</div>}
        {query.error && <LoadError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && aroundId !== null && <div className="message-loading muted">{t('inbox.loadingAround')}</div>}
        {query.isSuccess && messages.length === 0 && <div className="message-loading muted">{t('inbox.noMessages')}</div>}
        {timeline.map((item) =>
          item.kind === 'note' ? (
            <NoteLine key={`note-${item.note.id}`} note={item.note} />
          ) : (
            <MessageBubble
              key={item.message.id}
              message={item.message}
              chatTitle={chat.title}
              inGroup={chat.jid.endsWith('@g.us')}
              flash={item.message.id === flashId}
              quotedLoaded={item.message.quoted !== null && byWaId.has(item.message.quoted.waId)}
              onJumpToQuoted={jumpToQuoted}
            />
          ),
        )}
      </div>
      {aroundId !== null ? (
        <button type="button" className="new-messages" data-testid="jump-latest" onClick={() => showWindow(null)}>
          {t('inbox.jumpLatest')}
        </button>
      ) : (
        unseen && (
          <button type="button" className="new-messages" data-testid="new-messages" onClick={scrollToBottom}>
            {t('inbox.newMessages')}
          </button>
        )
      )}
    </div>
  );
}
