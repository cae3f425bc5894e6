import { searchInbox } from '../inbox/search-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';

export function createSearchHandlers({ orm }: HandlerDeps): HandlersFor<'search.query'> {
  return {
    'search.query': (request) => searchInbox(orm, request),
  };
}
