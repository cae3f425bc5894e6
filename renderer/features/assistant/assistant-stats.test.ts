import { describe, expect, it } from 'vitest';
import { statsTotals } from './assistant-stats';

describe('assistant stats totals', () => {
  it('adds the days up, counting prompt and completion tokens together', () => {
    const day = (answers: number, cost: number) => ({ day: '2026-11-23', answers, handovers: 1, failures: 0, promptTokens: 100, completionTokens: 20, costUsd: cost });
    expect(statsTotals([day(3, 0.001), day(2, 0.0005)])).toEqual({ answers: 5, handovers: 2, failures: 0, tokens: 240, costUsd: 0.0015 });
    expect(statsTotals([])).toMatchObject({ answers: 0, tokens: 0 });
  });
});
