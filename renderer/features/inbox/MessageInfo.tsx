import { Popover } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto, MessageReceiptDto } from '../../../shared/contract';
import { useMessageInfo } from '../../api/hooks/use-messages';
import { useErrorText } from '../../ui/error-text';
import { formatFullDate, formatMessageTime } from '../../ui/format';
import { InfoIcon } from '../../ui/icons';
import { memberLabel, splitReceipts } from './message-receipts';

interface Props {
  message: MessageDto;
  /** Group messages of ours list who got and read them. */
  showReceipts: boolean;
}

/** A message's details, like WhatsApp's "Info": the text before an edit, and who got and read it in a group. */
export function MessageInfo({ message, showReceipts }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const info = useMessageInfo(message.id, open);
  const receipts = splitReceipts(info.data?.receipts ?? []);

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className="message-action" aria-label={t('message.info')} title={t('message.info')} data-testid="message-info-button">
        <InfoIcon width={16} height={16} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover message-info" side="left" align="start" sideOffset={6} data-testid="message-info" aria-label={t('message.info')}>
          <h3 className="message-info-title">{t('message.info')}</h3>
          {info.isPending && <p className="muted">{t('message.infoLoading')}</p>}
          {info.error && <p className="field-error">{errorText(info.error)}</p>}
          {info.data && (
            <>
              {info.data.editedAt !== null && (
                <section data-testid="message-info-edit">
                  <p className="muted">{t('message.editedOn', { date: formatFullDate(info.data.editedAt, language) })}</p>
                  {info.data.originalText !== null && (
                    <>
                      <h4>{t('message.originalText')}</h4>
                      <p className="message-info-original" data-testid="message-info-original">
                        {info.data.originalText}
                      </p>
                    </>
                  )}
                </section>
              )}
              {showReceipts && (
                <>
                  <ReceiptList title={t('message.readBy')} receipts={receipts.read} at="readAt" language={language} testId="message-info-read" />
                  <ReceiptList title={t('message.deliveredTo')} receipts={receipts.deliveredOnly} at="deliveredAt" language={language} testId="message-info-delivered" />
                  {receipts.read.length + receipts.deliveredOnly.length === 0 && <p className="muted">{t('message.noReceipts')}</p>}
                </>
              )}
            </>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function ReceiptList(props: { title: string; receipts: MessageReceiptDto[]; at: 'readAt' | 'deliveredAt'; language: string; testId: string }) {
  if (props.receipts.length === 0) return null;
  return (
    <section data-testid={props.testId}>
      <h4>{props.title}</h4>
      <ul className="message-info-members">
        {props.receipts.map((r) => (
          <li key={r.memberJid}>
            <span>{memberLabel(r)}</span>
            <time className="muted" title={formatFullDate(r[props.at]!, props.language)}>
              {formatMessageTime(r[props.at]!, props.language)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
