import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddNote, useDeleteNote, useNotes } from '../../api/hooks/use-inbox';
import { useErrorText } from '../../ui/error-text';
import { formatFullDate } from '../../ui/format';
import { TrashIcon } from '../../ui/icons';

/** Private notes: agents see them, the customer never does. */
export function NotesSection({ chatId }: { chatId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const notes = useNotes(chatId);
  const add = useAddNote();
  const remove = useDeleteNote();
  const [text, setText] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value || add.isPending) return;
    add.mutate({ chatId, text: value }, { onSuccess: () => setText((current) => (current.trim() === value ? '' : current)) });
  };

  const error = add.error ?? remove.error;

  return (
    <section className="details-section" aria-labelledby="details-notes">
      <h3 id="details-notes">{t('notes.title')}</h3>
      <p className="muted small">{t('notes.hint')}</p>
      {notes.error && <p className="field-error">{t('common.loadFailed', { error: errorText(notes.error) })}</p>}
      <ul className="notes" data-testid="notes">
        {(notes.data ?? []).map((note) => (
          <li key={note.id} className="note" data-testid="note">
            <p className="note-text">{note.text}</p>
            <div className="note-meta">
              <time className="muted small">{formatFullDate(note.createdAt, language)}</time>
              <button
                type="button"
                className="btn btn-icon btn-danger-quiet note-delete"
                aria-label={t('notes.delete')}
                title={t('notes.delete')}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: note.id, chatId })}
                data-testid="note-delete"
              >
                <TrashIcon width={14} height={14} />
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form className="note-form" onSubmit={submit}>
        <textarea
          className="note-input"
          data-testid="note-input"
          aria-label={t('notes.add')}
          placeholder={t('notes.placeholder')}
          value={text}
          maxLength={4000}
          rows={2}
          onChange={(e) => {
            setText(e.target.value);
            if (add.error) add.reset();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        {error && (
          <p className="field-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <button type="submit" className="btn" disabled={text.trim() === '' || add.isPending} data-testid="note-add">
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}
