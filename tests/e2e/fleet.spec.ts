// The admins' fleet view: the desktop this test runs registered itself at sign-in, and the
// admin finds it (by its install id) with its version and "online", sees its version in the
// per-version summary and exports the fleet as CSV; in Bahasa Indonesia too; an agent has
// no way in.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures.js';
import { cutLabels, VIEWPORTS } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { ROOT } from './support/processes.js';

// The browser host reports npm's package version, or 0.1.0 when started outside npm.
const APP_VERSION = process.env.npm_package_version ?? '0.1.0';

async function installIdOf(dataDir: string): Promise<string> {
  return (await readFile(path.join(dataDir, 'install-id'), 'utf8')).trim();
}

test('an admin sees the desktop the test runs, online with its version, and exports the fleet', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).nav().getByRole('link', { name: 'Desktop fleet' }).click();
  await expect(page.getByRole('heading', { name: 'Desktop fleet' })).toBeVisible();

  const installId = await installIdOf(desktop.dataDir);
  await page.getByRole('textbox', { name: 'Machine' }).fill(os.hostname().slice(0, 20));
  await page.getByRole('textbox', { name: 'User' }).fill(DEMO.admin.username);
  await page.getByRole('button', { name: 'Filter' }).click();
  const table = page.getByRole('table', { name: 'Desktops' });
  const row = table.getByRole('row').filter({ hasText: installId.slice(0, 8) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(APP_VERSION);
  await expect(row).toContainText('Online');
  await expect(row).toContainText(DEMO.admin.username);
  await expect(row).toContainText('now');

  const chip = page.getByRole('button', { name: new RegExp(`^Version ${APP_VERSION.replace(/\./g, '\\.')}: \\d+ desktops?, \\d+ online$`) });
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  expect(text.split('\n')[0]).toMatch(/^installId,machineName,os,osVersion,appVersion,/);
  expect(text).toContain(`${installId},`);
});

test('filters that match nothing say so, and the keyboard reaches every filter', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.goto(`${desktop.url}/#/admin/fleet`);
  const machine = page.getByRole('textbox', { name: 'Machine' });
  await machine.focus();
  await page.keyboard.type('no-such-machine-anywhere');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No desktop matches these filters.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Last seen' }).selectOption({ label: 'Online' });
  await expect(page.getByRole('combobox', { name: 'Last seen' })).toHaveValue('online');
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the fleet view speaks Indonesian', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).nav().getByRole('link', { name: 'Armada desktop' }).click();
    const installId = await installIdOf(desktop.dataDir);
    await page.getByRole('textbox', { name: 'Pengguna' }).fill(DEMO.admin.username);
    await page.getByRole('button', { name: 'Saring' }).click();
    const row = page.getByRole('table', { name: 'Desktop' }).getByRole('row').filter({ hasText: installId.slice(0, 8) });
    await expect(row).toContainText('Daring');
    await expect(page.getByRole('button', { name: 'Ekspor CSV' })).toBeVisible();
  });
});

test('an agent has no fleet link and its address is not allowed', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Desktop fleet' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/fleet`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Desktops' })).toHaveCount(0);
});

test.describe('layout', () => {
  test.use({ locale: 'id-ID' });

  test('the fleet view fits 1366×768 and 1280×720 in both languages with no label cut off', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    for (const language of ['id', 'en'] as const) {
      if (language === 'en') await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
      await page.goto(`${desktop.url}/#/admin/fleet`);
      await expect(page.getByRole('table', { name: language === 'id' ? 'Desktop' : 'Desktops' })).toBeVisible();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(300);
        expect(await cutLabels(page), `${viewport.width}×${viewport.height} in ${language}`).toEqual([]);
        if (language === 'id' && viewport.width === 1366 && process.env.SAPA_WRITE_SCREENSHOTS === '1') {
          await page.screenshot({ path: path.join(ROOT, 'docs/images', 'admin-fleet-id.png') });
        }
      }
    }
  });
});
