import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAudienceDrafts, estimatedDraftBytes, type AudienceDraft } from './audience-drafts';
import { parseAudienceFile } from './audience-file';

async function draftOf(rows: number, cell = 'Cliente con un nombre largo'): Promise<AudienceDraft> {
  const csv = ['nombre,telefono', ...Array.from({ length: rows }, (_, i) => `${cell} ${i},+52 55 ${String(10_000_000 + i)}`)].join('\n');
  return { fileName: 'clientes.csv', file: await parseAudienceFile(Buffer.from(csv), 'clientes.csv'), readings: new Map() };
}

afterEach(() => vi.useRealTimers());

describe('audience drafts', () => {
  it('estimates a parsed file by its strings, not by its row count', async () => {
    const short = await draftOf(1000, 'A');
    const long = await draftOf(1000, 'A'.repeat(200));
    expect(estimatedDraftBytes(long.file)).toBeGreaterThan(estimatedDraftBytes(short.file) * 2);
  });

  it('keeps drafts within a byte budget: a big file pushes the oldest out, small ones live together', async () => {
    const small = await draftOf(100);
    const big = await draftOf(20_000);
    const budget = estimatedDraftBytes(big.file) + 3 * estimatedDraftBytes(small.file);
    const drafts = createAudienceDrafts({ maxBytes: budget });
    for (const id of ['a', 'b', 'c', 'd', 'e']) drafts.set(id, small);
    // Five small files fit where the old count cap kept four.
    expect([...drafts.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    drafts.set('big', big);
    expect(drafts.has('big')).toBe(true);
    expect(drafts.has('a')).toBe(false);
    expect(drafts.calculatedSize).toBeLessThanOrEqual(budget);
  });

  it('keeps a file larger than the whole budget, alone', async () => {
    const drafts = createAudienceDrafts({ maxBytes: 1000 });
    drafts.set('small', await draftOf(1));
    drafts.set('huge', await draftOf(5000));
    expect([...drafts.keys()]).toEqual(['huge']);
  });

  it('drops a draft left untouched for its time to live, and keeps one in use', async () => {
    const draft = await draftOf(10);
    vi.useFakeTimers();
    let clock = 1_000_000; // lru-cache reads a start time of 0 as "no time to live"
    const drafts = createAudienceDrafts({ ttlMs: 60_000, now: () => clock });
    drafts.set('left', draft);
    drafts.set('used', draft);
    for (let t = 0; t < 4; t++) {
      clock += 25_000;
      vi.advanceTimersByTime(25_000);
      expect(drafts.get('used')).toBeDefined();
    }
    expect(drafts.has('left')).toBe(false);
    expect(drafts.size).toBe(1);
  });
});
