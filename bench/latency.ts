// Shared by the inbox benches: per-call latencies summarised the same way everywhere.
import { loadavg } from 'node:os';

export interface Summary {
  calls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round = (ms: number) => Number(ms.toFixed(3));

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN);
  return { calls: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted.at(-1) ?? Number.NaN) };
}

/** Milliseconds since `t0` (a process.hrtime.bigint() reading). */
export const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** The 1-, 5- and 15-minute load averages, so a reader can tell a busy machine from a slow path. */
export const loadAverage = () => loadavg().map((l) => Number(l.toFixed(2)));
