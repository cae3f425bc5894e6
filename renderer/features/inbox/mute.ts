export const muteChoices = ['1h', '8h', '1w', 'forever'] as const;
export type MuteChoice = (typeof muteChoices)[number];

/** The largest time a JavaScript Date can hold: "muted forever" (the contract has no other sentinel). */
export const MUTED_FOREVER = 8_640_000_000_000_000;

const HOUR = 3_600_000;
const durations: Record<Exclude<MuteChoice, 'forever'>, number> = { '1h': HOUR, '8h': 8 * HOUR, '1w': 7 * 24 * HOUR };

/** The `mutedUntil` to send for a choice made at `now` (epoch ms). */
export function mutedUntilFor(choice: MuteChoice, now: number): number {
  return choice === 'forever' ? MUTED_FOREVER : now + durations[choice];
}

export function isMuted(mutedUntil: number | null, now: number): boolean {
  return mutedUntil !== null && mutedUntil > now;
}

/** Muted with no end a person would live to see (shown as "Muted" rather than a date). */
export function isMutedForever(mutedUntil: number | null): boolean {
  return mutedUntil !== null && mutedUntil >= MUTED_FOREVER / 2;
}
