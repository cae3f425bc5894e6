import NodeCache from '@cacheable/node-cache';
import makeWASocket, { Browsers, type AuthenticationState, type CacheStore, type WAMessageKey, type WAVersion, type proto } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/** The part of Baileys' socket the supervisor uses; a scripted fake implements the same in tests. */
export type WhatsAppSocket = Pick<
  ReturnType<typeof makeWASocket>,
  | 'ev'
  | 'end'
  | 'sendMessage'
  | 'user'
  | 'logout'
  | 'requestPairingCode'
  | 'rejectCall'
  | 'readMessages'
  | 'sendPresenceUpdate'
  | 'onWhatsApp'
  | 'profilePictureUrl'
  | 'signalRepository'
  | 'fetchAccountReachoutTimelock'
>;

export interface SocketConfig {
  auth: AuthenticationState;
  getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
  /** Survives reconnects, so Baileys' retry counting is not reset by a new socket. */
  msgRetryCounterCache: CacheStore;
  /** Uploads of a file already sent (a campaign's image), reused instead of uploading it per message. */
  mediaCache: CacheStore;
  logger: Logger;
  /** Ask the phone for all its history instead of the recent part. */
  syncFullHistory: boolean;
  /** Off by default so the owner's phone keeps notifying. */
  markOnlineOnConnect: boolean;
  shouldIgnoreJid: (jid: string) => boolean;
  /** Practice accounts connect to the local fake server instead of WhatsApp. */
  waWebSocketUrl?: string;
  /** WhatsApp Web's current version (wa-web-version.ts); Baileys' built-in one when absent. */
  version?: WAVersion;
}

export type SocketFactory = (config: SocketConfig) => WhatsAppSocket;

// node-cache's generic signatures differ slightly from Baileys' CacheStore; Baileys casts it the same way.
export const createRetryCounterCache = () => new NodeCache<number>({ stdTTL: 60 * 60, useClones: false }) as unknown as CacheStore;

/**
 * Baileys keys an upload by the file's path: a campaign's attachment (one file for every message)
 * is uploaded once per account and a few hours, not once per recipient.
 */
export const createMediaUploadCache = () => new NodeCache<Uint8Array>({ stdTTL: 6 * 60 * 60, useClones: false }) as unknown as CacheStore;

/** Real Baileys sockets. */
export const baileysSocketFactory: SocketFactory = (config) =>
  makeWASocket({
    auth: config.auth,
    logger: config.logger,
    getMessage: config.getMessage,
    msgRetryCounterCache: config.msgRetryCounterCache,
    mediaCache: config.mediaCache,
    markOnlineOnConnect: config.markOnlineOnConnect,
    syncFullHistory: config.syncFullHistory,
    shouldIgnoreJid: config.shouldIgnoreJid,
    // "Desktop" is what lets the phone send full history on request. WhatsApp refuses it for
    // linking by code (only a web browser is accepted there): our Baileys patch announces
    // "Chrome (Mac OS)" in that one stanza, so the registration (and full history) stays Desktop
    // for both ways of linking.
    browser: Browsers.macOS('Desktop'),
    ...(config.waWebSocketUrl ? { waWebSocketUrl: config.waWebSocketUrl } : {}),
    ...(config.version ? { version: config.version } : {}),
  });
