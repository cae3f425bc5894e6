import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendMessage } from '../../api/hooks/use-messages';
import { useErrorText } from '../../ui/error-text';
import { SendIcon } from '../../ui/icons';

/** Enter sends, Shift+Enter breaks the line; on failure the text stays so nothing typed is lost. */
export function Composer({ chatId }: { chatId: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const send = useSendMessage();
  const [text, setText] = useState('');

  const submit = () => {
    const sent = text;
    if (sent.trim() === '' || send.isPending) return;
    send.mutate(
      { chatId, text: sent },
      // Only clear what was sent: the person may have kept typing while it went out.
      { onSuccess: () => setText((current) => (current === sent ? '' : current)) },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition (accents, CJK) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit} data-testid="composer">
      {send.error && (
        <p className="form-error composer-error" role="alert" data-testid="composer-error">
          {errorText(send.error)}
        </p>
      )}
      <div className="composer-row">
        <textarea
          className="composer-input"
          data-testid="composer-input"
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          title={t('composer.hint')}
          value={text}
          maxLength={4096}
          rows={1}
          autoFocus
          onChange={(e) => {
            setText(e.target.value);
            if (send.error) send.reset();
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn-primary composer-send" data-testid="composer-send" aria-label={t('composer.send')} disabled={text.trim() === '' || send.isPending}>
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
