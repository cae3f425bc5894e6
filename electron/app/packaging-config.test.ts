import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as { electronFuses: Record<string, boolean> };
// electron-builder's own schema: a misspelt fuse would otherwise be dropped without a word until packaging.
const schema = createRequire(import.meta.url)('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };

describe('packaged app', () => {
  it('ships with the fuses that stop the binary being repurposed', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const fuse of Object.keys(config.electronFuses)) expect(known, fuse).toContain(fuse);
  });
});
