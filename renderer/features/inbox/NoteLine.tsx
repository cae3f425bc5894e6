import { useTranslation } from 'react-i18next';
import type { NoteDto } from '../../../shared/contract';
import { formatFullDate, formatMessageTime } from '../../ui/format';

/** A private note in the conversation: marked as the team's, never sent to the customer. */
export function NoteLine({ note }: { note: NoteDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <div className="note-line" data-testid="note-line" data-note-id={note.id}>
      <span className="note-line-label">{t('notes.inTimeline')}</span>
      <time className="muted" title={formatFullDate(note.createdAt, language)}>
        {formatMessageTime(note.createdAt, language)}
      </time>
      <span className="note-line-text">{note.text}</span>
    </div>
  );
}
