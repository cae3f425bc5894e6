// Records the real-traffic corpus: every case in corpus-cases.ts goes through a real Baileys socket
// (only Signal faked) and its event batches land in electron/core/testing/corpus/<case>.json.
// Usage: npx tsx scripts/record-corpus.ts      (run again after upgrading Baileys; review the diff)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordCase } from '../electron/core/testing/corpus/record-case';
import { corpusCases } from '../electron/core/testing/corpus/corpus-cases';
import { encodeCorpus } from '../electron/core/testing/corpus/corpus-file';

const folder = 'electron/core/testing/corpus';
for (const corpusCase of corpusCases) {
  const file = await recordCase(corpusCase);
  writeFileSync(join(folder, `${corpusCase.name}.json`), encodeCorpus(file));
  console.log(`${corpusCase.name}: ${file.batches.length} batches`);
}
process.exit(0);
