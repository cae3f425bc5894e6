import { deserialize, serialize } from 'node:v8';
import {
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import type { Db } from '../db/open-database';
import type { SecretBox } from '../secrets/secret-box';

export interface SqliteAuthState {
  state: AuthenticationState;
  /** Merges a partial `creds.update` into the live creds and saves them at once. */
  saveCreds(update?: Partial<AuthenticationCreds>): void;
  /** Deletes creds and every key of the account (logged out / unlinked). */
  wipe(): void;
  hasStoredCreds(): boolean;
}

/**
 * Values are stored in V8's structured-clone format behind a one-byte version tag: it keeps
 * Buffers as Buffers and decodes session records about 2.5 times faster than Baileys' BufferJSON,
 * which matters because every message reads and writes its session (bench/auth-state.bench.ts).
 */
const FORMAT_V8 = 1;
const encode = (value: unknown) => {
  const body = serialize(value);
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = FORMAT_V8;
  body.copy(out, 1);
  return out;
};
const decode = (bytes: Buffer): unknown => {
  if (bytes[0] !== FORMAT_V8) throw new Error('unknown session value format');
  return asBuffers(deserialize(bytes.subarray(1)));
};

/** Baileys and libsignal expect Node Buffers where they once stored them; V8 gives plain Uint8Arrays back. */
function asBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(asBuffers);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = asBuffers(record[key]);
  }
  return value;
}

/** Decrypted values most recently read or written, per account: every message re-reads its session. */
const CACHE_LIMIT = 4096;

/**
 * Whether creds belong to a linked device. Baileys itself logs in when `me` is set and registers
 * otherwise; `registered` is no guide, since only a pairing-code link sets it (a QR link never does).
 */
export const isLinked = (creds: Pick<AuthenticationCreds, 'me'>): boolean => Boolean(creds.me?.id);

/**
 * What an account's stored session says, read without opening it for a socket: `never_linked`
 * when it has no creds or creds without `me` (a QR was never scanned), `unreadable` when the
 * stored value cannot be decrypted or decoded (the supervisor says so when it opens it).
 */
export function storedSessionLink(db: Db, box: SecretBox, accountId: string): 'linked' | 'never_linked' | 'unreadable' {
  const row = db.prepare<[string], { sealed: Buffer }>('SELECT sealed FROM auth_creds WHERE account_id = ?').get(accountId);
  if (!row) return 'never_linked';
  try {
    return isLinked(decode(box.open(row.sealed)) as AuthenticationCreds) ? 'linked' : 'never_linked';
  } catch {
    return 'unreadable';
  }
}

/** Deletes an account's creds and keys without reading them (they may be damaged). */
export function wipeSqliteAuth(db: Db, accountId: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM auth_keys WHERE account_id = ?').run(accountId);
    db.prepare('DELETE FROM auth_creds WHERE account_id = ?').run(accountId);
  })();
}

/**
 * Baileys' AuthenticationState kept in SQLite, every value encrypted by the secret box.
 * Each `keys.set` is one transaction; `null` deletes; every key type Baileys has is stored as is.
 */
export function createSqliteAuthState(
  db: Db,
  box: SecretBox,
  accountId: string,
  makeCreds: () => AuthenticationCreds = initAuthCreds,
): SqliteAuthState {
  const readCreds = db.prepare<[string], { sealed: Buffer }>('SELECT sealed FROM auth_creds WHERE account_id = ?');
  const writeCreds = db.prepare(
    `INSERT INTO auth_creds (account_id, sealed, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(account_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
  );
  const readKey = db.prepare<[string, string, string], { sealed: Buffer }>(
    'SELECT sealed FROM auth_keys WHERE account_id = ? AND type = ? AND key_id = ?',
  );
  const writeKey = db.prepare(
    `INSERT INTO auth_keys (account_id, type, key_id, sealed) VALUES (?, ?, ?, ?)
     ON CONFLICT(account_id, type, key_id) DO UPDATE SET sealed = excluded.sealed`,
  );
  const deleteKey = db.prepare('DELETE FROM auth_keys WHERE account_id = ? AND type = ? AND key_id = ?');

  const stored = readCreds.get(accountId);
  let creds = stored ? (decode(box.open(stored.sealed)) as AuthenticationCreds) : makeCreds();

  // Plain bytes, not objects: Baileys mutates what `get` returns, so each read decodes afresh.
  // null remembers "not stored".
  const cache = new Map<string, Buffer | null>();
  const remember = (key: string, bytes: Buffer | null) => {
    cache.delete(key);
    cache.set(key, bytes);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  };

  const setKeys = db.transaction((data: SignalDataSet) => {
    const written: [string, Buffer | null][] = [];
    for (const [type, entries] of Object.entries(data)) {
      for (const [id, value] of Object.entries(entries ?? {})) {
        if (value === null || value === undefined) {
          deleteKey.run(accountId, type, id);
          written.push([`${type}\0${id}`, null]);
        } else {
          const bytes = encode(value);
          writeKey.run(accountId, type, id, box.seal(bytes));
          written.push([`${type}\0${id}`, bytes]);
        }
      }
    }
    return written;
  });

  const state: AuthenticationState = {
    creds,
    keys: {
      get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const result: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const key = `${type}\0${id}`;
          let bytes = cache.get(key);
          if (bytes === undefined) {
            const row = readKey.get(accountId, type, id);
            bytes = row ? box.open(row.sealed) : null;
            remember(key, bytes);
          }
          if (bytes === null) continue;
          let value = decode(bytes);
          if (type === 'app-state-sync-key') {
            value = proto.Message.AppStateSyncKeyData.fromObject(value as object);
          }
          result[id] = value as SignalDataTypeMap[T];
        }
        return result;
      },
      set: (data) => {
        // The cache learns only what the committed transaction wrote; a rollback changes nothing.
        for (const [key, bytes] of setKeys(data)) remember(key, bytes);
      },
      clear: () => {
        db.prepare('DELETE FROM auth_keys WHERE account_id = ?').run(accountId);
        cache.clear();
      },
    },
  };

  return {
    state,
    saveCreds(update) {
      if (update) Object.assign(creds, update);
      writeCreds.run(accountId, box.seal(encode(creds)), Date.now());
    },
    wipe() {
      wipeSqliteAuth(db, accountId);
      cache.clear();
      // The live creds are logged out too: the next socket must pair again, not reuse them.
      state.creds = creds = makeCreds();
    },
    hasStoredCreds: () => readCreds.get(accountId) !== undefined,
  };
}
