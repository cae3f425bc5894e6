import { existsSync, readFileSync } from 'node:fs';

/** Texts our Baileys socket sent, as the practice server recorded them. */
export function recordedOutboundTexts(recorderPath: string): string[] {
  if (!existsSync(recorderPath)) return [];
  return readFileSync(recorderPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { body?: { key?: { fromMe?: boolean }; message?: { conversation?: string; extendedTextMessage?: { text?: string } } } })
    .filter((entry) => entry.body?.key?.fromMe === true)
    .map((entry) => entry.body?.message?.conversation ?? entry.body?.message?.extendedTextMessage?.text ?? '');
}
