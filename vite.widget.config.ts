// Builds the customer-side widget (src/widget/) into out/widget/: two classic scripts,
// loader.js (the one script tag a company's site embeds; ≤ 15 KB gzipped) and widget.js
// (loaded by it when the customer opens the chat; ≤ 100 KB gzipped). Library mode, IIFE,
// no framework. One entry per run (SAPA_WIDGET_ENTRY), so neither shares a chunk with the
// other: `npm run build:widget` runs both.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const entry = process.env.SAPA_WIDGET_ENTRY === 'widget' ? 'widget' : 'loader';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./out/widget', import.meta.url)),
    emptyOutDir: entry === 'loader',
    target: 'es2019',
    minify: 'esbuild',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL(`./src/widget/${entry}.ts`, import.meta.url)),
      name: entry === 'widget' ? 'SapaWidgetBundle' : 'SapaLoader',
      formats: ['iife'],
      fileName: () => `${entry}.js`,
    },
  },
});
