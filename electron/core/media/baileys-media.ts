import { downloadMediaMessage, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { MediaFetcher, Reupload } from './media-downloader';

/**
 * The real download: WhatsApp's CDN, decrypted by Baileys as it streams. An expired CDN copy
 * (404/410) is asked again from the sender's phone through the live socket, when there is one.
 */
export function baileysMediaFetcher(logger: Logger): MediaFetcher {
  return async (message, reupload) =>
    downloadMediaMessage(
      message,
      'stream',
      {},
      {
        logger,
        reuploadRequest:
          reupload ??
          (() => Promise.reject(new Error('The file expired on WhatsApp and the account is offline: try again once it is connected'))),
      },
    );
}

/** `updateMediaMessage` of a live Baileys socket (the scripted fake socket has none). */
export function reuploadOf(socket: object | undefined): Reupload | undefined {
  const update = (socket as Partial<Pick<WASocket, 'updateMediaMessage'>> | undefined)?.updateMediaMessage;
  return typeof update === 'function' ? (message: WAMessage) => update(message) : undefined;
}
