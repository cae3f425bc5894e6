// Baileys' key store as Baileys drives it: one seeded trace of creds saves and keys.get/keys.set
// calls, replayed against our SQLite auth state (real WAL file, AES-GCM secret box) and against
// Baileys' own useMultiFileAuthState (the baseline) in the same run. The goal is ours ≥ 10×.
import { BufferJSON, initAuthCreds, proto, useMultiFileAuthState, type AuthenticationCreds, type SignalDataSet, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/open-database';
import { createSecretBox } from '../electron/core/secrets/secret-box';
import { seededRandom } from '../electron/core/testing/seeded-random';
import { createSqliteAuthState } from '../electron/core/whatsapp/auth-state';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SEED = Number(process.env.BENCH_SEED ?? 20_250_101);

type KeyType = keyof SignalDataTypeMap;
type Op =
  | { kind: 'get'; type: KeyType; ids: string[] }
  | { kind: 'set'; data: SignalDataSet }
  | { kind: 'creds'; update: Partial<AuthenticationCreds> };

interface Store {
  get(type: KeyType, ids: string[]): Promise<unknown> | unknown;
  set(data: SignalDataSet): Promise<void> | void;
  saveCreds(update: Partial<AuthenticationCreds>): Promise<void> | void;
  close(): void;
}

// ---------------------------------------------------------------------------------------------
// The trace: what Baileys 7 (rc14) asks of its key store while a small business account works.
// Sequences follow Signal/libsignal.js, Socket/messages-{recv,send}.js, Socket/chats.js and
// Utils/signal.js: one initial 812-key pre-key upload, then customer traffic.

function buildTrace(seed: number, messages: number): Op[] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const bytes = (n: number) => {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
    return b;
  };
  const b64 = (n: number) => bytes(n).toString('base64');
  const ops: Op[] = [];
  const get = (type: KeyType, ids: string[]) => ops.push({ kind: 'get', type, ids });
  const set = (data: SignalDataSet) => ops.push({ kind: 'set', data });
  const creds = (update: Partial<AuthenticationCreds>) => ops.push({ kind: 'creds', update });

  // libsignal's SessionRecord.serialize(): JSON of base64 strings, ~1–4 kB with a few chains.
  const session = () => {
    const chains: Record<string, unknown> = {};
    for (let c = int(1, 3); c > 0; c--) {
      const messageKeys: Record<string, string> = {};
      for (let k = int(0, 6); k > 0; k--) messageKeys[String(int(1, 500))] = b64(32);
      chains[b64(33)] = { chainKey: { counter: int(0, 500), key: b64(32) }, chainType: int(1, 2), messageKeys };
    }
    return {
      _sessions: {
        [b64(33)]: {
          registrationId: int(1, 16_380),
          currentRatchet: {
            ephemeralKeyPair: { pubKey: b64(33), privKey: b64(32) },
            lastRemoteEphemeralKey: b64(33),
            previousCounter: int(0, 100),
            rootKey: b64(32),
          },
          indexInfo: { baseKey: b64(33), baseKeyType: int(1, 2), closed: -1, used: 1_700_000_000_000 + int(0, 1e9), created: 1_700_000_000_000, remoteIdentityKey: b64(33) },
          _chains: chains,
        },
      },
      version: 'v1',
    } as unknown as Uint8Array;
  };
  // storeSenderKey: Buffer.from(JSON.stringify(record.serialize())).
  const senderKey = () =>
    Buffer.from(JSON.stringify([{ senderKeyId: int(1, 2 ** 31), senderChainKey: { iteration: int(0, 2000), seed: b64(32) }, senderSigningKey: { public: b64(33) }, senderMessageKeys: [] }]));
  const preKey = () => ({ public: bytes(32), private: bytes(32) });
  const appStateKey = () =>
    proto.Message.AppStateSyncKeyData.fromObject({ keyData: bytes(32), fingerprint: { rawId: int(1, 1e6), currentIndex: int(1, 10), deviceIndexes: [0, int(1, 5)] }, timestamp: 1_700_000_000 + int(0, 1e6) });
  const appStateVersion = (entries: number) => {
    const indexValueMap: Record<string, { valueMac: Uint8Array }> = {};
    for (let i = 0; i < entries; i++) indexValueMap[b64(32)] = { valueMac: bytes(32) };
    return { version: int(1, 900), hash: bytes(128), indexValueMap };
  };

  // 300 customers (phone + LID), 20 groups; addresses as Baileys' signal layer names them.
  const customers = Array.from({ length: 300 }, () => ({ pn: `52155${int(10_000_000, 99_999_999)}`, lid: `${int(10 ** 13, 10 ** 14 - 1)}`, devices: int(1, 3) }));
  const groups = Array.from({ length: 20 }, () => ({ jid: `1203630${int(10 ** 10, 10 ** 11 - 1)}@g.us`, members: Array.from({ length: int(5, 25) }, () => int(0, 299)) }));
  const addr = (c: (typeof customers)[number], device: number) => `${c.lid}_1.${device}`;
  const known = new Set<number>();
  let nextPreKeyId = 1;
  const consumablePreKeys: number[] = [];
  const uploadPreKeys = (count: number) => {
    const batch: Record<string, ReturnType<typeof preKey>> = {};
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = nextPreKeyId++;
      batch[id] = preKey();
      ids.push(String(id));
      consumablePreKeys.push(id);
    }
    set({ 'pre-key': batch }); // getNextPreKeys: one set, then a get of the same range
    get('pre-key', ids);
    creds({ nextPreKeyId, firstUnuploadedPreKeyId: nextPreKeyId });
  };

  // Connect: verifyCurrentPreKeyExists, initial upload, first app-state sync, profile.
  get('pre-key', ['0']);
  uploadPreKeys(812);
  creds({ me: { id: '5215512345678:12@s.whatsapp.net', lid: '204882711234567:12@lid', name: 'Panadería' } });
  for (let k = 0; k < 4; k++) set({ 'app-state-sync-key': { [b64(6)]: appStateKey() } });
  creds({ myAppStateKeyId: b64(6) });
  for (const name of ['critical_block', 'critical_unblock_low', 'regular_high', 'regular_low', 'regular']) {
    get('app-state-sync-version', [name]);
    set({ 'app-state-sync-version': { [name]: appStateVersion(int(5, 60)) } });
  }

  for (let m = 0; m < messages; m++) {
    const roll = random();
    const who = int(0, 299);
    const c = customers[who]!;
    if (roll < 0.5) {
      // A customer writes (1:1): LID mapping, session load/store; first contact is a pkmsg.
      get('lid-mapping', [c.pn]);
      if (!known.has(who)) {
        set({ 'lid-mapping': { [c.pn]: c.lid, [`${c.lid}_reverse`]: c.pn } });
        get('session', [addr(c, 0)]);
        get('identity-key', [addr(c, 0)]);
        set({ 'identity-key': { [addr(c, 0)]: bytes(33) } });
        const pk = consumablePreKeys.shift();
        if (pk !== undefined) {
          get('pre-key', [String(pk)]);
          set({ 'pre-key': { [String(pk)]: null } }); // removePreKey
        }
        known.add(who);
      } else {
        get('session', [addr(c, 0)]);
      }
      set({ session: { [addr(c, 0)]: session() } });
      if (chance(0.3)) get('tctoken', [`${c.lid}@lid`]);
    } else if (roll < 0.78) {
      // We reply (1:1): device list, sessions for every device, one store per device.
      const devices = Array.from({ length: c.devices }, (_, d) => addr(c, d));
      get('lid-mapping', [c.pn]);
      get('device-list', [c.lid]);
      if (!known.has(who) || chance(0.05)) {
        set({ 'device-list': { [c.lid]: devices.map((_, d) => String(d)) } });
        set({ 'lid-mapping': { [c.pn]: c.lid, [`${c.lid}_reverse`]: c.pn } });
        known.add(who);
      }
      get('session', devices);
      for (const d of devices) set({ session: { [d]: session() } });
      get('tctoken', [`${c.lid}@lid`]);
      if (chance(0.2)) set({ tctoken: { [`${c.lid}@lid`]: { token: bytes(24), timestamp: String(1_700_000_000 + m) } } });
    } else if (roll < 0.88) {
      // A group message arrives: sender key load/store, sometimes a sender-key distribution first.
      const g = groups[int(0, groups.length - 1)]!;
      const name = `${g.jid}::${c.lid}::0`;
      if (chance(0.2)) {
        get('session', [addr(c, 0)]);
        set({ session: { [addr(c, 0)]: session() } });
        get('sender-key', [name]);
        set({ 'sender-key': { [name]: senderKey() } });
      }
      get('sender-key', [name]);
      set({ 'sender-key': { [name]: senderKey() } });
    } else if (roll < 0.93) {
      // We write to a group: devices and sessions of every member, sender-key memory.
      const g = groups[int(0, groups.length - 1)]!;
      const members = g.members.map((i) => customers[i]!);
      get('device-list', members.map((x) => x.lid));
      get('sender-key-memory', [g.jid]);
      const name = `${g.jid}::204882711234567::12`;
      get('sender-key', [name]);
      set({ 'sender-key': { [name]: senderKey() } });
      const fresh = members.filter(() => chance(0.15)).map((x) => addr(x, 0));
      if (fresh.length) {
        get('session', fresh);
        for (const a of fresh) set({ session: { [a]: session() } });
      }
      set({ 'sender-key-memory': { [g.jid]: Object.fromEntries(members.map((x) => [`${x.lid}:0@lid`, true])) } });
    } else if (roll < 0.96) {
      // App-state patch: key, version read and write, sometimes a new key share.
      const name = ['regular_high', 'regular_low', 'regular'][int(0, 2)]!;
      get('app-state-sync-version', [name]);
      get('app-state-sync-key', [b64(6)]);
      set({ 'app-state-sync-version': { [name]: appStateVersion(int(5, 60)) } });
      if (chance(0.1)) set({ 'app-state-sync-key': { [b64(6)]: appStateKey() } });
    } else if (roll < 0.975) {
      // The server reports few pre-keys left.
      uploadPreKeys(int(30, 50));
    } else if (roll < 0.99) {
      creds(
        chance(0.5)
          ? { accountSyncCounter: m, lastAccountSyncTimestamp: 1_700_000_000 + m }
          : { routingInfo: bytes(int(8, 24)), lastPropHash: b64(6) },
      );
    } else {
      // A decrypt failure / retry: drop the session, forget which group members had our key.
      set({ session: { [addr(c, 0)]: null } });
      set({ 'sender-key-memory': { [groups[int(0, groups.length - 1)]!.jid]: null } });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value, BufferJSON.replacer), BufferJSON.reviver) as T;

