import { proto, type SignalDataSet } from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { comparable } from '../testing/comparable';
import { seededRandom } from '../testing/seeded-random';
import { keyTypes, sampleKeyValue } from '../testing/signal-keys';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { createSqliteAuthState } from './auth-state';

const setup = () => {
  const test = openTestDatabase();
  const box = createSecretBox(randomBytes(32));
  addAccount(test.db, 'acc-1');
  const open = (accountId = 'acc-1', secretBox: SecretBox = box) => createSqliteAuthState(test.db, secretBox, accountId);
  return { ...test, box, open };
};

const bytes = (value: Uint8Array) => Buffer.from(value);

const keyRows = (db: ReturnType<typeof setup>['db'], accountId: string) =>
  db.prepare('SELECT count(*) FROM auth_keys WHERE account_id = ?').pluck().get(accountId);

describe('SQLite auth state', () => {
  it('keeps the creds across reopening', () => {
    const { open } = setup();
    const first = open();
    expect(first.hasStoredCreds()).toBe(false);
    first.saveCreds();
    const before = first.state.creds;

    const after = open().state.creds;

    expect(bytes(after.noiseKey.private).equals(bytes(before.noiseKey.private))).toBe(true);
    expect(bytes(after.noiseKey.public).equals(bytes(before.noiseKey.public))).toBe(true);
    expect(bytes(after.signedIdentityKey.private).equals(bytes(before.signedIdentityKey.private))).toBe(true);
    expect(bytes(after.signedPreKey.signature).equals(bytes(before.signedPreKey.signature))).toBe(true);
    expect(after.registrationId).toBe(before.registrationId);
    expect(after.advSecretKey).toBe(before.advSecretKey);
    expect(comparable(after)).toEqual(comparable(before));
  });

  it('merges a partial creds update into the stored creds', () => {
    const { open } = setup();
    const auth = open();
    auth.saveCreds();
    const noise = Buffer.from(auth.state.creds.noiseKey.private);

    auth.saveCreds({ me: { id: '5215512345678:3@s.whatsapp.net', name: 'Panadería' }, registered: true });

    const reopened = open().state.creds;
    expect(reopened.me).toEqual({ id: '5215512345678:3@s.whatsapp.net', name: 'Panadería' });
    expect(reopened.registered).toBe(true);
    expect(bytes(reopened.noiseKey.private).equals(noise)).toBe(true);
  });

  it('deletes a key when set to null', async () => {
    const { open } = setup();
    const auth = open();
    await auth.state.keys.set({ 'lid-mapping': { '5215512345678': '204882711234567', other: '1' } });
    await auth.state.keys.set({ 'lid-mapping': { '5215512345678': null } });
    expect(await auth.state.keys.get('lid-mapping', ['5215512345678', 'other'])).toEqual({ other: '1' });
  });

  it.each(keyTypes)('round-trips a %s key through a reopened store', async (type) => {
    const { open } = setup();
    const value = sampleKeyValue(type, seededRandom(keyTypes.indexOf(type) + 1));
    await open().state.keys.set({ [type]: { 'id-1': value } } as SignalDataSet);

    const read = await open().state.keys.get(type, ['id-1', 'missing']);

    expect(Object.keys(read)).toEqual(['id-1']);
    expect(comparable(read['id-1'])).toEqual(comparable(value));
  });

  it('revives app-state-sync-key as a proto AppStateSyncKeyData', async () => {
    const { open } = setup();
    const value = sampleKeyValue('app-state-sync-key', seededRandom(7));
    await open().state.keys.set({ 'app-state-sync-key': { AAAA: value } });
    const read = (await open().state.keys.get('app-state-sync-key', ['AAAA'])).AAAA;
    expect(read).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(read!.keyData!).equals(Buffer.from(value.keyData!))).toBe(true);
  });

  it('writes nothing when a set fails midway: one set is one transaction', async () => {
    const { open, box, db } = setup();
    await open().state.keys.set({ session: { 'old@s.whatsapp.net': new Uint8Array([1, 2, 3]) } });
    let seals = 0;
    const failing: SecretBox = {
      open: box.open,
      seal: (plain) => {
        seals += 1;
        if (seals === 2) throw new Error('disk full');
        return box.seal(plain);
      },
    };
    const auth = open('acc-1', failing);
    const random = seededRandom(3);

    expect(() =>
      auth.state.keys.set({
        session: { 'old@s.whatsapp.net': null },
        'pre-key': { '1': sampleKeyValue('pre-key', random), '2': sampleKeyValue('pre-key', random) },
      }),
    ).toThrow('disk full');

    expect(seals).toBe(2);
    expect(await auth.state.keys.get('pre-key', ['1', '2'])).toEqual({});
    expect(Object.keys(await auth.state.keys.get('session', ['old@s.whatsapp.net']))).toEqual(['old@s.whatsapp.net']);
    expect(keyRows(db, 'acc-1')).toBe(1);
  });

  it('keeps keys and creds encrypted at rest', async () => {
    const { open, db } = setup();
    const auth = open();
    auth.saveCreds({ me: { id: '5215512345678@s.whatsapp.net', name: 'Tortillería Lupita' } });
    await auth.state.keys.set({ 'lid-mapping': { '5215512345678': '204882711234567' } });

    const sealedKeys = db.prepare('SELECT sealed FROM auth_keys').pluck().all() as Buffer[];
    const sealedCreds = db.prepare('SELECT sealed FROM auth_creds').pluck().all() as Buffer[];
    expect(sealedKeys).toHaveLength(1);
    expect(sealedCreds).toHaveLength(1);
    expect(sealedKeys[0]!.includes('204882711234567')).toBe(false);
    expect(sealedCreds[0]!.includes('Tortillería Lupita')).toBe(false);
    expect(sealedCreds[0]!.includes(bytes(auth.state.creds.noiseKey.private).toString('base64'))).toBe(false);
  });

  it('wipes the creds and keys of its own account only', async () => {
    const { open, db } = setup();
    addAccount(db, 'acc-2');
    const mine = open('acc-1');
    const theirs = open('acc-2');
    for (const auth of [mine, theirs]) {
      auth.saveCreds();
      await auth.state.keys.set({ 'device-list': { '5215512345678': ['0', '3'] }, 'lid-mapping': { a: 'b' } });
    }

    mine.wipe();

    expect(mine.hasStoredCreds()).toBe(false);
    expect(keyRows(db, 'acc-1')).toBe(0);
    expect(theirs.hasStoredCreds()).toBe(true);
    expect(keyRows(db, 'acc-2')).toBe(2);
    expect(await open('acc-2').state.keys.get('device-list', ['5215512345678'])).toEqual({ '5215512345678': ['0', '3'] });
  });

  it('forgets the live creds on wipe, so the next socket pairs from scratch', () => {
    const { open } = setup();
    const auth = open();
    auth.saveCreds({ me: { id: '5215512345678:3@s.whatsapp.net' }, registered: true });
    const old = Buffer.from(auth.state.creds.noiseKey.private);

    auth.wipe();

    expect(auth.state.creds.registered).toBe(false);
    expect(auth.state.creds.me).toBeUndefined();
    expect(bytes(auth.state.creds.noiseKey.private).equals(old)).toBe(false);
    auth.saveCreds();
    expect(open().state.creds.me).toBeUndefined();
  });

  it('starts with fresh creds after a wipe', () => {
    const { open } = setup();
    const auth = open();
    auth.saveCreds();
    const old = Buffer.from(auth.state.creds.noiseKey.private);
    auth.wipe();
    expect(bytes(open().state.creds.noiseKey.private).equals(old)).toBe(false);
  });
});
