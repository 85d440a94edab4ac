// Builds the customer-side browser sharing script (src/cobrowse/) as one classic script,
// out/widget/cobrowse.js, which the server serves at /api/v1/widget/cobrowse.js. No
// framework: rrweb's recorder and a few plain DOM dialogs (docs/browser-sharing.md).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./out/widget', import.meta.url)),
    // The web widget's files may sit beside it.
    emptyOutDir: false,
    sourcemap: false,
    target: 'es2019',
    lib: {
      entry: fileURLToPath(new URL('./src/cobrowse/index.ts', import.meta.url)),
      name: 'SapaCobrowseBundle',
      formats: ['iife'],
      fileName: () => 'cobrowse.js',
    },
  },
});
