// Lint enforces the layer rules of DESIGN.md §1: who may import what.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer must run without Node built-ins.' };
const electronImport = { name: 'electron', message: 'Only electron/app and electron/preload may import electron.' };
const layer = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'drizzle/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  layer(['shared/**'], {
    paths: [electronImport],
    patterns: [nodeBuiltins, { group: ['../electron/*', '../renderer/*', '**/electron/**', '**/renderer/**'], message: 'shared/ is the bottom layer.' }],
  }),
  layer(['electron/core/**'], {
    paths: [electronImport],
    patterns: [{ group: ['**/app/*', '**/preload/*', '**/headless/*', '**/renderer/**'], message: 'core must not depend on a shell.' }],
  }),
  layer(['electron/headless/**'], {
    paths: [electronImport],
    patterns: [{ group: ['**/app/*', '**/preload/*', '**/renderer/**'], message: 'headless serves the core, not the Electron shell.' }],
  }),
  layer(['electron/preload/**'], {
    patterns: [nodeBuiltins, { group: ['**/core/**', '**/app/*', 'zod'], message: 'The preload only forwards contract names.' }],
  }),
  layer(['renderer/**'], {
    paths: [electronImport],
    patterns: [nodeBuiltins, { group: ['**/electron/**'], message: 'The renderer talks to main only through the contract.' }],
  }),
  layer(['server/**'], {
    paths: [electronImport],
    patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'The central server shares only shared/ with the workstation.' }],
  }),
  // The browser end-to-end tests drive the headless server from Node and evaluate code in the page.
  { files: ['electron/headless/e2e/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
