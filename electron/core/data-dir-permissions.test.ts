import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCore } from './create-core';
import { bePrivateByDefault, makeDataDirPrivate } from './data-dir-permissions';
import { silentLogger } from './testing/silent-logger';
import { tempDir } from './testing/temp-dir';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('data folder permissions', () => {
  it('narrows a folder other users could read to 0700 with 0600 files, at start, and logs it', async () => {
    const dataDir = join(tempDir('mostrador-perm-'), 'Mostrador');
    mkdirSync(join(dataDir, 'media', 'acc-1'), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'acc-1', 'foto.jpg'), 'jpeg');
    writeFileSync(join(dataDir, 'headless-token'), 't'.repeat(40));
    const outside = join(tempDir('mostrador-perm-outside-'), 'shared.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dataDir, 'link'));
    for (const dir of [dataDir, join(dataDir, 'media'), join(dataDir, 'media', 'acc-1')]) chmodSync(dir, 0o755);
    for (const file of [join(dataDir, 'media', 'acc-1', 'foto.jpg'), join(dataDir, 'headless-token')]) chmodSync(file, 0o644);

    const lines: string[] = [];
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const core = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey: randomBytes(32), logLevel: 'warn', logDestination: logDestination as never });
    await core.close();

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'media'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'media', 'acc-1'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'media', 'acc-1', 'foto.jpg'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'headless-token'))).toBe(0o600);
    // The database the core created is owner-only even though this test process has umask 022.
    expect(modeOf(join(dataDir, 'mostrador.sqlite'))).toBe(0o600);
    // A link is not followed out of the folder.
    expect(modeOf(outside)).toBe(0o644);
    const warning = lines.find((l) => l.includes('readable by other users'));
    expect(warning, lines.join('')).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ fixed: 5 });
  });

  it('says nothing when the folder is already private', () => {
    const dataDir = join(tempDir('mostrador-perm-'), 'Mostrador');
    const warnings: unknown[] = [];
    makeDataDirPrivate(dataDir, { warn: (...args: unknown[]) => warnings.push(args) } as never);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(makeDataDirPrivate(dataDir, silentLogger())).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('makes every file the shells create afterwards owner-only (umask 077)', () => {
    const before = process.umask();
    try {
      bePrivateByDefault();
      const dir = tempDir('mostrador-perm-');
      writeFileSync(join(dir, 'new.sqlite-wal'), '');
      mkdirSync(join(dir, 'spool'));
      expect(modeOf(join(dir, 'new.sqlite-wal'))).toBe(0o600);
      expect(modeOf(join(dir, 'spool'))).toBe(0o700);
    } finally {
      process.umask(before);
    }
  });
});
