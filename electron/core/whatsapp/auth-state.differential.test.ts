import { useMultiFileAuthState, type SignalDataSet, type SignalKeyStore } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../secrets/secret-box';
import { comparable } from '../testing/comparable';
import { pick, seededRandom } from '../testing/seeded-random';
import { keyTypes, sampleKeyValue } from '../testing/signal-keys';
import { tempDir } from '../testing/temp-dir';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { createSqliteAuthState } from './auth-state';

// Ids without '/' or ':' (Baileys' file store renames those) so both stores address the same keys.
const ids = ['1', '2', '17', '5215512345678@s.whatsapp.net', '204882711234567@lid', 'AAAAAQ==', '34612345678.0'];

/** Baileys answers null for a missing id; ours leaves it out. Both mean "absent". */
const present = (result: Record<string, unknown>) =>
  comparable(Object.fromEntries(Object.entries(result).filter(([, v]) => v !== null && v !== undefined)));

describe('SQLite auth state against Baileys useMultiFileAuthState', () => {
  it.each([1, 2, 3])('answers every get like Baileys does over a seeded random sequence (seed %i)', async (seed) => {
    const baileys: SignalKeyStore = (await useMultiFileAuthState(tempDir('mostrador-baileys-auth-'))).state.keys;
    const { db } = openTestDatabase();
    addAccount(db, 'acc-1');
    const ours = createSqliteAuthState(db, createSecretBox(randomBytes(32)), 'acc-1').state.keys;
    const random = seededRandom(seed);
    let gets = 0;
    let hits = 0;

    for (let step = 0; step < 300; step++) {
      if (random() < 0.5) {
        const data: SignalDataSet = {};
        const typesInSet = 1 + Math.floor(random() * 3);
        for (let t = 0; t < typesInSet; t++) {
          const type = pick(random, keyTypes);
          const entries: Record<string, unknown> = (data[type] as Record<string, unknown> | undefined) ?? {};
          for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
            entries[pick(random, ids)] = random() < 0.3 ? null : sampleKeyValue(type, random);
          }
          (data as Record<string, unknown>)[type] = entries;
        }
        await baileys.set(data);
        await ours.set(data);
      } else {
        const type = pick(random, keyTypes);
        const wanted = ids.filter(() => random() < 0.5);
        const expected = present(await baileys.get(type, wanted));
        const actual = present(await ours.get(type, wanted));
        expect(actual, `step ${step}: get ${type} [${wanted.join(', ')}]`).toEqual(expected);
        gets += 1;
        hits += Object.keys(expected as object).length;
      }
    }
    // The sequence must actually exercise stored values, not only misses.
    expect(gets).toBeGreaterThan(100);
    expect(hits).toBeGreaterThan(50);
  });
});
