import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Encrypts secrets at rest (Baileys creds and keys, API keys). AES-256-GCM, random 12-byte nonce. */
export interface SecretBox {
  seal(plain: Buffer | string): Buffer;
  open(sealed: Buffer): Buffer;
}

const VERSION = 1;

const NONCES_PER_REFILL = 1024;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  // One randomBytes call per 1024 nonces: the per-call cost showed up in the auth-state bench.
  let pool = Buffer.alloc(0);
  let offset = 0;
  const nextNonce = () => {
    if (offset + 12 > pool.length) {
      pool = randomBytes(12 * NONCES_PER_REFILL);
      offset = 0;
    }
    offset += 12;
    return pool.subarray(offset - 12, offset);
  };
  return {
    seal(plain) {
      const nonce = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed[0] !== VERSION) throw new Error('unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
    },
  };
}
