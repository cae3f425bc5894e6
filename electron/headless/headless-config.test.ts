import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile } from '../core';
import { readHeadlessConfig } from './headless-config';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  dirs = [];
});
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-config-'));
  dirs.push(dir);
  return dir;
};

describe('browser mode settings', () => {
  it('keeps the data key beside the database unless MOSTRADOR_DATA_KEY_FILE puts it elsewhere', () => {
    const dataDir = temp();
    expect(readHeadlessConfig({ MOSTRADOR_DATA_DIR: dataDir }).dataKeyFile).toBe(join(dataDir, 'data-key'));

    const secrets = temp();
    const config = readHeadlessConfig({ MOSTRADOR_DATA_DIR: dataDir, MOSTRADOR_DATA_KEY_FILE: join(secrets, 'mostrador.key') });
    const key = loadOrCreateKeyFile(config.dataKeyFile);
    expect(key).toHaveLength(32);
    expect(existsSync(join(secrets, 'mostrador.key'))).toBe(true);
    expect(existsSync(join(dataDir, 'data-key'))).toBe(false);
    // The same key next time: secrets sealed with it stay readable.
    expect(loadOrCreateKeyFile(config.dataKeyFile).equals(key)).toBe(true);
  });

  it('refuses a port that is not one', () => {
    expect(() => readHeadlessConfig({ MOSTRADOR_PORT: 'abc' })).toThrow(/MOSTRADOR_PORT/);
    expect(readHeadlessConfig({ MOSTRADOR_PORT: '0' }).port).toBe(0);
  });
});
