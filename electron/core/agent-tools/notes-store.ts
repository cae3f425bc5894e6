import { asc, eq } from 'drizzle-orm';
import type { NoteDto } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { notes } from '../db/schema';

const columns = { id: notes.id, chatId: notes.chatId, text: notes.text, createdAt: notes.createdAt };

/** The chat's private notes, oldest first (they read like the conversation beside them). */
export function listNotes(orm: Orm, chatId: number): NoteDto[] {
  return orm.select(columns).from(notes).where(eq(notes.chatId, chatId)).orderBy(asc(notes.createdAt), asc(notes.id)).all();
}

export function addNote(orm: Orm, chatId: number, text: string, now: number): NoteDto {
  return orm.insert(notes).values({ chatId, text, createdAt: now }).returning(columns).get();
}

/** The deleted note (its chat is needed to tell the renderer), or undefined when there was none. */
export function deleteNote(orm: Orm, id: number): NoteDto | undefined {
  return orm.delete(notes).where(eq(notes.id, id)).returning(columns).get();
}
