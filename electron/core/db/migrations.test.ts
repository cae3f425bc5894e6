import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';

const repoRoot = join(import.meta.dirname, '../../..');
const migrationsDir = join(repoRoot, 'electron/core/db/migrations');
const sqlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

describe('migrations', () => {
  it('match the schema: drizzle-kit finds nothing new to generate', { timeout: 60_000 }, () => {
    const dir = tempDir('mostrador-drizzle-');
    const copy = join(dir, 'migrations');
    cpSync(migrationsDir, copy, { recursive: true });
    const config = join(dir, 'drizzle.config.json');
    // drizzle-kit resolves `out` relative to the working directory (it prefixes "./").
    writeFileSync(config, JSON.stringify({ dialect: 'sqlite', schema: './electron/core/db/schema.ts', out: relative(repoRoot, copy) }));

    const output = execFileSync('npx', ['drizzle-kit', 'generate', '--config', config], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });

    expect(output).toContain('No schema changes');
    expect(sqlFiles(copy)).toEqual(sqlFiles(migrationsDir));
  });

  it('are compiled: migrations.generated.ts is what compile-migrations would write', { timeout: 60_000 }, () => {
    const check = spawnSync(process.execPath, ['scripts/compile-migrations.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
