import type { AssistantDayStatsDto } from '../../../shared/contract';

/** The days' figures added up (the card shows the last 30 days). */
export function statsTotals(days: readonly AssistantDayStatsDto[]) {
  return days.reduce(
    (sum, d) => ({
      answers: sum.answers + d.answers,
      handovers: sum.handovers + d.handovers,
      failures: sum.failures + d.failures,
      tokens: sum.tokens + d.promptTokens + d.completionTokens,
      costUsd: sum.costUsd + d.costUsd,
    }),
    { answers: 0, handovers: 0, failures: 0, tokens: 0, costUsd: 0 },
  );
}
