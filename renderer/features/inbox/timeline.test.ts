import { describe, expect, it } from 'vitest';
import type { MessageDto, NoteDto } from '../../../shared/contract';
import { interleaveNotes } from './timeline';

const message = (id: number, timestamp: number) => ({ id, timestamp }) as MessageDto;
const note = (id: number, createdAt: number): NoteDto => ({ id, chatId: 1, text: `nota ${id}`, createdAt });
const order = (items: ReturnType<typeof interleaveNotes>) => items.map((i) => (i.kind === 'message' ? `m${i.message.id}` : `n${i.note.id}`));

describe('interleaveNotes', () => {
  it('puts each note between the messages around its time, the newest after the last message', () => {
    expect(order(interleaveNotes([message(1, 100), message(2, 200), message(3, 300)], [note(9, 350), note(7, 150), note(8, 150)], true))).toEqual([
      'm1', 'n7', 'n8', 'm2', 'm3', 'n9',
    ]);
  });

  it('holds back notes older than the first message shown while older pages are not loaded', () => {
    const messages = [message(5, 500), message(6, 600)];
    expect(order(interleaveNotes(messages, [note(1, 100), note(2, 550)], false))).toEqual(['m5', 'n2', 'm6']);
    expect(order(interleaveNotes(messages, [note(1, 100), note(2, 550)], true))).toEqual(['n1', 'm5', 'n2', 'm6']);
  });

  it('shows the notes of a chat with no messages', () => {
    expect(order(interleaveNotes([], [note(1, 100)], false))).toEqual(['n1']);
  });
});
