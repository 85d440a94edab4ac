// Builds the Electron app: main (core + shell), the sandboxed preload and the renderer.
// better-sqlite3 is a native module: it stays external and is loaded from node_modules.
// The preload runs sandboxed, where only CommonJS works, hence format 'cjs' (.cjs).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: { index: here('./src/main/electron/main.ts') },
        external: ['better-sqlite3-multiple-ciphers'],
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      rollupOptions: {
        input: { index: here('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('./out/renderer'),
      rollupOptions: { input: { index: here('./src/renderer/index.html') } },
      chunkSizeWarningLimit: 1000,
    },
  },
});
