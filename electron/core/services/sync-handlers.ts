import { AppError } from '../../../shared/errors';
import type { HandlerDeps, HandlersFor } from './handler-deps';

/** Settings → Central server: enrol with a server, see how sync goes, turn it off. */
export function createSyncHandlers({ sync }: HandlerDeps): HandlersFor<'sync.status' | 'sync.connect' | 'sync.disconnect'> {
  const engine = () => {
    if (!sync) throw new AppError('UNSUPPORTED', 'This build has no central server sync.');
    return sync;
  };
  return {
    'sync.status': () => engine().status(),
    'sync.connect': (request) => engine().connect(request),
    'sync.disconnect': () => engine().disconnect(),
  };
}
