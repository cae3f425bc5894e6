// Bundles the Node-side entry points with esbuild. npm packages stay external (native modules,
// ESM-only Baileys); our TypeScript is compiled into one file per entry.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  define: { __APP_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, format: 'esm', entryPoints: ['electron/headless/main.ts'], outfile: 'dist/headless/main.mjs' }),
  build({ ...common, format: 'esm', entryPoints: ['electron/app/main.ts'], outfile: 'dist/electron/main.mjs', external: ['electron'] }),
  // Sandboxed preloads run as CommonJS and may require only 'electron'.
  build({ ...common, packages: undefined, format: 'cjs', entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
]);
console.log('built dist/headless, dist/electron');
