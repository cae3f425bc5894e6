import { useTranslation } from 'react-i18next';
import type { ChatDto } from '../../../shared/contract';
import { chatHandler, chatHandoverReason } from '../../api/assistant-cache';
import { useAssistantHandlers, useSetChatHandler } from '../../api/hooks/use-assistant';
import { useErrorText } from '../../ui/error-text';
import './assistant.css';

/** Who handles the chat (assistant, waiting for a person, a person); nothing when the account has no assistant on. */
export function ChatHandlerPill({ chat, now, compact = false }: { chat: Pick<ChatDto, 'id' | 'accountId'>; now: number; compact?: boolean }) {
  const { t } = useTranslation();
  const handlers = useAssistantHandlers();
  const handler = chatHandler(handlers.data, chat, now);
  const reason = chatHandoverReason(handlers.data, chat, now);
  if (!handler) return null;
  const why = reason ? t(`assistant.handoverReason.${reason}`) : null;
  return (
    <span
      className={`handler-pill handler-${handler}${compact ? ' chip-small' : ''}`}
      data-testid="chat-handler"
      data-handler={handler}
      data-reason={reason ?? undefined}
      title={why ? `${t(`assistant.handler.${handler}`)}: ${why}` : t(`assistant.handler.${handler}`)}
    >
      {t(compact ? `assistant.handlerShort.${handler}` : `assistant.handler.${handler}`)}
      {!compact && why && <span className="handler-reason"> · {why}</span>}
    </span>
  );
}

/** "Take over" while the assistant has the chat; "Give back to the assistant" while people have it. */
export function ChatHandlerControl({ chat, now }: { chat: Pick<ChatDto, 'id' | 'accountId'>; now: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const handlers = useAssistantHandlers();
  const setHandler = useSetChatHandler();
  const handler = chatHandler(handlers.data, chat, now);
  if (!handler) return null;
  const next = handler === 'assistant' ? 'person' : 'assistant';
  return (
    <span className="handler-control">
      <ChatHandlerPill chat={chat} now={now} />
      <button
        type="button"
        className="btn btn-link"
        data-testid="chat-handler-toggle"
        disabled={setHandler.isPending}
        title={setHandler.error ? errorText(setHandler.error) : undefined}
        onClick={() => setHandler.mutate({ chatId: chat.id, handler: next })}
      >
        {next === 'person' ? t('assistant.takeOver') : t('assistant.giveBack')}
      </button>
    </span>
  );
}
