// `npm run bench`: runs every bench/*.bench.ts in its own process; each prints one JSON line.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  execFileSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
}
