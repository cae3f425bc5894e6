import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, ChatDto, QuickReplyDto } from '../../../shared/contract';
import { useQuickReplies } from '../../api/hooks/use-inbox';
import { useSendMedia, useSendMessage } from '../../api/hooks/use-messages';
import { useComposerStore, type Attachment } from '../../stores/composer-store';
import { useUiStore } from '../../stores/ui-store';
import { useErrorText } from '../../ui/error-text';
import { CloseIcon, FileIcon, MicIcon, PaperclipIcon, ReplyIcon, SendIcon, VideoIcon } from '../../ui/icons';
import { formatFileSize } from './attachment-kind';
import { EmojiPicker } from './EmojiPicker';
import { describeMessage } from './message-text';
import { filterQuickReplies, fillQuickReply, quickReplyQuery } from './quick-replies';
import { readAsBase64 } from './read-file';
import { RelatedChatSelect } from './RelatedChatSelect';

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/**
 * Enter sends, Shift+Enter breaks the line; on failure the text stays so nothing typed is lost.
 * "/" at the start opens the quick replies; picked or dropped files are sent with the text as caption.
 */
export function Composer({ chat, account }: { chat: ChatDto; account: AccountDto | undefined }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const send = useSendMessage();
  const sendMedia = useSendMedia();
  const quickReplies = useQuickReplies();
  const replyTo = useComposerStore((s) => s.replyTo);
  const setReplyTo = useComposerStore((s) => s.setReplyTo);
  const attachments = useComposerStore((s) => s.attachments);
  const refused = useComposerStore((s) => s.refused);
  const addFiles = useComposerStore((s) => s.addFiles);
  const removeAttachment = useComposerStore((s) => s.removeAttachment);
  const dismissRefused = useComposerStore((s) => s.dismissRefused);
  const [text, setText] = useState('');
  const [sendingFiles, setSendingFiles] = useState(false);
  const [fileError, setFileError] = useState<unknown>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  // Quick replies: "/query" alone in the composer.
  const query = quickReplyQuery(text);
  const [dismissedQuery, setDismissedQuery] = useState<string | null>(null);
  const suggestions = query !== null && query !== dismissedQuery ? filterQuickReplies(quickReplies.data ?? [], query) : [];
  const [active, setActive] = useState(0);
  const popupOpen = suggestions.length > 0;
  // "/" with no quick replies at all: say how to make one rather than showing nothing.
  const noQuickReplies = query !== null && query !== dismissedQuery && quickReplies.data?.length === 0;
  const navigate = useUiStore((s) => s.navigate);
  useEffect(() => setActive(0), [query]);

  // Replying focuses the composer, as WhatsApp does.
  useEffect(() => {
    if (replyTo) inputRef.current?.focus();
  }, [replyTo]);

  const withFiles = attachments.length > 0;
  const busy = send.isPending || sendingFiles;
  const captionTooLong = withFiles && text.trim().length > MAX_CAPTION;
  const canSend = !busy && !captionTooLong && (withFiles || text.trim() !== '');

  const focusAtEnd = (value: string) =>
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(value.length, value.length);
    });

  const insertQuickReply = (reply: QuickReplyDto) => {
    const filled = fillQuickReply(reply.text, { name: chat.title }).slice(0, MAX_TEXT);
    setText(filled);
    focusAtEnd(filled);
  };

  const insertEmoji = (emoji: string) => {
    const el = inputRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = (text.slice(0, start) + emoji + text.slice(end)).slice(0, MAX_TEXT);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const sendFiles = async () => {
    setSendingFiles(true);
    setFileError(null);
    let caption = text.trim();
    let quotedId = replyTo?.id;
    try {
      for (const attachment of attachments) {
        const dataBase64 = await readAsBase64(attachment.file);
        await sendMedia.mutateAsync({
          chatId: chat.id,
          kind: attachment.kind,
          fileName: attachment.fileName,
          mime: attachment.mime,
          dataBase64,
          ...(caption !== '' && { caption }),
          ...(quotedId !== undefined && { quotedId }),
        });
        removeAttachment(attachment.id);
        // The caption and the quote go with the first file only.
        const sentCaption = caption;
        if (sentCaption !== '') setText((current) => (current.trim() === sentCaption ? '' : current));
        caption = '';
        quotedId = undefined;
        setReplyTo(null);
      }
    } catch (error) {
      // What was not sent stays in the strip, ready to try again.
      setFileError(error);
    } finally {
      setSendingFiles(false);
    }
  };

  const submit = () => {
    if (!canSend) return;
    if (withFiles) {
      void sendFiles();
      return;
    }
    const sent = text;
    send.mutate(
      { chatId: chat.id, text: sent, ...(replyTo && { quotedId: replyTo.id }) },
      {
        // Only clear what was sent: the person may have kept typing while it went out.
        onSuccess: () => {
          setText((current) => (current === sent ? '' : current));
          setReplyTo(null);
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition (accents, CJK) must not send.
    if (event.nativeEvent.isComposing) return;
    if (popupOpen) {
      const chosen = suggestions[active];
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosen) {
        event.preventDefault();
        insertQuickReply(chosen);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedQuery(query);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const error = send.error ?? fileError;
  const offline = account !== undefined && account.state !== 'connected';

  return (
    <form className="composer" onSubmit={onSubmit} data-testid="composer">
      {error !== null && error !== undefined && (
        <p className="form-error composer-error" role="alert" data-testid="composer-error">
          {errorText(error)}
        </p>
      )}
      {refused.length > 0 && (
        <div className="form-error composer-error composer-refused" role="alert" data-testid="composer-refused">
          <ul>
            {refused.map((file, index) => (
              <li key={index}>{t(file.reason === 'tooLarge' ? 'composer.tooLarge' : 'composer.emptyFile', { name: file.fileName })}</li>
            ))}
          </ul>
          <button type="button" className="btn-link" onClick={dismissRefused} aria-label={t('common.close')}>
            <CloseIcon width={14} height={14} />
          </button>
        </div>
      )}
      {replyTo && (
        <div className="reply-preview" data-testid="reply-preview">
          <ReplyIcon width={16} height={16} />
          <div className="quote quote-static">
            <span className="quote-author">{replyTo.fromMe ? t('message.you') : chat.title}</span>
            <span className="quote-text">{replyTo.text ?? describeMessage(replyTo, t)}</span>
          </div>
          <button type="button" className="btn btn-icon" data-testid="reply-cancel" aria-label={t('composer.cancelReply')} title={t('composer.cancelReply')} onClick={() => setReplyTo(null)}>
            <CloseIcon width={16} height={16} />
          </button>
        </div>
      )}
      {withFiles && (
        <ul className="attachment-strip" data-testid="attachment-strip" aria-label={t('composer.attachments')}>
          {attachments.map((attachment) => (
            <AttachmentItem key={attachment.id} attachment={attachment} language={i18n.resolvedLanguage ?? 'en'} disabled={sendingFiles} onRemove={() => removeAttachment(attachment.id)} />
          ))}
        </ul>
      )}
      {noQuickReplies && (
        <div className="quick-replies quick-replies-empty" role="status" data-testid="quick-replies-empty">
          <p>{t('composer.noQuickReplies')}</p>
          <button type="button" className="btn" onMouseDown={(e) => e.preventDefault()} onClick={() => navigate('settings')} data-testid="quick-replies-create">
            {t('composer.createQuickReply')}
          </button>
        </div>
      )}
      {popupOpen && (
        <ul className="quick-replies" id={listId} role="listbox" aria-label={t('composer.quickReplies')} data-testid="quick-reply-list">
          {suggestions.map((reply, index) => (
            <li
              key={reply.id}
              id={`${listId}-${reply.id}`}
              role="option"
              aria-selected={index === active}
              className="quick-reply-option"
              data-testid="quick-reply-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => insertQuickReply(reply)}
            >
              <span className="quick-reply-shortcut">/{reply.shortcut}</span>
              <span className="quick-reply-text">{fillQuickReply(reply.text, { name: chat.title })}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <EmojiPicker onPick={insertEmoji} />
        <button type="button" className="btn btn-icon composer-tool" data-testid="attach-button" aria-label={t('composer.attach')} title={t('composer.attach')} onClick={() => fileRef.current?.click()}>
          <PaperclipIcon />
        </button>
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            if (e.target.files) addFiles(Array.from(e.target.files));
            e.target.value = '';
          }}
        />
        <textarea
          ref={inputRef}
          className="composer-input"
          data-testid="composer-input"
          role="combobox"
          aria-expanded={popupOpen}
          aria-controls={popupOpen ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={popupOpen && suggestions[active] ? `${listId}-${suggestions[active].id}` : undefined}
          aria-label={withFiles ? t('composer.caption') : t('composer.label')}
          aria-invalid={captionTooLong || undefined}
          placeholder={withFiles ? t('composer.captionPlaceholder') : t('composer.placeholder')}
          title={t('composer.hint')}
          value={text}
          maxLength={MAX_TEXT}
          rows={1}
          autoFocus
          onChange={(e) => {
            setText(e.target.value);
            if (send.error) send.reset();
            if (fileError) setFileError(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn-primary composer-send" data-testid="composer-send" aria-label={t('composer.send')} disabled={!canSend}>
          {busy ? <span className="spinner" aria-hidden /> : <SendIcon />}
        </button>
      </div>
      <div className="composer-footer">
        <RelatedChatSelect chat={chat} />
        {captionTooLong && <span className="field-error">{t('composer.captionTooLong', { max: MAX_CAPTION })}</span>}
        {offline && account && (
          <span className="composer-offline muted" data-testid="composer-offline">
            {t('composer.willQueue', { account: account.label })}
          </span>
        )}
      </div>
    </form>
  );
}

function AttachmentItem({ attachment, language, disabled, onRemove }: { attachment: Attachment; language: string; disabled: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  const icon = { image: null, video: <VideoIcon />, audio: <MicIcon />, document: <FileIcon /> }[attachment.kind];
  return (
    <li className="attachment" data-testid="attachment" data-kind={attachment.kind}>
      {attachment.previewUrl ? <img src={attachment.previewUrl} alt="" className="attachment-thumb" /> : <span className="attachment-icon">{icon}</span>}
      <span className="attachment-text">
        <span className="attachment-name" title={attachment.fileName}>
          {attachment.fileName}
        </span>
        <span className="muted small">
          {t(`media.${attachment.kind}`)} · {formatFileSize(attachment.file.size, language)}
        </span>
      </span>
      <button type="button" className="btn btn-icon" aria-label={t('composer.removeFile', { name: attachment.fileName })} disabled={disabled} onClick={onRemove} data-testid="attachment-remove">
        <CloseIcon width={14} height={14} />
      </button>
    </li>
  );
}
