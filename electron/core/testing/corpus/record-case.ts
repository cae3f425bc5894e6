import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openWireSocket } from '../wire-socket';
import { CORPUS_BASE_SECONDS, type CorpusCase } from './corpus-cases';
import type { CorpusFile } from './corpus-file';

const baileysVersion = (): string => {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('@whiskeysockets/baileys/package.json'), 'utf8')) as { version: string }).version;
};

/** One case through a fresh real Baileys socket: the batches it emitted, ready to save. */
export async function recordCase(corpusCase: CorpusCase): Promise<CorpusFile> {
  const wire = await openWireSocket();
  try {
    for (const step of corpusCase.steps) {
      if ('node' in step) await wire.push(step.node, { expectEvents: step.expectEvents });
      else await wire.push(step);
    }
    return { baileys: baileysVersion(), case: corpusCase.name, about: corpusCase.about, baseSeconds: CORPUS_BASE_SECONDS, batches: [...wire.batches] };
  } finally {
    await wire.close();
  }
}
