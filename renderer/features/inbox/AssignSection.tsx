import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatDto } from '../../../shared/contract';
import { useAssignChat } from '../../api/hooks/use-chats';
import { useErrorText } from '../../ui/error-text';

/** Who the conversation is assigned to: a colleague's name, seen on every workstation of the central server. */
export function AssignSection({ chat }: { chat: ChatDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const assign = useAssignChat();
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (!value || assign.isPending) return;
    assign.mutate({ chatId: chat.id, assignedTo: value }, { onSuccess: () => setName('') });
  };

  return (
    <section className="details-section" aria-labelledby="details-assigned">
      <h3 id="details-assigned">{t('details.assignedTo')}</h3>
      <div className="details-assigned">
        <span data-testid="details-assigned-to" className={chat.assignedTo ? undefined : 'muted'}>
          {chat.assignedTo ?? t('details.nobody')}
        </span>
        {chat.assignedTo && (
          <button type="button" className="btn" disabled={assign.isPending} onClick={() => assign.mutate({ chatId: chat.id, assignedTo: null })} data-testid="unassign">
            {t('details.unassign')}
          </button>
        )}
      </div>
      <form className="note-form" onSubmit={submit}>
        <input
          className="note-input"
          data-testid="assign-input"
          aria-label={t('details.assignTo')}
          placeholder={t('details.assignPlaceholder')}
          value={name}
          maxLength={80}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn" disabled={name.trim() === '' || assign.isPending} data-testid="assign">
          {t('details.assign')}
        </button>
      </form>
      {assign.error && (
        <p className="field-error" role="alert">
          {errorText(assign.error)}
        </p>
      )}
    </section>
  );
}
