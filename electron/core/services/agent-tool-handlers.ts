import { AppError } from '../../../shared/errors';
import type { HandlerDeps, HandlersFor } from './handler-deps';

type AgentToolMethods =
  | 'chats.update'
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

export function createAgentToolHandlers(_deps: HandlerDeps): HandlersFor<AgentToolMethods> {
  const notYet = (method: string) => () => {
    throw new AppError('INTERNAL', `${method} is being built`);
  };
  return {
    'chats.update': notYet('chats.update'),
    'chats.setLabels': notYet('chats.setLabels'),
    'labels.list': notYet('labels.list'),
    'labels.save': notYet('labels.save'),
    'labels.delete': notYet('labels.delete'),
    'notes.list': notYet('notes.list'),
    'notes.add': notYet('notes.add'),
    'notes.delete': notYet('notes.delete'),
    'quickReplies.list': notYet('quickReplies.list'),
    'quickReplies.save': notYet('quickReplies.save'),
    'quickReplies.delete': notYet('quickReplies.delete'),
    'inbox.counts': notYet('inbox.counts'),
  };
}
