import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

const plaintext = 'creds: {"noiseKey":"Mostrador-secreto-123"}';

describe('secret box', () => {
  it('opens what it sealed', () => {
    const box = createSecretBox(randomBytes(32));
    expect(box.open(box.seal(plaintext)).toString('utf8')).toBe(plaintext);
    const bytes = randomBytes(100);
    expect(box.open(box.seal(bytes)).equals(bytes)).toBe(true);
  });

  it('does not leak the plaintext into the sealed bytes, and seals the same text differently each time', () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal(plaintext);
    const b = box.seal(plaintext);
    expect(a.includes(Buffer.from('Mostrador-secreto-123'))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses sealed bytes with any one byte flipped', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal(plaintext);
    for (const index of [0, 1, 12, 13, 28, 29, sealed.length - 1]) {
      const damaged = Buffer.from(sealed);
      damaged[index] = damaged[index]! ^ 0x01;
      expect(() => box.open(damaged), `byte ${index}`).toThrow();
    }
  });

  it('refuses to open with a different key', () => {
    const sealed = createSecretBox(randomBytes(32)).seal(plaintext);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
