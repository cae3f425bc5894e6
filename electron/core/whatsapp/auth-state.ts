import {
  BufferJSON,
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

// BufferJSON is Baileys' own encoding for its Buffers; it is used only for Baileys' data here.
const encode = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);
const decode = (text: string) => JSON.parse(text, BufferJSON.reviver) as unknown;

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
  let creds = stored ? (decode(box.open(stored.sealed).toString('utf8')) as AuthenticationCreds) : makeCreds();

  const setKeys = db.transaction((data: SignalDataSet) => {
    for (const [type, entries] of Object.entries(data)) {
      for (const [id, value] of Object.entries(entries ?? {})) {
        if (value === null || value === undefined) deleteKey.run(accountId, type, id);
        else writeKey.run(accountId, type, id, box.seal(encode(value)));
      }
    }
  });

  const state: AuthenticationState = {
    creds,
    keys: {
      get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const result: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const row = readKey.get(accountId, type, id);
          if (!row) continue;
          let value = decode(box.open(row.sealed).toString('utf8'));
          if (type === 'app-state-sync-key') {
            value = proto.Message.AppStateSyncKeyData.fromObject(value as object);
          }
          result[id] = value as SignalDataTypeMap[T];
        }
        return result;
      },
      set: (data) => setKeys(data),
      clear: () => {
        db.prepare('DELETE FROM auth_keys WHERE account_id = ?').run(accountId);
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
      db.transaction(() => {
        db.prepare('DELETE FROM auth_keys WHERE account_id = ?').run(accountId);
        db.prepare('DELETE FROM auth_creds WHERE account_id = ?').run(accountId);
      })();
      // The live creds are logged out too: the next socket must pair again, not reuse them.
      state.creds = creds = makeCreds();
    },
    hasStoredCreds: () => readCreds.get(accountId) !== undefined,
  };
}
