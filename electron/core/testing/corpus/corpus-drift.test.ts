import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusCases } from './corpus-cases';
import { encodeCorpus } from './corpus-file';
import { recordCase } from './record-case';

// The saved corpus is what today's Baileys (with our patches) really emits: recorded again, each
// case must come out byte for byte the same. After a Baileys upgrade this fails on every shape
// that changed; re-record (`npx tsx scripts/record-corpus.ts`) and read the diff before accepting it.
describe('the real-traffic corpus', () => {
  it.each(corpusCases.map((c) => [c.name]))('%s is what Baileys emits today', async (name) => {
    const saved = readFileSync(join(import.meta.dirname, `${name}.json`), 'utf8');
    expect(encodeCorpus(await recordCase(corpusCases.find((c) => c.name === name)!))).toBe(saved);
  });
});
