// Builds the renderer alone (used by the browser host and the end-to-end tests; the
// Electron build goes through electron-vite). Relative base so file:// loading works.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // One local bundle loaded from disk, not over a network: size matters less than a
    // single request (libphonenumber's full metadata alone is ~150 kB).
    chunkSizeWarningLimit: 1000,
  },
});
