/** The account has no live socket right now: the message waits for the next connection. */
export class NotConnectedError extends Error {
  constructor() {
    super('The account is not connected');
    this.name = 'NotConnectedError';
  }
}

/** Something about the message itself that no retry can fix (its file is gone, the content is refused). */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

// Baileys' Boom codes for a connection that dropped or timed out, and server-side trouble.
const transientStatusCodes = new Set([408, 428, 429, 440, 500, 502, 503, 504, 515]);
const transientNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const transientMessage = /connection (closed|lost|failure|terminated)|timed out|socket hang up|fetch failed|network/i;

/**
 * Transient: the same message may go through later (network, connection, server busy); it goes
 * back to the queue in its place. Anything else is permanent: the message is marked failed and the
 * queue moves on.
 */
export function isTransientSendError(error: unknown): boolean {
  if (error instanceof NotConnectedError) return true;
  if (error instanceof PermanentSendError) return false;
  if (!error || typeof error !== 'object') return false;
  const e = error as { output?: { statusCode?: unknown }; code?: unknown; message?: unknown; cause?: unknown };
  const statusCode = e.output?.statusCode;
  if (typeof statusCode === 'number') return transientStatusCodes.has(statusCode);
  if (typeof e.code === 'string' && transientNetworkCodes.has(e.code)) return true;
  if (typeof e.message === 'string' && transientMessage.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isTransientSendError(e.cause);
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);
