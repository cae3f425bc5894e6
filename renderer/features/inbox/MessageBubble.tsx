import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../../shared/contract';
import { formatFullDate, formatMessageTime } from '../../ui/format';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from '../../ui/icons';

export const MessageBubble = memo(function MessageBubble({ message }: { message: MessageDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const body =
    message.text ??
    (message.type === 'unsupported' || message.type === 'text' ? t('inbox.unsupported', { type: message.type }) : t('inbox.media', { type: message.type }));

  return (
    <div
      className={`message ${message.fromMe ? 'message-out' : 'message-in'}`}
      data-testid="message"
      data-message-id={message.id}
      data-from-me={message.fromMe}
      data-status={message.status}
    >
      <div className={`bubble${message.text === null ? ' bubble-placeholder' : ''}`}>
        <span className="message-text" data-testid="message-text">
          {body}
        </span>
        <span className="message-meta">
          <time title={formatFullDate(message.timestamp, language)}>{formatMessageTime(message.timestamp, language)}</time>
          {message.fromMe && <StatusTicks status={message.status} />}
        </span>
      </div>
    </div>
  );
});

function StatusTicks({ status }: { status: MessageDto['status'] }) {
  const { t } = useTranslation();
  const label = t(`messageStatus.${status}`);
  const icon = {
    pending: <ClockIcon />,
    sent: <CheckIcon />,
    delivered: <DoubleCheckIcon />,
    read: <DoubleCheckIcon />,
    failed: <AlertIcon />,
    received: null,
  }[status];
  if (!icon) return null;
  return (
    <span className={`ticks ticks-${status}`} role="img" aria-label={label} title={label} data-testid="message-status">
      {icon}
    </span>
  );
}
