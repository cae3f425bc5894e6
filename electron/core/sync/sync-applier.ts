import { eq, sql } from 'drizzle-orm';
import type { PulledEvent, SyncPayload } from '../../../shared/sync/protocol';
import { sameName } from '../agent-tools/unique-name';
import { listLabels, setChatLabels } from '../agent-tools/labels-store';
import { addNote, deleteNote } from '../agent-tools/notes-store';
import type { Orm } from '../db/orm';
import { chats, labels, syncNoteKeys } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import { chatDto, getChat, upsertChat } from '../inbox/chat-store';
import { localAccountOf, localChatOf } from './chat-refs';
import { digestOf, rememberChatDigest, sharedStateOf } from './sync-recorder';

type Emit = EventBus['emit'];

/** The local chat another workstation's change is about; created (empty) when only they have talked to this customer so far. */
function chatFor(orm: Orm, ref: { account: string; jid: string }): number | undefined {
  const accountId = localAccountOf(orm, ref.account);
  if (!accountId) return undefined;
  return localChatOf(orm, accountId, ref.jid) ?? upsertChat(orm, accountId, ref.jid).id;
}

function labelIdsFor(orm: Orm, wanted: SyncPayload<'chatState'>['labels'], now: number, emit: Emit): number[] {
  const known = listLabels(orm);
  return wanted.map((label) => {
    const found = known.find((l) => sameName(l.name, label.name));
    if (found) return found.id;
    const created = orm.insert(labels).values({ name: label.name, color: label.color, createdAt: now }).returning({ id: labels.id, name: labels.name, color: labels.color }).get();
    known.push(created);
    emit('labels.upserted', created);
    return created.id;
  });
}

/**
 * Applies one change made on another workstation to the local store (call inside a transaction,
 * with recording off) and tells the inbox through the usual events. Replaying one is harmless.
 */
export function applyPulledEvent(orm: Orm, event: PulledEvent, now: number, emit: Emit): void {
  if (event.kind === 'chatState') {
    const chatId = chatFor(orm, event.payload);
    if (chatId === undefined) return;
    orm.update(chats).set({ status: event.payload.status, assignedTo: event.payload.assignedTo }).where(eq(chats.id, chatId)).run();
    setChatLabels(orm, chatId, labelIdsFor(orm, event.payload.labels, now, emit));
    const chat = chatDto(orm, getChat(orm, chatId)!);
    rememberChatDigest(orm, chatId, digestOf(sharedStateOf(orm, chat)));
    emit('chats.upserted', chat);
  } else if (event.kind === 'noteAdded') {
    const known = orm.select().from(syncNoteKeys).where(eq(syncNoteKeys.key, event.payload.key)).get();
    if (known) return;
    const chatId = chatFor(orm, event.payload);
    if (chatId === undefined) return;
    const note = addNote(orm, chatId, event.payload.text, event.payload.at);
    orm.insert(syncNoteKeys).values({ noteId: note.id, key: event.payload.key }).run();
    emit('notes.upserted', note);
  } else if (event.kind === 'noteDeleted') {
    const known = orm.delete(syncNoteKeys).where(sql`${syncNoteKeys.key} = ${event.payload.key}`).returning().get();
    const note = known && deleteNote(orm, known.noteId);
    if (note) emit('notes.removed', { id: note.id, chatId: note.chatId });
  }
}
