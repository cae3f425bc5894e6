import type { BaileysEventMap } from '@whiskeysockets/baileys';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSocket } from '../fake-socket';
import { decodeCorpus, shiftTimes, type CorpusFile } from './corpus-file';

const folder = join(import.meta.dirname, '.');

/** A recorded case as the socket emitted it, its times moved so it happened `agoSeconds` ago. */
export function loadCase(name: string, agoSeconds = 60): CorpusFile {
  const file = decodeCorpus(readFileSync(join(folder, `${name}.json`), 'utf8'));
  const delta = Math.floor(Date.now() / 1000) - agoSeconds - file.baseSeconds;
  return { ...file, batches: shiftTimes(file.batches, delta) };
}

/** Emits each batch's events on the fake socket in the order Baileys' buffer hands them to listeners. */
export function replayInto(socket: FakeSocket, file: CorpusFile): void {
  for (const batch of file.batches) {
    for (const [event, data] of Object.entries(batch) as [keyof BaileysEventMap, never][]) socket.ev.emit(event, data);
  }
}
