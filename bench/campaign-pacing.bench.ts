// The gaps the scheduler actually produces under fake time, against the configured distribution:
// the default pacing (wait uniform 20–45 s, "typing…" uniform 2–4 s, a 5–10 min pause every 25
// messages) for one account sending 2,000 messages with no caps in the way. The baseline is the
// configured distribution itself: its mean and standard deviation, and the Kolmogorov–Smirnov
// distance of the produced waits from it (small = the same distribution).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCampaignPacing } from '../shared/contract';
import { openDatabase } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { allDayWindow, campaignRig, csvBase64, fastPacing } from '../electron/core/testing/campaign-harness';

const SENDS = Number(process.env.BENCH_SENDS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-pacing-'));
const db = openDatabase(join(dir, 'pacing.sqlite'));
const orm = toOrm(db);
const rig = campaignRig(db, orm, { seed: 42 });
const pacing = fastPacing({ ...defaultCampaignPacing, warmup: false, hourlyCap: 10_000, dailyCap: 100_000 });
await rig.service.parseFile({ draftId: 'pacing', fileName: 'p.csv', dataBase64: csvBase64(Array.from({ length: SENDS }, (_, i) => [`+52 55 ${50_000_000 + i}`, `C${i}`])) });
await rig.service.create({ name: 'Pacing', audience: { kind: 'file', draftId: 'pacing', phoneColumns: [0], variables: [] }, template: 'Hola', accountIds: ['a1'], pacing, window: allDayWindow });
while (rig.sentAt.length < SENDS) await rig.advance(60_000, 500);
rig.runner.stop();
rig.service.stop();
const queued = db.prepare('SELECT queued_at FROM campaign_recipients WHERE queued_at IS NOT NULL ORDER BY queued_at').pluck().all() as number[];
db.close();
rmSync(dir, { recursive: true, force: true });

// The wait is from one message's hand-over to "typing…" for the next; typing runs until its hand-over.
const typingStarts = rig.presence.map((p) => p.at);
const waits: number[] = [];
const longPauses: number[] = [];
const typing: number[] = [];
for (let i = 1; i < queued.length; i += 1) {
  const wait = (typingStarts[i]! - queued[i - 1]!) / 1000;
  typing.push((queued[i]! - typingStarts[i]!) / 1000);
  // After the 25th, 50th… message of the account the wait includes the long pause.
  if (i % pacing.pauseEvery === 0) longPauses.push(wait);
  else waits.push(wait);
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: xs.length, mean: +mean.toFixed(2), sd: +sd.toFixed(2), min: +sorted[0]!.toFixed(2), p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +sorted.at(-1)!.toFixed(2) };
};
const uniform = (lo: number, hi: number) => ({ mean: (lo + hi) / 2, sd: +((hi - lo) / Math.sqrt(12)).toFixed(2), min: lo, max: hi });
/** Largest gap between the empirical CDF and the uniform one. */
const ks = (xs: number[], lo: number, hi: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const cdf = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
    d = Math.max(d, Math.abs((i + 1) / sorted.length - cdf), Math.abs(i / sorted.length - cdf));
  });
  return +d.toFixed(4);
};
const pauseLo = pacing.minDelaySec + pacing.pauseMinSec;
const pauseHi = pacing.maxDelaySec + pacing.pauseMaxSec;

console.log(
  JSON.stringify({
    bench: 'campaign-pacing',
    sends: queued.length,
    wait: { produced: stats(waits), configured: uniform(pacing.minDelaySec, pacing.maxDelaySec), ks: ks(waits, pacing.minDelaySec, pacing.maxDelaySec) },
    typing: { produced: stats(typing), configured: uniform(2, 4), ks: ks(typing, 2, 4) },
    longPause: { produced: stats(longPauses), configuredRange: [pauseLo, pauseHi], everyMessages: pacing.pauseEvery },
    // KS critical value at 1 % for this many samples: a distance under it means "same distribution".
    ksCritical1pct: +(1.628 / Math.sqrt(waits.length)).toFixed(4),
    distinctWaitsSec: new Set(waits.map((w) => Math.round(w))).size,
  }),
);
