/**
 * A library's own words about a dropped connection ("WebSocket Error (getaddrinfo ENOTFOUND
 * web.whatsapp.com)", "Connection Failure", "Stream Errored (conflict)") as one of a few causes a
 * person can act on. The raw text stays in the log and in a "details" fold.
 */
export type ConnectionProblem = 'offline' | 'unreachable' | 'timeout' | 'replaced' | 'closed';

const rules: [RegExp, ConnectionProblem][] = [
  [/ENOTFOUND|EAI_AGAIN|ENETUNREACH|ENETDOWN|getaddrinfo/i, 'offline'],
  [/ETIMEDOUT|timed? ?out/i, 'timeout'],
  [/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|socket hang up|WebSocket Error/i, 'unreachable'],
  [/conflict|replaced/i, 'replaced'],
];

export function connectionProblemOf(raw: string): ConnectionProblem {
  for (const [pattern, problem] of rules) if (pattern.test(raw)) return problem;
  return 'closed';
}
