import { AppError } from '../../../shared/errors';
import type { HandlerDeps, HandlersFor } from './handler-deps';

export function createSearchHandlers(_deps: HandlerDeps): HandlersFor<'search.query'> {
  return {
    'search.query': () => {
      throw new AppError('INTERNAL', 'search.query is being built');
    },
  };
}
