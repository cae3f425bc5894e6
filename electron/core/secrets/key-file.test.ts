import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { loadOrCreateKeyFile } from './key-file';

describe('key file', () => {
  it('creates a 32-byte key readable only by its owner', () => {
    const path = join(tempDir('mostrador-key-'), 'nested', 'data.key');
    const key = loadOrCreateKeyFile(path);
    expect(key.length).toBe(32);
    expect(readFileSync(path).equals(key)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('reuses the existing key on the second call', () => {
    const path = join(tempDir('mostrador-key-'), 'data.key');
    const first = loadOrCreateKeyFile(path);
    const second = loadOrCreateKeyFile(path);
    expect(second.equals(first)).toBe(true);
  });

  it('refuses a damaged key file of the wrong length and leaves it as it was', () => {
    const path = join(tempDir('mostrador-key-'), 'data.key');
    const damaged = Buffer.alloc(31, 7);
    writeFileSync(path, damaged);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/damaged/);
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });
});
