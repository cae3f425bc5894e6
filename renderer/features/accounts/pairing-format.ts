/**
 * What the pairing and account screens print: the code to type on the phone, how long a QR or
 * code stays valid, and who an account is when it has no picture. Pure, so tests need no DOM.
 */

/** WhatsApp's 8-character code as people type it on the phone: "ABCD-1234" (groups of four). */
export function formatPairingCode(code: string): string {
  const clean = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

/** Whole seconds left until `expiresAt` (epoch ms), never negative; rounds up so 0 means gone. */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

/** A countdown as m:ss ("0:59", "2:05"). */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Up to two initials for an avatar without a picture: "Panadería Sol" → "PS", "Ventas" → "VE". */
export function initials(label: string): string {
  const words = label
    .trim()
    .split(/\s+/)
    .map((w) => [...w.replace(/^[^\p{L}\p{N}]+/u, '')])
    .filter((chars) => chars.length > 0);
  const [first, second] = words;
  if (!first) return '?';
  const letters = second ? [first[0], second[0]].join('') : first.slice(0, 2).join('');
  return letters.toLocaleUpperCase();
}
