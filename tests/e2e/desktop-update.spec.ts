// The desktop's update as the agent sees it, through the browser host's stand-in updater
// (the Electron binary is not here): a loopback feed in electron-builder's format offers
// 1.5.0 to a desktop running 1.4.0; "Check for updates" in About Sapa downloads it; the
// quiet notice offers "Restart now / Later" in English and Indonesian, is usable from the
// keyboard, and a mandatory update shows its deadline.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startProcess, type Running } from './support/processes.js';
import { DEMO, LoginPage } from './support/pages.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

const installer = randomBytes(128 * 1024);
const sha512 = createHash('sha512').update(installer).digest('base64');
let yml = '';
let feed: Server;
let feedUrl = '';

function latestYml(version: string, mandatoryAfter?: string): string {
  return [
    `version: ${version}`, 'files:', `  - url: Sapa-Setup-${version}.exe`, `    sha512: ${sha512}`, `    size: ${installer.length}`,
    `path: Sapa-Setup-${version}.exe`, `sha512: ${sha512}`, "releaseDate: '2026-12-01T10:00:00.000Z'",
    ...(mandatoryAfter ? [`sapaMandatoryAfter: '${mandatoryAfter}'`] : []), '',
  ].join('\n');
}

test.beforeAll(async () => {
  feed = createServer((req, res) => {
    const name = (req.url ?? '').split('?')[0]!.split('/').pop();
    if (name === 'latest.yml') return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    if (name?.endsWith('.exe')) return void res.writeHead(200, { 'content-length': installer.length }).end(installer);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/api/v1/updates/feed/e2e/`;
});
test.afterAll(async () => {
  await new Promise((r) => feed.close(r));
});

let host: Running | null = null;
let dataDir = '';
test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-update-'));
  const port = await freePort();
  host = await startProcess('src/main/host/cli.ts', {
    SAPA_SERVER_URLS: process.env.SAPA_E2E_SERVER_URL ?? '', SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir),
    SAPA_HOST_PORT: String(port), SAPA_UPDATES: 'on', SAPA_UPDATE_FEED_URL: feedUrl, SAPA_APP_VERSION: '1.4.0',
  }, `http://127.0.0.1:${port}/`, 'browser host');
});
test.afterEach(async () => {
  await host?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function checkFromAbout(page: Page) {
  await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
  const about = page.getByRole('dialog').getByRole('region', { name: 'About Sapa' });
  await expect(about.getByTestId('about-version')).toHaveText('1.4.0');
  await about.getByRole('button', { name: 'Check for updates' }).click();
  return about;
}

test('a downloaded update offers "Restart now / Later" at a quiet moment, in both languages and from the keyboard', async ({ page }) => {
  yml = latestYml('1.5.0');
  await page.goto(host!.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const about = await checkFromAbout(page);
  await expect(about.getByTestId('about-update-state')).toHaveText('Version 1.5.0 is ready: restart to install');
  await page.keyboard.press('Escape');

  const notice = page.getByRole('status', { name: 'Sapa update' });
  await expect(notice).toContainText('Update ready: Sapa 1.5.0');
  await notice.getByRole('button', { name: 'Later' }).click();
  await expect(notice).toBeHidden();

  // Put off: the notice comes back only after LATER_MS; About says what the update waits for.
  await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
  await expect(page.getByTestId('about-update-state')).toHaveText('Version 1.5.0 is ready, waiting for: the time you chose');
  await page.keyboard.press('Escape');

  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
  await page.getByRole('button', { name: /Pintasan/ }).click();
  await expect(page.getByRole('region', { name: 'Tentang Sapa' }).getByTestId('about-update-state'))
    .toHaveText('Versi 1.5.0 siap, menunggu: waktu yang Anda pilih');
});

test('"Restart now" by keyboard installs, and a mandatory update shows its deadline', async ({ page }) => {
  // The deadline a week ahead of today (a fixed date falls into the past and installs at once).
  const deadline = new Date(Date.now() + 7 * 86_400_000);
  yml = latestYml('1.5.0', deadline.toISOString());
  await page.goto(host!.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await checkFromAbout(page);
  await page.keyboard.press('Escape');

  const notice = page.getByRole('status', { name: 'Sapa update' });
  await expect(notice).toContainText('This is a security update');
  await expect(notice).toContainText(String(deadline.getFullYear()));
  const restart = notice.getByRole('button', { name: 'Restart now' });
  await restart.focus();
  await page.keyboard.press('Enter');
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
  await expect(page.getByTestId('about-update-state')).toHaveText('Installing 1.5.0…');
});
