// Renders the app icon build/icon.svg to build/icon.png (1024×1024, transparent corners) with
// headless Chromium: electron-builder derives the Windows .ico and the macOS .icns from that
// PNG at package time (docs/packaging.md, "Icons"). Run after changing the SVG:
//   npx tsx scripts/packaging/render-icon.ts      (SAPA_CHROMIUM: default /usr/bin/chromium)
// The renderer's favicon is a copy of the SVG (src/renderer/favicon.svg), written here too.
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const svgPath = path.join(root, 'build/icon.svg');
const svg = await readFile(svgPath, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.SAPA_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'build/icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
await copyFile(svgPath, path.join(root, 'src/renderer/favicon.svg'));
process.stdout.write('build/icon.png (1024×1024) and src/renderer/favicon.svg written\n');
