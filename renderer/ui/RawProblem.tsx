import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { rawProblemOf, type RawProblemKind } from './raw-problem';

/** The translated sentence for a library's raw error text (for a tooltip or a label). */
export function useRawProblemText(): (kind: RawProblemKind, raw: string) => string {
  const { t } = useTranslation();
  return useCallback((kind: RawProblemKind, raw: string) => t(`problems.${kind}.${rawProblemOf(kind, raw)}` as 'problems.send.failed'), [t]);
}

/**
 * The words behind a translated sentence, folded away ("Detalles"): what the library or the
 * provider said, for whoever helps the person. Never shown open; the sentence comes first.
 */
export function ProblemDetails({ raw, testId = 'problem-details' }: { raw: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <details className="problem-details" data-testid={testId}>
      <summary>{t('problems.details')}</summary>
      <code className="selectable">{raw}</code>
    </details>
  );
}

/** A raw error as its translated sentence followed by the raw text in a "Detalles" fold. */
export function RawProblem({ kind, raw, testId }: { kind: RawProblemKind; raw: string; testId?: string }) {
  const text = useRawProblemText();
  return (
    <>
      <span data-testid={testId} data-problem={rawProblemOf(kind, raw)}>
        {text(kind, raw)}
      </span>
      <ProblemDetails raw={raw} {...(testId ? { testId: `${testId}-details` } : {})} />
    </>
  );
}
