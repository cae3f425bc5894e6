import path from 'node:path';

/** The slice of Electron's `safeStorage` we use; a fake implements it in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

/** The slice of `node:fs` we use. */
export interface KeyFileSystem {
  existsSync(filePath: string): boolean;
  readFileSync(filePath: string): Buffer;
  writeFileSync(filePath: string, data: Buffer, options: { mode: number }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(filePath: string): void;
  mkdirSync(dirPath: string, options: { recursive: true }): unknown;
}

export interface DataKeyDeps {
  dataDir: string;
  safeStorage: SafeStorageLike;
  fs: KeyFileSystem;
  /** The core's headless fallback: a 0600 key file, created on first use. */
  loadOrCreateKeyFile(filePath: string): Buffer;
  randomBytes(size: number): Buffer;
  platform: NodeJS.Platform;
  log?: Pick<Console, 'warn' | 'info'>;
}

export interface DataKey {
  key: Buffer;
  /** Where the key is kept: encrypted by the OS keychain, or a 0600 file beside the data. */
  source: 'safeStorage' | 'keyFile';
}

/** The key exists but cannot be read now; the message is meant for the person, in a dialog. */
export class DataKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyUnavailableError';
  }
}

export const DATA_KEY_BYTES = 32;
export const ENCRYPTED_KEY_FILE = 'data-key.enc';
export const PLAIN_KEY_FILE = 'data-key';

/**
 * `basic_text` encrypts with a password hard-coded in Chromium, so it protects nothing; `unknown`
 * means the backend was not chosen (called before ready). Both are treated as "no keychain".
 */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

function keychainProblem(deps: DataKeyDeps): string | null {
  if (!deps.safeStorage.isEncryptionAvailable()) return 'encryption is not available';
  if (deps.platform === 'linux') {
    const backend = deps.safeStorage.getSelectedStorageBackend();
    if (WEAK_LINUX_BACKENDS.has(backend)) return `the Linux keyring backend is "${backend}"`;
  }
  return null;
}

function decodeKey(text: string): Buffer | null {
  const key = Buffer.from(text, 'base64');
  return key.length === DATA_KEY_BYTES && key.toString('base64') === text ? key : null;
}

/**
 * Writes the key encrypted, then reads the file back, decrypts it and compares before anyone
 * relies on it (Signal's round trip): a keychain that encrypts but cannot decrypt is caught now,
 * while the data is still readable with the key in hand. Written to a temporary file and renamed
 * only after the check, so a failed attempt never leaves a bad `data-key.enc` behind.
 */
function storeEncryptedKey(deps: DataKeyDeps, key: Buffer, encryptedPath: string): boolean {
  const temporaryPath = `${encryptedPath}.tmp`;
  try {
    deps.fs.writeFileSync(temporaryPath, deps.safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
    const readBack = decodeKey(deps.safeStorage.decryptString(deps.fs.readFileSync(temporaryPath)));
    if (!readBack?.equals(key)) throw new Error('decrypted key differs from the key written');
    deps.fs.renameSync(temporaryPath, encryptedPath);
    return true;
  } catch (error) {
    (deps.log ?? console).warn('[data-key] keychain round trip failed', error instanceof Error ? error.message : error);
    if (deps.fs.existsSync(temporaryPath)) deps.fs.unlinkSync(temporaryPath);
    return false;
  }
}

/**
 * Returns the 32-byte key that encrypts secrets at rest. Order of preference:
 * 1. `data-key.enc`, decrypted by the OS keychain (the normal case after the first run);
 * 2. first run with a good keychain: a random key, stored encrypted and checked;
 *    a key file left by an earlier fallback is moved into the keychain the same way;
 * 3. no usable keychain (none, or Linux `basic_text`): the 0600 `data-key` file, with a warning.
 * Never invents a new key while an encrypted one exists: that would orphan every secret.
 */
export function loadDataKey(deps: DataKeyDeps): DataKey {
  const log = deps.log ?? console;
  const encryptedPath = path.join(deps.dataDir, ENCRYPTED_KEY_FILE);
  const plainPath = path.join(deps.dataDir, PLAIN_KEY_FILE);
  deps.fs.mkdirSync(deps.dataDir, { recursive: true });

  const problem = keychainProblem(deps);
  if (problem) {
    if (deps.fs.existsSync(encryptedPath)) {
      throw new DataKeyUnavailableError(
        `Mostrador keeps its data key in the system keychain, but the keychain cannot be used now (${problem}). ` +
          'Start Mostrador in a desktop session where the keychain is unlocked (GNOME Keyring, KWallet, macOS Keychain or Windows). ' +
          'Your data has not been changed.',
      );
    }
    log.warn(`[data-key] system keychain refused (${problem}); using the key file ${plainPath} (readable only by this user)`);
    return { key: deps.loadOrCreateKeyFile(plainPath), source: 'keyFile' };
  }

  if (deps.fs.existsSync(encryptedPath)) {
    let key: Buffer | null;
    try {
      key = decodeKey(deps.safeStorage.decryptString(deps.fs.readFileSync(encryptedPath)));
    } catch {
      key = null;
    }
    if (!key) {
      throw new DataKeyUnavailableError(
        `Mostrador could not decrypt its data key (${encryptedPath}) with the system keychain. ` +
          'This happens when the keychain was reset or the data folder was copied from another user or computer. ' +
          'The file has not been changed or deleted.',
      );
    }
    return { key, source: 'safeStorage' };
  }

  const migrating = deps.fs.existsSync(plainPath);
  const key = migrating ? deps.loadOrCreateKeyFile(plainPath) : deps.randomBytes(DATA_KEY_BYTES);
  if (!storeEncryptedKey(deps, key, encryptedPath)) {
    log.warn(`[data-key] using the key file ${plainPath} instead of the system keychain`);
    return { key: migrating ? key : deps.loadOrCreateKeyFile(plainPath), source: 'keyFile' };
  }
  if (migrating) {
    // The old copy goes only after the encrypted one has proven it decrypts to the same key.
    deps.fs.unlinkSync(plainPath);
    log.info('[data-key] moved the data key from the key file into the system keychain');
  }
  return { key, source: 'safeStorage' };
}
