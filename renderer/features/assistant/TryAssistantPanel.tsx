import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TryResultDto, TryTurn } from '../../../shared/contract';
import { useTryAssistant } from '../../api/hooks/use-assistant';
import { useErrorText } from '../../ui/error-text';
import { SendIcon } from '../../ui/icons';

type Line = TryTurn | { from: 'handover'; text: string } | { from: 'problem'; text: string };

/** A chat with the account's saved assistant, without WhatsApp: nothing is sent to anyone. */
export function TryAssistantPanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const tryIt = useTryAssistant();
  const [lines, setLines] = useState<Line[]>([]);
  const [draft, setDraft] = useState('');

  const turns = (list: readonly Line[]): TryTurn[] => list.filter((l): l is TryTurn => l.from === 'customer' || l.from === 'assistant').slice(-29);

  const linesFor = (result: TryResultDto): Line[] => {
    if (result.problem) return [{ from: 'problem', text: t(`assistant.problems.${result.problem}`) }];
    if (result.handover) return [{ from: 'handover', text: result.handoverNote ? t('assistant.tryHandoverWhy', { why: result.handoverNote }) : t('assistant.tryHandover') }];
    return result.replies.map((text) => ({ from: 'assistant' as const, text }));
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || tryIt.isPending) return;
    const next: Line[] = [...lines, { from: 'customer', text }];
    setLines(next);
    setDraft('');
    tryIt.mutate({ accountId, turns: turns(next) }, { onSuccess: (result) => setLines((current) => [...current, ...linesFor(result)]) });
  };

  return (
    <section className="settings-section try-panel" data-testid="try-panel" aria-labelledby="try-title">
      <div className="try-heading">
        <h2 id="try-title">{t('assistant.tryTitle')}</h2>
        <button type="button" className="btn btn-link" data-testid="try-reset" disabled={lines.length === 0} onClick={() => setLines([])}>
          {t('assistant.tryReset')}
        </button>
      </div>
      <p className="field-hint">{t('assistant.tryHint')}</p>
      <ol className="try-lines" data-testid="try-lines" aria-live="polite">
        {lines.map((line, index) => (
          <li key={index} className={`try-line try-${line.from}`} data-testid={`try-${line.from}`}>
            {line.text}
          </li>
        ))}
        {tryIt.isPending && (
          <li className="try-line try-typing muted" data-testid="try-typing">
            {t('assistant.tryTyping')}
          </li>
        )}
      </ol>
      {tryIt.error && (
        <p className="form-error" role="alert" data-testid="try-error">
          {errorText(tryIt.error)}
        </p>
      )}
      <form className="try-composer" onSubmit={send}>
        <input
          data-testid="try-input"
          value={draft}
          maxLength={4096}
          placeholder={t('assistant.tryPlaceholder')}
          aria-label={t('assistant.tryPlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="btn btn-primary btn-icon" data-testid="try-send" disabled={!draft.trim() || tryIt.isPending} aria-label={t('assistant.trySend')} title={t('assistant.trySend')}>
          <SendIcon />
        </button>
      </form>
    </section>
  );
}
