import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickReplyDto } from '../../../shared/contract';
import { useDeleteQuickReply, useQuickReplies, useSaveQuickReply } from '../../api/hooks/use-inbox';
import { UNDO_TOAST_MS, useToastStore } from '../../stores/toast-store';
import { useErrorText } from '../../ui/error-text';
import { LoadError } from '../../ui/LoadError';

const SHORTCUT = /^[\p{L}\p{N}_-]+$/u;

/** Quick replies: typed as "/shortcut" in the composer; {{nombre}} / {{name}} become the contact's name. */
export function QuickRepliesSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const replies = useQuickReplies();
  const save = useSaveQuickReply();
  const remove = useDeleteQuickReply();
  const [editing, setEditing] = useState<QuickReplyDto | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const showToast = useToastStore((s) => s.show);

  // Deleting takes effect at once and offers Undo, which saves the same shortcut and text again.
  const deleteWithUndo = (reply: QuickReplyDto) => {
    if (editing?.id === reply.id) startEdit(null);
    remove.mutate(reply.id, {
      onSuccess: () =>
        showToast({
          testId: 'quick-reply-deleted',
          durationMs: UNDO_TOAST_MS,
          text: t('quickReplies.deleted', { shortcut: reply.shortcut }),
          action: { label: t('quickReplies.undo'), run: () => save.mutate({ shortcut: reply.shortcut, text: reply.text }) },
        }),
    });
  };

  const startEdit = (reply: QuickReplyDto | null) => {
    setEditing(reply);
    setShortcut(reply?.shortcut ?? '');
    setText(reply?.text ?? '');
    save.reset();
  };

  const cleanShortcut = shortcut.trim().replace(/^\//, '');
  const shortcutInvalid = cleanShortcut !== '' && !SHORTCUT.test(cleanShortcut);
  const canSave = cleanShortcut !== '' && !shortcutInvalid && text.trim() !== '' && !save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSave) return;
    save.mutate({ ...(editing && { id: editing.id }), shortcut: cleanShortcut, text: text.trim() }, { onSuccess: () => startEdit(null) });
  };

  return (
    <section className="settings-section" data-testid="quick-replies-section" aria-labelledby="settings-quick-replies">
      <h2 id="settings-quick-replies">{t('quickReplies.title')}</h2>
      <p className="muted">{t('quickReplies.explain', { nombre: '{{nombre}}', name: '{{name}}', nombre_completo: '{{nombre_completo}}', full_name: '{{full_name}}' })}</p>
      {replies.error && <LoadError error={replies.error} onRetry={() => void replies.refetch()} />}
      {replies.isSuccess && replies.data.length === 0 && <p className="muted small">{t('quickReplies.empty')}</p>}
      <ul className="quick-reply-admin">
        {(replies.data ?? []).map((reply) => (
          <li key={reply.id} className="quick-reply-row" data-testid="quick-reply-row">
            <span className="quick-reply-shortcut">/{reply.shortcut}</span>
            <span className="quick-reply-row-text">{reply.text}</span>
            <button type="button" className="btn" onClick={() => startEdit(reply)} data-testid="quick-reply-edit">
              {t('quickReplies.edit')}
            </button>
            <button
              type="button"
              className="btn btn-danger-quiet"
              disabled={remove.isPending}
              onClick={() => deleteWithUndo(reply)}
              data-testid="quick-reply-delete"
            >
              {t('quickReplies.delete')}
            </button>
          </li>
        ))}
      </ul>
      {remove.error && <p className="form-error">{errorText(remove.error)}</p>}
      <form className="quick-reply-form" onSubmit={submit} data-testid="quick-reply-form">
        <h3>{editing ? t('quickReplies.editing', { shortcut: editing.shortcut }) : t('quickReplies.add')}</h3>
        <div className="field">
          <label htmlFor="quick-reply-shortcut">{t('quickReplies.shortcut')}</label>
          <input
            id="quick-reply-shortcut"
            data-testid="quick-reply-shortcut"
            value={shortcut}
            maxLength={33}
            autoComplete="off"
            placeholder={t('quickReplies.shortcutPlaceholder')}
            aria-invalid={shortcutInvalid || undefined}
            aria-describedby="quick-reply-shortcut-hint"
            onChange={(e) => setShortcut(e.target.value)}
          />
          <div className={shortcutInvalid ? 'field-error' : 'field-hint'} id="quick-reply-shortcut-hint">
            {t('quickReplies.shortcutHint')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="quick-reply-text">{t('quickReplies.text')}</label>
          <textarea
            id="quick-reply-text"
            data-testid="quick-reply-text"
            value={text}
            rows={3}
            maxLength={4096}
            aria-describedby="quick-reply-text-hint"
            onChange={(e) => setText(e.target.value)}
          />
          <div className="field-hint" id="quick-reply-text-hint">
            {t('quickReplies.textHint')}
          </div>
        </div>
        {save.error && (
          <p className="form-error" role="alert" data-testid="quick-reply-error">
            {errorText(save.error)}
          </p>
        )}
        <div className="form-actions">
          {editing && (
            <button type="button" className="btn" onClick={() => startEdit(null)}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!canSave} data-testid="quick-reply-save">
            {t('quickReplies.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
