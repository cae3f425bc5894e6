import { describe, expect, it } from 'vitest';
import { openInboxHarness } from '../testing/inbox-harness';
import { pick, seededRandom } from '../testing/seeded-random';
import { customerJid, waMessage } from '../testing/wa-messages';
import { searchInbox, toFtsQuery } from './search-store';

// Whatever a person (or a hostile page) types into the search box is a query SQLite can run.
const SEED = Number(process.env.MOSTRADOR_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Pieces that have broken FTS5 queries: controls (NUL first), quotes, operators, lone surrogates, combining marks. */
const pieces = ['\u0000', '\u0001', '\u001f', '\u007f', '\t', '\n', '"', '""', '*', '(', ')', '-', '+', '^', ':', 'NEAR', 'AND', 'OR', 'NOT', '\ud800', '\udc00', '\u0301', '\u200d', '\u202e', '\ufeff', 'ñ', '🙂', 'pan', 'Ñandú', ' ', '  '];

function hostileText(random: () => number): string {
  let text = '';
  for (let n = 1 + Math.floor(random() * 8); n > 0; n--) {
    text += random() < 0.7 ? pick(random, pieces) : String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return text;
}

describe(`search query builder under hostile input (seed ${SEED})`, () => {
  it('turns a NUL or any other control character into a word break, never into the query', () => {
    expect(toFtsQuery('pan\u0000dulce')).toBe('"pan" "dulce"*');
    expect(toFtsQuery('\u0000\u0007')).toBeNull();
  });

  it('answers 3,000 hostile searches against a real index without an SQLite error', async () => {
    const t = openInboxHarness();
    await t.ingest.ingestUpsert(
      t.accountId,
      [waMessage({ id: 'F1', remoteJid: customerJid, message: { conversation: 'pan dulce de Ñandú 🙂' }, seconds: 1_700_000_001, pushName: 'Ana' })],
      'notify',
    );
    const random = seededRandom(SEED);
    const failures: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const text = hostileText(random);
      try {
        searchInbox(t.orm, { text, limit: 5 });
      } catch (error) {
        failures.push(`${JSON.stringify(text)}: ${(error as Error).message}`);
      }
    }
    expect(failures, `replay with MOSTRADOR_FUZZ_SEED=${SEED}`).toEqual([]);
    // The index still finds what it should after all of that.
    expect(searchInbox(t.orm, { text: 'pan\u0000dulce', limit: 5 }).messages.map((h) => h.message.waId)).toEqual(['F1']);
  });
});
