import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret: 32 random bytes, base64url. Only its hash is ever stored. */
export const newToken = () => randomBytes(32).toString('base64url');

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Reads `Authorization: Bearer <token>`; undefined when absent or malformed. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
  return match?.[1];
}

