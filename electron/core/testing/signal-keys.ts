import { proto, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { randomBytesFrom } from './seeded-random';

export type KeyType = keyof SignalDataTypeMap;

/** Every key type of Baileys' SignalDataTypeMap; `satisfies` breaks the build when Baileys adds one. */
const allKeyTypes = {
  'pre-key': true,
  session: true,
  'sender-key': true,
  'sender-key-memory': true,
  'app-state-sync-key': true,
  'app-state-sync-version': true,
  'lid-mapping': true,
  'device-list': true,
  tctoken: true,
  'identity-key': true,
} as const satisfies Record<KeyType, true>;

export const keyTypes = Object.keys(allKeyTypes) as KeyType[];

/** A realistic value of each key type, shaped as Baileys hands it to `keys.set`. Never falsy. */
export function sampleKeyValue<T extends KeyType>(type: T, random: () => number): SignalDataTypeMap[T] {
  const bytes = (n: number) => randomBytesFrom(random, n);
  const int = (max: number) => 1 + Math.floor(random() * max);
  const values: { [K in KeyType]: () => SignalDataTypeMap[K] } = {
    'pre-key': () => ({ public: bytes(32), private: bytes(32) }),
    session: () => new Uint8Array(bytes(40 + int(40))),
    'sender-key': () => new Uint8Array(bytes(30 + int(30))),
    'sender-key-memory': () => ({ [`${int(1e9)}@s.whatsapp.net`]: random() < 0.5, [`${int(1e9)}@lid`]: true }),
    'app-state-sync-key': () =>
      proto.Message.AppStateSyncKeyData.fromObject({
        keyData: bytes(32),
        fingerprint: { rawId: int(1e6), currentIndex: int(10), deviceIndexes: [0, int(5)] },
        timestamp: 1_700_000_000 + int(1e6),
      }),
    'app-state-sync-version': () => ({
      version: int(100),
      hash: bytes(128),
      indexValueMap: { [bytes(8).toString('base64')]: { valueMac: new Uint8Array(bytes(32)) } },
    }),
    'lid-mapping': () => `${int(1e14)}`,
    'device-list': () => ['0', String(int(30))],
    tctoken: () => ({ token: bytes(24), timestamp: String(1_700_000_000 + int(1e6)) }),
    'identity-key': () => new Uint8Array(bytes(33)),
  };
  return values[type]() as SignalDataTypeMap[T];
}
