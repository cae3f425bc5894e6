import type { MessageDto, NoteDto } from '../../../shared/contract';

export type TimelineItem = { kind: 'message'; message: MessageDto } | { kind: 'note'; note: NoteDto };

/**
 * The conversation with the team's private notes between its messages, by time. A note older
 * than the first message shown waits until the older pages are loaded (`complete`), so it never
 * sits at the top of a chat whose beginning is not on screen.
 */
export function interleaveNotes(messages: readonly MessageDto[], notes: readonly NoteDto[], complete: boolean): TimelineItem[] {
  const first = messages[0]?.timestamp;
  const shown = [...notes].filter((n) => complete || first === undefined || n.createdAt >= first).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const items: TimelineItem[] = [];
  let next = 0;
  for (const message of messages) {
    while (next < shown.length && shown[next]!.createdAt < message.timestamp) items.push({ kind: 'note', note: shown[next++]! });
    items.push({ kind: 'message', message });
  }
  while (next < shown.length) items.push({ kind: 'note', note: shown[next++]! });
  return items;
}
