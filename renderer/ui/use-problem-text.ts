import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../features/accounts/simulate-form';

/** The translated sentence for a form field's problem (checked with the contract's schema). */
export function useProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined): string | null => {
    if (!problem) return null;
    switch (problem.key) {
      case 'form.tooShort':
        return t(problem.key, { min: problem.min });
      case 'form.tooLong':
        return t(problem.key, { max: problem.max });
      default:
        return t(problem.key);
    }
  };
}
