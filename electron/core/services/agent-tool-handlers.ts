import { readInboxCounts } from '../agent-tools/inbox-counts';
import { deleteLabel, listLabels, saveLabel, setChatLabels } from '../agent-tools/labels-store';
import { addNote, deleteNote, listNotes } from '../agent-tools/notes-store';
import { deleteQuickReply, listQuickReplies, saveQuickReply } from '../agent-tools/quick-replies-store';
import { assignChat, chatDto, chatDtos, getChat, updateChat, type ChatRow } from '../inbox/chat-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type AgentToolMethods =
  | 'chats.update'
  | 'chats.assign'
  | 'chats.setLabels'
  | 'labels.list'
  | 'labels.save'
  | 'labels.delete'
  | 'notes.list'
  | 'notes.add'
  | 'notes.delete'
  | 'quickReplies.list'
  | 'quickReplies.save'
  | 'quickReplies.delete'
  | 'inbox.counts';

/** The agent's tools: workflow state, labels, private notes, quick replies, unread totals. */
export function createAgentToolHandlers({ orm, bus }: HandlerDeps, clock: { now(): number } = { now: Date.now }): HandlersFor<AgentToolMethods> {
  const publishChat = (row: ChatRow) => {
    const chat = chatDto(orm, row);
    bus.emit('chats.upserted', chat);
    return chat;
  };

  return {
    'chats.update': ({ chatId, ...changes }) => {
      requireChat(orm, chatId);
      return publishChat(updateChat(orm, chatId, changes, clock.now())!);
    },
    'chats.assign': ({ chatId, assignedTo }) => {
      requireChat(orm, chatId);
      return publishChat(assignChat(orm, chatId, assignedTo)!);
    },
    'chats.setLabels': ({ chatId, labelIds }) => {
      requireChat(orm, chatId);
      setChatLabels(orm, chatId, labelIds);
      return publishChat(getChat(orm, chatId)!);
    },

    'labels.list': () => listLabels(orm),
    'labels.save': (input) => {
      const label = saveLabel(orm, input, clock.now());
      bus.emit('labels.upserted', label);
      return label;
    },
    'labels.delete': ({ id }) => {
      const { deleted, chatIds } = deleteLabel(orm, id);
      if (deleted) {
        bus.emit('labels.removed', { id });
        const rows = chatIds.map((chatId) => getChat(orm, chatId)).filter((row): row is ChatRow => row !== undefined);
        for (const chat of chatDtos(orm, rows)) bus.emit('chats.upserted', chat);
      }
      return { deleted };
    },

    'notes.list': ({ chatId }) => {
      requireChat(orm, chatId);
      return listNotes(orm, chatId);
    },
    'notes.add': ({ chatId, text }) => {
      requireChat(orm, chatId);
      const note = addNote(orm, chatId, text, clock.now());
      bus.emit('notes.upserted', note);
      return note;
    },
    'notes.delete': ({ id }) => {
      const note = deleteNote(orm, id);
      if (note) bus.emit('notes.removed', { id: note.id, chatId: note.chatId });
      return { deleted: note !== undefined };
    },

    'quickReplies.list': () => listQuickReplies(orm),
    'quickReplies.save': (input) => {
      const reply = saveQuickReply(orm, input, clock.now());
      bus.emit('quickReplies.upserted', reply);
      return reply;
    },
    'quickReplies.delete': ({ id }) => {
      const deleted = deleteQuickReply(orm, id);
      if (deleted) bus.emit('quickReplies.removed', { id });
      return { deleted };
    },

    'inbox.counts': () => readInboxCounts(orm, clock.now()),
  };
}
