// Lint that enforces the runtime layers (see src/*/README.md):
//   shared (pure)  ←  main/core (Node)  ←  main/electron (Electron)
//   renderer (DOM) imports only shared;  server never imports desktop code.
//   main/core/cache is core's ground floor: it imports only itself and shared.
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (an unsent note, a failed
    // upload) without a trace.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Product code logs through its logger (pino on the server and in core, the renderer's
    // logger), so levels and redaction apply; scripts, benches and tests may print.
    files: ['src/**'],
    rules: { 'no-console': 'error' },
  },
  layer(['src/shared/**'], ['**/main/**', '**/renderer/**', '**/server/**', '**/preload/**', 'electron', 'node:*', 'fs', 'path', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'react', 'react-dom'],
    'src/shared is pure TypeScript: it may import only other shared modules and pure libraries.'),
  layer(['src/renderer/**'], ['**/main/**', '**/server/**', '**/preload/**', 'electron', 'node:*', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg', '@electric-sql/*', 'fastify'],
    'The renderer may import only src/shared and browser libraries; it reaches core through window.sapa.'),
  layer(['src/main/core/**', 'src/main/host/**'], ['electron', 'electron/*', '**/electron/**', '**/renderer/**', '**/server/**', '**/preload/**'],
    'Core and the browser host run in plain Node: never import electron, the renderer or the server.'),
  // The cache is core's ground floor: feature folders plug their tables into it
  // (cache/cache-table.ts), it never imports them. Only src/shared is reachable from here.
  {
    files: ['src/main/core/cache/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*', '**/renderer/**', '**/server/**', '**/preload/**', '**/main/**'],
          message: 'Core and the browser host run in plain Node: never import electron, the renderer or the server.' },
        { regex: '^\\.\\./(\\.\\./)?(?!\\.\\./)', message:
          'src/main/core/cache may import only itself, src/shared and libraries; a feature hands its table in (cache-table.ts).' },
      ] }],
    },
  },
  layer(['src/main/electron/**'], ['**/renderer/**', '**/server/**'],
    'The Electron shell hosts core; it never imports the renderer or the server.'),
  layer(['src/preload/**'], ['**/main/**', '**/renderer/**', '**/server/**'],
    'The preload is a few lines over contextBridge; it imports only src/shared and electron.'),
  layer(['src/server/**'], ['**/main/**', '**/renderer/**', '**/preload/**', 'electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    'The server never imports desktop code.'),
  layer(['src/cobrowse/**'], ['**/main/**', '**/renderer/**', '**/server/**', '**/preload/**', 'electron', 'node:*', 'react', 'react-dom', 'zod', '@mantine/*'],
    "The customer-side browser sharing script runs on the company's site: plain DOM and rrweb, types from src/shared only."),
);
