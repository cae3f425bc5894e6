import { AppError } from '../../../shared/errors';
import { getAccountRow } from '../accounts/account-store';
import { practiceCarriesNoFiles } from '../accounts/practice-limits';
import type { HandlerDeps, HandlersFor } from './handler-deps';
import { requireChat } from './require-chat';

type MessageMethods = 'messages.send' | 'messages.sendMedia' | 'messages.cancel' | 'messages.retryMedia';

/** Sending goes through the outbox (stored at once, sent in order when connected); files through the media downloader. */
export function createMessageHandlers({ orm, outbox, media }: HandlerDeps): HandlersFor<MessageMethods> {
  // Optional in HandlerDeps so harnesses of other areas need not build them; the core always does.
  const wired = <T>(part: T | undefined, name: string): T => {
    if (!part) throw new AppError('INTERNAL', `The ${name} is not running`);
    return part;
  };
  return {
    'messages.send': (request) => wired(outbox, 'outbox').queueText(request),
    'messages.sendMedia': (request) => {
      // The local practice server has no media upload: refuse plainly instead of a send that would
      // drop the practice connection and hold the queue behind it.
      if (getAccountRow(orm, requireChat(orm, request.chatId).accountId)?.kind === 'practice') {
        throw practiceCarriesNoFiles();
      }
      return wired(outbox, 'outbox').queueMedia(request);
    },
    'messages.cancel': ({ messageId }) => wired(outbox, 'outbox').cancel(messageId),
    'messages.retryMedia': ({ messageId }) => wired(media, 'media downloader').retry(messageId),
  };
}
