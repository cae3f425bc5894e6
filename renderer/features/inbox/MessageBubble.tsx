import { Tooltip } from 'radix-ui';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../../shared/contract';
import { useCancelMessage } from '../../api/hooks/use-messages';
import { useComposerStore } from '../../stores/composer-store';
import { useErrorText } from '../../ui/error-text';
import { RawProblem, useRawProblemText } from '../../ui/RawProblem';
import { formatFullDate, formatMessageTime } from '../../ui/format';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon, ReplyIcon } from '../../ui/icons';
import { LocationCard, MessageMedia, SharedContacts } from './MessageMedia';
import { describeMessage } from './message-text';
import { MessageInfo } from './MessageInfo';
import { isNotice } from '../../../shared/message-kinds';

interface Props {
  message: MessageDto;
  /** Who "they" are in a quote of the customer's message. */
  chatTitle: string;
  /** A group chat: our messages there have per-member receipts. */
  inGroup: boolean;
  flash: boolean;
  /** The quoted message is on screen, so its block can scroll to it. */
  quotedLoaded: boolean;
  onJumpToQuoted: (waId: string) => void;
}

const UNSENT = new Set<MessageDto['status']>(['queued', 'pending', 'failed']);

export const MessageBubble = memo(function MessageBubble({ message, chatTitle, inGroup, flash, quotedLoaded, onJumpToQuoted }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const setReplyTo = useComposerStore((s) => s.setReplyTo);
  const deleted = message.deletedAt !== null;
  const rich = message.media !== null || message.location !== null || (message.sharedContacts?.length ?? 0) > 0;
  // A location's or a contact card's text only repeats what its card shows; a media caption does not.
  const notice = isNotice(message.type);
  const showText = !deleted && !notice && message.text !== null && (message.media !== null || !rich);
  const placeholder = !deleted && !rich && (notice || message.text === null);
  const canReply = !deleted && !UNSENT.has(message.status);
  const groupReceipts = inGroup && message.fromMe && !UNSENT.has(message.status);
  const hasInfo = groupReceipts || (message.editedAt !== null && !deleted);

  return (
    <div
      className={`message ${message.fromMe ? 'message-out' : 'message-in'}${flash ? ' message-flash' : ''}`}
      data-testid="message"
      data-message-id={message.id}
      data-wa-id={message.waId}
      data-from-me={message.fromMe}
      data-status={message.status}
      data-type={message.type}
      data-notice={notice || undefined}
      data-media-state={message.media?.state}
    >
      <div className="message-column">
        <div className={`bubble${placeholder || deleted ? ' bubble-placeholder' : ''}${message.media ? ' bubble-media' : ''}`}>
          {message.quoted && (
            <button
              type="button"
              className="quote"
              data-testid="message-quote"
              disabled={!quotedLoaded}
              title={quotedLoaded ? t('message.goToQuoted') : undefined}
              onClick={() => message.quoted && onJumpToQuoted(message.quoted.waId)}
            >
              <span className="quote-author">{message.quoted.fromMe ? t('message.you') : chatTitle}</span>
              <span className="quote-text">{message.quoted.text ?? t('message.quotedMedia', { type: message.quoted.type ?? '?' })}</span>
            </button>
          )}
          {deleted ? (
            <span className="message-text message-deleted" data-testid="message-deleted">
              {t('message.deleted')}
            </span>
          ) : (
            <>
              {message.media && <MessageMedia message={message} />}
              {message.location && <LocationCard location={message.location} />}
              {message.sharedContacts && message.sharedContacts.length > 0 && <SharedContacts contacts={message.sharedContacts} />}
              {(showText || placeholder) && (
                <span className="message-text" data-testid="message-text">
                  {showText ? message.text : describeMessage(message, t)}
                </span>
              )}
            </>
          )}
          <span className="message-meta">
            {message.editedAt !== null && !deleted && (
              <span className="message-edited" data-testid="message-edited" title={formatFullDate(message.editedAt, language)}>
                {t('message.edited')}
              </span>
            )}
            <time title={formatFullDate(message.timestamp, language)}>{formatMessageTime(message.timestamp, language)}</time>
            {message.fromMe && <StatusTicks status={message.status} error={message.error} />}
          </span>
        </div>
        {message.reactions.length > 0 && (
          <ul className="reactions" aria-label={t('message.reactions')} data-testid="message-reactions">
            {message.reactions.map((reaction) => (
              <li key={reaction.emoji} className={`reaction${reaction.fromMe ? ' reaction-mine' : ''}`} title={reaction.fromMe ? t('message.reactedByYou') : undefined}>
                <span aria-hidden>{reaction.emoji}</span>
                {reaction.count > 1 && <span className="reaction-count">{reaction.count}</span>}
                <span className="visually-hidden">{t('message.reactionCount', { emoji: reaction.emoji, count: reaction.count })}</span>
              </li>
            ))}
          </ul>
        )}
        {message.status === 'queued' && <QueuedLine message={message} />}
        {message.status === 'failed' && message.error && <FailedLine error={message.error} />}
      </div>
      {(canReply || hasInfo) && (
        <div className="message-actions">
          {hasInfo && <MessageInfo message={message} showReceipts={groupReceipts} />}
          {canReply && (
            <button type="button" className="message-action" data-testid="message-reply" aria-label={t('message.reply')} title={t('message.reply')} onClick={() => setReplyTo(message)}>
              <ReplyIcon width={16} height={16} />
            </button>
          )}
        </div>
      )}
    </div>
  );
});

/** Outbox: waiting for the account to reconnect; the person may take it back. */
function QueuedLine({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const cancel = useCancelMessage();
  return (
    <div className="queued-line" data-testid="message-queued">
      <ClockIcon width={12} height={12} />
      <span>{t('message.waiting')}</span>
      <button type="button" className="btn-link" data-testid="message-cancel" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: message.id, chatId: message.chatId })}>
        {t('message.cancelSend')}
      </button>
      {cancel.error && <span className="field-error">{errorText(cancel.error)}</span>}
      {cancel.data?.cancelled === false && <span className="muted">{t('message.tooLateToCancel')}</span>}
    </div>
  );
}

/** Why WhatsApp did not take it, in words; the library's own text folded under "Detalles". */
function FailedLine({ error }: { error: string }) {
  const { t } = useTranslation();
  return (
    <div className="failed-line" data-testid="message-failed">
      <span>{t('message.notSent')} </span>
      <RawProblem kind="send" raw={error} testId="message-failed-reason" />
    </div>
  );
}

function StatusTicks({ status, error }: { status: MessageDto['status']; error: string | null }) {
  const { t } = useTranslation();
  const problemText = useRawProblemText();
  const label = t(`messageStatus.${status}`);
  const icon = {
    queued: <ClockIcon />,
    pending: <ClockIcon />,
    sent: <CheckIcon />,
    delivered: <DoubleCheckIcon />,
    read: <DoubleCheckIcon />,
    failed: <AlertIcon />,
    received: null,
  }[status];
  if (!icon) return null;
  if (status === 'failed') {
    const detail = error ? t('message.failedBecause', { error: problemText('send', error) }) : label;
    return (
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <span className="ticks ticks-failed" role="img" tabIndex={0} aria-label={detail} data-testid="message-status" data-error={error ?? ''}>
            {icon}
          </span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tooltip" sideOffset={4} data-testid="message-error-tooltip">
            {detail}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    );
  }
  return (
    <span className={`ticks ticks-${status}`} role="img" aria-label={label} title={label} data-testid="message-status">
      {icon}
    </span>
  );
}
