/**
 * A library's own words about something that failed ("WebSocket Error (getaddrinfo ENOTFOUND
 * web.whatsapp.com)", "Connection Closed", "Media upload failed on all hosts", "fetch failed") as
 * one of a few causes a person can act on. The raw text stays in the log and in a "details" fold
 * (`RawProblem`). Each kind of failure has its own list, read in order, and its own last resort.
 */
export const rawProblems = {
  /** A WhatsApp number's connection dropped or could not be made. */
  connection: ['offline', 'unreachable', 'timeout', 'replaced', 'closed'],
  /** A message WhatsApp did not take (the outbox gave up on it). */
  send: ['not_connected', 'file_gone', 'chat_gone', 'refused', 'rate_limited', 'upload_failed', 'offline', 'unreachable', 'timeout', 'closed', 'failed'],
  /** The central server could not be synced with. */
  sync: ['token_rejected', 'offline', 'unreachable', 'timeout', 'server_error', 'failed'],
} as const;
export type RawProblemKind = keyof typeof rawProblems;
export type RawProblemOf<K extends RawProblemKind> = (typeof rawProblems)[K][number];

const network: [RegExp, 'offline' | 'unreachable' | 'timeout'][] = [
  [/ENOTFOUND|EAI_AGAIN|ENETUNREACH|ENETDOWN|getaddrinfo/i, 'offline'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|timed? ?out/i, 'timeout'],
  [/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|socket hang up|WebSocket Error|fetch failed/i, 'unreachable'],
];

const rules: { [K in RawProblemKind]: { match: [RegExp, RawProblemOf<K>][]; otherwise: RawProblemOf<K> } } = {
  connection: {
    match: [...network, [/conflict|replaced/i, 'replaced']],
    otherwise: 'closed',
  },
  send: {
    match: [
      // Our own outbox's words (electron/core/outbox).
      [/not connected/i, 'not_connected'],
      [/file to send is no longer/i, 'file_gone'],
      [/conversation is gone/i, 'chat_gone'],
      // WhatsApp's refusals: 463 (reach-out lock, restriction), not-acceptable (406), forbidden (403).
      [/\b463\b|not-acceptable|\b406\b|forbidden|\b403\b|restricted/i, 'refused'],
      [/\b429\b|rate-overlimit|rate limit/i, 'rate_limited'],
      [/upload/i, 'upload_failed'],
      ...network,
      [/connection (closed|lost|failure|terminated)|\b428\b|\b440\b/i, 'closed'],
    ],
    otherwise: 'failed',
  },
  sync: {
    match: [
      [/\b401\b|\b403\b|unauthori[sz]ed|token/i, 'token_rejected'],
      ...network,
      // The sync client's own words when fetch itself failed.
      [/could not be reached/i, 'unreachable'],
      [/\b5\d\d\b|server error/i, 'server_error'],
    ],
    otherwise: 'failed',
  },
};

export function rawProblemOf<K extends RawProblemKind>(kind: K, raw: string): RawProblemOf<K> {
  const { match, otherwise } = rules[kind] as { match: [RegExp, RawProblemOf<K>][]; otherwise: RawProblemOf<K> };
  for (const [pattern, problem] of match) if (pattern.test(raw)) return problem;
  return otherwise;
}
