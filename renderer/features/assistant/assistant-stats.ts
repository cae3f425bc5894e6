import type { AssistantDayStatsDto, StatsPeriod } from '../../../shared/contract';
import { statsPeriodFor } from '../stats/period';

type Counted = Pick<AssistantDayStatsDto, 'answers' | 'handovers' | 'failures'>;

/**
 * What the assistant card and the Stats screen both show for a day or a period. A failed call
 * hands the chat to a person just as a keyword or the model does, and the chat's pill says so,
 * so people count it as a handover: `handovers` includes the failures, and `failures` says how
 * many of them came from a failed call. The core books failures apart (old rows too), so adding
 * them here counts every day, old or new, the same way; both screens go through this only.
 */
export function assistantCounters(figures: Counted): { answers: number; handovers: number; failures: number } {
  return { answers: figures.answers, handovers: figures.handovers + figures.failures, failures: figures.failures };
}

/** The assistant card's period: Stats' "30 days" for one number, built by the same function. */
export const assistantCardPeriod = (accountId: string, today: string): StatsPeriod => statsPeriodFor('30d', today, { accountId })!;
