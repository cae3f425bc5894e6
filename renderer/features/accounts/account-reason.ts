import { useTranslation } from 'react-i18next';
import { accountReasonCodes, type AccountReasonCode } from '../../../shared/contract';
import { useRawProblemText } from '../../ui/RawProblem';

const reasonCodeSet = new Set<string>(Object.values(accountReasonCodes));
export const isReasonCode = (reason: string): reason is AccountReasonCode => reasonCodeSet.has(reason);

/**
 * An account's reason as a sentence: our own reasons are codes to translate; WhatsApp's and the
 * network's own words become one of a few causes (the raw text goes in a "Detalles" fold).
 */
export function useAccountReasonText(): (reason: string) => string {
  const { t } = useTranslation();
  const rawText = useRawProblemText();
  return (reason: string) => (isReasonCode(reason) ? t(`reasons.${reason}`) : rawText('connection', reason));
}