async function baileysStore(dir: string, initial: AuthenticationCreds): Promise<Store> {
  const { state, saveCreds } = await useMultiFileAuthState(dir);
  Object.assign(state.creds, clone(initial));
  return {
    get: (type, ids) => state.keys.get(type, ids),
    set: (data) => state.keys.set(data),
    // What the socket does on creds.update before the app's saveCreds() writes creds.json.
    saveCreds: (update) => {
      Object.assign(state.creds, update);
      return saveCreds();
    },
    close: () => undefined,
  };
}

function oursStore(dir: string, initial: AuthenticationCreds): Store {
  const db = openDatabase(join(dir, 'mostrador.sqlite'));
  db.prepare('INSERT INTO accounts (id, kind, label, color, created_at) VALUES (?, ?, ?, ?, ?)').run('acc-1', 'whatsapp', 'Bench', '#25a244', 1);
  const auth = createSqliteAuthState(db, createSecretBox(randomBytes(32)), 'acc-1', () => clone(initial));
  auth.saveCreds();
  return {
    get: (type, ids) => auth.state.keys.get(type, ids),
    set: (data) => auth.state.keys.set(data),
    saveCreds: (update) => auth.saveCreds(update),
    close: () => db.close(),
  };
}

async function replay(store: Store, ops: Op[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const op of ops) {
    if (op.kind === 'get') await store.get(op.type, op.ids);
    else if (op.kind === 'set') await store.set(op.data);
    else await store.saveCreds(op.update);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function measure(name: 'baileys' | 'ours', ops: Op[], initial: AuthenticationCreds) {
  const dir = mkdtempSync(join(tmpdir(), `mostrador-bench-auth-${name}-`));
  try {
    const store = name === 'baileys' ? await baileysStore(dir, initial) : oursStore(dir, initial);
    const seconds = await replay(store, ops);
    store.close();
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const trace = buildTrace(SEED, MESSAGES);
const initial = initAuthCreds();
const count = (kind: Op['kind']) => trace.filter((o) => o.kind === kind).length;
const keyOps = trace.reduce((n, o) => n + (o.kind === 'get' ? o.ids.length : o.kind === 'set' ? Object.values(o.data).reduce((k, e) => k + Object.keys(e ?? {}).length, 0) : 1), 0);

// Warm both code paths (JIT, fs, SQLite) on a prefix, then measure the whole trace on fresh
// stores: best of ROUNDS rounds, each running ours then Baileys', so both see the same machine.
const warm = trace.slice(0, 1500);
await measure('ours', warm, initial);
await measure('baileys', warm, initial);
let baileysSeconds = Infinity;
let oursSeconds = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  oursSeconds = Math.min(oursSeconds, await measure('ours', trace, initial));
  baileysSeconds = Math.min(baileysSeconds, await measure('baileys', trace, initial));
}

const opsPerSec = (s: number) => Math.round(trace.length / s);
console.log(
  JSON.stringify({
    bench: 'auth-state',
    ops: trace.length,
    mix: { gets: count('get'), sets: count('set'), credsSaves: count('creds'), keyOps },
    ours: { name: 'sqlite-wal+aes-gcm', opsPerSec: opsPerSec(oursSeconds), keyOpsPerSec: Math.round(keyOps / oursSeconds), ms: Number((oursSeconds * 1e3).toFixed(1)) },
    baseline: { name: 'baileys-useMultiFileAuthState', opsPerSec: opsPerSec(baileysSeconds), keyOpsPerSec: Math.round(keyOps / baileysSeconds), ms: Number((baileysSeconds * 1e3).toFixed(1)) },
    ratio: Number((baileysSeconds / oursSeconds).toFixed(2)),
    goal: 10,
  }),
);
