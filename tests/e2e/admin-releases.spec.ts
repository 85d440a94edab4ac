// Administration → Releases: an admin uploads what electron-builder made (a 3 MB installer
// travels in chunks, with progress), a file whose sha512 does not match the yml is refused
// with a clear message, then creates a pilot ring, offers the release with a confirm and
// pauses it; in Indonesian too; an agent has no way in.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './support/fixtures.js';
import { cutLabels, VIEWPORTS } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';

function release(version: string, installer: Buffer, declared = installer) {
  const name = `Sapa-Setup-${version}.exe`;
  const sha512 = createHash('sha512').update(declared).digest('base64');
  const yml = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${declared.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`;
  return [
    { name: 'latest.yml', mimeType: 'text/yaml', buffer: Buffer.from(yml) },
    { name, mimeType: 'application/octet-stream', buffer: installer },
  ];
}

const version = () => `7.${Date.now() % 100000}.${Math.floor(Math.random() * 1000)}`;

test('an admin uploads a release, a wrong sha512 is refused, and the release is offered to a pilot ring and paused', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).nav().getByRole('link', { name: 'Releases' }).click();
  await expect(page.getByRole('heading', { name: 'Desktop releases' })).toBeVisible();

  const bad = version();
  const installer = randomBytes(3 * 1024 * 1024);
  const tampered = Buffer.from(installer);
  tampered[10] = tampered[10]! ^ 1;
  await page.getByLabel('Release files').setInputFiles(release(bad, tampered, installer));
  await page.getByRole('button', { name: 'Upload release' }).click();
  await expect(page.getByRole('alert')).toContainText('does not match its yml');

  const good = version();
  await page.getByLabel('Release files').setInputFiles(release(good, installer));
  await page.getByRole('button', { name: 'Upload release' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ready to offer' })).toContainText(`Release ${good} is ready to offer.`);
  const releases = page.getByRole('table', { name: 'Releases' });
  await expect(releases.getByRole('row').filter({ hasText: good })).toContainText('Ready');
  await expect(releases.getByRole('row').filter({ hasText: bad })).toContainText('Draft');

  await page.getByRole('tab', { name: 'Rings' }).click();
  const ringName = `pilot ${good}`;
  const form = page.getByRole('form', { name: 'New ring' });
  await form.getByRole('textbox', { name: 'Name' }).fill(ringName);
  await form.getByRole('textbox', { name: 'Position' }).fill(String(1 + (Date.now() % 899)));
  await form.getByRole('button', { name: 'Create ring' }).click();
  const row = page.getByRole('table', { name: 'Rings' }).getByRole('row').filter({ hasText: ringName });
  await expect(row).toContainText('Nothing offered');
  await row.getByRole('textbox', { name: `Release for ${ringName}` }).click();
  await page.getByRole('option', { name: good }).click();
  await row.getByRole('button', { name: `Offer to ${ringName}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Offer release' });
  await expect(dialog).toContainText(`Offer ${good} to the ring ${ringName}?`);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(row).toContainText(good);
  await row.getByRole('button', { name: `Pause ${ringName}` }).click();
  await page.getByRole('dialog', { name: 'Pause or resume' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(row).toContainText('Paused');
});

test('a ring that names this desktop shows in the fleet view, and the fleet filters by it', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  const shell = new Shell(page);
  // Signed in, the desktop has registered itself; its install id is in its data folder.
  await shell.nav().getByRole('link', { name: 'Desktop fleet' }).click();
  const installId = (await readFile(path.join(desktop.dataDir, 'install-id'), 'utf8')).trim();
  await shell.nav().getByRole('link', { name: 'Releases' }).click();
  await page.getByRole('tab', { name: 'Rings' }).click();
  const ringName = `it desk ${Date.now() % 100000}`;
  const form = page.getByRole('form', { name: 'New ring' });
  await form.getByRole('textbox', { name: 'Name' }).fill(ringName);
  await form.getByRole('textbox', { name: 'Position' }).fill('0');
  await form.getByRole('textbox', { name: 'Install ids' }).fill(installId);
  await form.getByRole('button', { name: 'Create ring' }).click();
  await expect(page.getByRole('table', { name: 'Rings' }).getByRole('row').filter({ hasText: ringName })).toContainText('desktops: 1');

  await shell.nav().getByRole('link', { name: 'Desktop fleet' }).click();
  const filters = page.getByRole('form', { name: 'Fleet filters' });
  await filters.getByRole('textbox', { name: 'Ring' }).fill(ringName);
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: ringName })).toHaveCount(1);
  await filters.getByRole('textbox', { name: 'Ring' }).fill('no such ring');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: ringName })).toHaveCount(0);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the releases screen speaks Indonesian', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).nav().getByRole('link', { name: 'Rilis' }).click();
    await expect(page.getByRole('heading', { name: 'Rilis desktop' })).toBeVisible();
    await page.getByRole('button', { name: 'Unggah rilis' }).click();
    await expect(page.getByRole('alert')).toContainText('Pilih setidaknya satu latest.yml');
    await page.getByRole('tab', { name: 'Wajib & mirror' }).click();
    await expect(page.getByRole('form', { name: 'Versi minimum wajib' })).toBeVisible();
  });
});

test('an agent has no releases link and its address is not allowed', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Releases' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/releases`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

for (const language of ['en', 'id'] as const) test.describe(`in ${language}`, () => {
  test.use({ locale: language === 'en' ? 'en-US' : 'id-ID' });

  test(`the releases screen fits 1366×768 without a cut label (${language})`, async ({ page, desktop }) => {
    await page.setViewportSize(VIEWPORTS[0]);
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, language);
    await page.goto(`${desktop.url}/#/admin/releases`);
    const en = language === 'en';
    await expect(page.getByRole('button', { name: en ? 'Upload release' : 'Unggah rilis' })).toBeVisible();
    expect(await cutLabels(page)).toEqual([]);
    await page.getByRole('tab', { name: en ? 'Rings' : 'Ring' }).click();
    const form = page.getByRole('form', { name: en ? 'New ring' : 'Ring baru' });
    const ringName = `wave ${language} ${Date.now() % 100000}`;
    await form.getByRole('textbox', { name: en ? 'Name' : 'Nama' }).fill(ringName);
    await form.getByRole('textbox', { name: en ? 'Position' : 'Urutan' }).fill(String(900 + (Date.now() % 100)));
    await form.getByRole('textbox', { name: en ? 'Percentage' : 'Persentase' }).fill('25');
    await form.getByRole('button', { name: en ? 'Create ring' : 'Buat ring' }).click();
    await expect(page.getByRole('table', { name: en ? 'Rings' : 'Daftar ring' }).getByRole('row').filter({ hasText: ringName })).toBeVisible();
    expect(await cutLabels(page)).toEqual([]);
    await page.getByRole('tab', { name: en ? 'Mandatory & mirrors' : 'Wajib & mirror' }).click();
    await expect(page.getByRole('button', { name: en ? 'Save mirror' : 'Simpan mirror' })).toBeVisible();
    expect(await cutLabels(page)).toEqual([]);
  });
});
