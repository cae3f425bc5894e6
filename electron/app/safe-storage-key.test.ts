import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataKeyUnavailableError, loadDataKey, type DataKeyDeps, type SafeStorageLike } from './safe-storage-key';

/**
 * A keychain stand-in: "encrypts" by XOR with a secret and a tag, and refuses blobs it did not
 * make — enough to tell encrypted from plain, and a reset keychain from a working one.
 */
function fakeSafeStorage(options: { backend?: string; available?: boolean; secret?: number; corruptDecrypt?: boolean } = {}) {
  const secret = options.secret ?? 0x5a;
  const tag = Buffer.from('v11');
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: vi.fn((plain: string) => Buffer.concat([tag, Buffer.from(plain).map((b) => b ^ secret)])),
    decryptString: vi.fn((blob: Buffer) => {
      if (!blob.subarray(0, 3).equals(tag)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const plain = Buffer.from(blob.subarray(3).map((b) => b ^ secret)).toString();
      return options.corruptDecrypt ? plain.slice(1) : plain;
    }),
  };
  return storage;
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mostrador-key-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function deps(safeStorage: SafeStorageLike, overrides: Partial<DataKeyDeps> = {}): DataKeyDeps {
  return {
    dataDir,
    safeStorage,
    fs,
    platform: 'linux',
    randomBytes,
    // Same behaviour as the core's key file: create 32 random bytes once, then re-read.
    loadOrCreateKeyFile: vi.fn((filePath: string) => {
      if (!fs.existsSync(filePath)) fs.writeFileSync(filePath, randomBytes(32), { mode: 0o600 });
      return fs.readFileSync(filePath);
    }),
    log: { warn: vi.fn(), info: vi.fn() },
    ...overrides,
  };
}

const encPath = () => path.join(dataDir, 'data-key.enc');
const plainPath = () => path.join(dataDir, 'data-key');

describe('safeStorage data key', () => {
  it('creates a random 32-byte key on first run and stores it only encrypted', () => {
    const storage = fakeSafeStorage();
    const { key, source } = loadDataKey(deps(storage));
    expect(source).toBe('safeStorage');
    expect(key).toHaveLength(32);
    const onDisk = fs.readFileSync(encPath());
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(Buffer.from(storage.decryptString(onDisk), 'base64').equals(key)).toBe(true);
    expect(fs.existsSync(plainPath())).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual(['data-key.enc']);
  });

  it('checks the written key by decrypting it again before using it', () => {
    const storage = fakeSafeStorage();
    loadDataKey(deps(storage));
    expect(storage.encryptString).toHaveBeenCalledOnce();
    expect(storage.decryptString).toHaveBeenCalledOnce();
  });

  it('re-uses the same key on later runs without creating a new one', () => {
    const storage = fakeSafeStorage();
    const first = loadDataKey(deps(storage)).key;
    const written = fs.readFileSync(encPath());
    const second = loadDataKey(deps(fakeSafeStorage())).key;
    expect(second.equals(first)).toBe(true);
    expect(fs.readFileSync(encPath()).equals(written)).toBe(true);
  });

  it('does not trust a keychain whose round trip fails: no .enc file, falls back to the key file', () => {
    const d = deps(fakeSafeStorage({ corruptDecrypt: true }));
    const { key, source } = loadDataKey(d);
    expect(source).toBe('keyFile');
    expect(fs.existsSync(encPath())).toBe(false);
    expect(fs.existsSync(`${encPath()}.tmp`)).toBe(false);
    expect(key.equals(fs.readFileSync(plainPath()))).toBe(true);
  });

  it('refuses the Linux basic_text backend and falls back to the key file with a warning', () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const d = deps(storage);
    const { key, source } = loadDataKey(d);
    expect(source).toBe('keyFile');
    expect(d.loadOrCreateKeyFile).toHaveBeenCalledExactlyOnceWith(plainPath());
    expect(key).toHaveLength(32);
    expect(storage.encryptString).not.toHaveBeenCalled();
    expect(fs.existsSync(encPath())).toBe(false);
    expect(d.log?.warn).toHaveBeenCalledWith(expect.stringContaining('basic_text'));
  });

  it('only asks for the backend on Linux', () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    expect(loadDataKey(deps(storage, { platform: 'darwin' })).source).toBe('safeStorage');
  });

  it('falls back to the key file when encryption is unavailable', () => {
    expect(loadDataKey(deps(fakeSafeStorage({ available: false }), { platform: 'win32' })).source).toBe('keyFile');
  });

  it('moves a fallback key file into the keychain once the keychain works, keeping the key', () => {
    const before = loadDataKey(deps(fakeSafeStorage({ backend: 'basic_text' }))).key;
    const after = loadDataKey(deps(fakeSafeStorage({ backend: 'kwallet5' })));
    expect(after).toEqual({ key: before, source: 'safeStorage' });
    expect(fs.existsSync(plainPath())).toBe(false);
    expect(loadDataKey(deps(fakeSafeStorage())).key.equals(before)).toBe(true);
  });

  it('never replaces an encrypted key when the keychain turns weak; it stops instead', () => {
    loadDataKey(deps(fakeSafeStorage()));
    const written = fs.readFileSync(encPath());
    const d = deps(fakeSafeStorage({ backend: 'basic_text' }));
    expect(() => loadDataKey(d)).toThrow(DataKeyUnavailableError);
    expect(d.loadOrCreateKeyFile).not.toHaveBeenCalled();
    expect(fs.readFileSync(encPath()).equals(written)).toBe(true);
  });

  it('stops with a readable error, leaving the file alone, when the keychain cannot decrypt it', () => {
    loadDataKey(deps(fakeSafeStorage({ secret: 1 })));
    const written = fs.readFileSync(encPath());
    // A different secret decrypts to garbage: a reset keychain or a folder copied from elsewhere.
    expect(() => loadDataKey(deps(fakeSafeStorage({ secret: 2 })))).toThrow(/could not decrypt/);
    expect(fs.readFileSync(encPath()).equals(written)).toBe(true);
    fs.writeFileSync(encPath(), 'not a safeStorage blob');
    expect(() => loadDataKey(deps(fakeSafeStorage()))).toThrow(DataKeyUnavailableError);
    expect(fs.readFileSync(encPath()).toString()).toBe('not a safeStorage blob');
  });
});
