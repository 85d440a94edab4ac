// The admin's audit log: an import the admin just ran is listed with who and from where,
// the filter narrows the list, the export saves the filtered log as CSV; in Indonesian
// too; an agent has no way in.
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';

const HEADER = 'external_id,full_name,phones,emails,tier,segment,city,customer_since';

test('an admin finds the import just run in the audit log, filters it and exports it', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.getByRole('link', { name: 'Import customers' }).click();
  const csv = `${HEADER}\nAUD-${Date.now().toString(36)},Nama Audit,081200000099,,regular,consumer,Medan,\n`;
  await page.getByLabel('CSV file').setInputFiles({ name: 'audit-test.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rows read' })).toContainText('Import finished');

  await new Shell(page).nav().getByRole('link', { name: 'Audit log' }).click();
  const entries = page.getByRole('table', { name: 'Audit entries' });
  await expect(entries).toBeVisible();
  await page.getByRole('textbox', { name: 'Action' }).fill('imports.start');
  await page.getByRole('button', { name: 'Filter' }).click();
  const row = entries.getByRole('row').filter({ hasText: 'imports.start' }).first();
  await expect(row).toContainText(DEMO.admin.username);
  await expect(row).toContainText('127.0.0.1');
  await expect(entries.getByRole('row').filter({ hasText: 'login' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const text = await readFile(file, 'utf8');
  expect(text.split('\n')[0]).toBe('id,at,actor,action,subject,ip,details');
  expect(text).toContain(`${DEMO.admin.username},imports.start`);
  expect(text).not.toContain(',login,');
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the audit log speaks Indonesian and says when nothing matches', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).nav().getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('textbox', { name: 'Tindakan' }).fill('tidak_ada_tindakan_ini');
    await page.getByRole('button', { name: 'Saring' }).click();
    await expect(page.getByText('Tidak ada entri yang cocok dengan saringan ini')).toBeVisible();
  });
});

test('an agent has no audit log link and its address is not allowed', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/audit`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Audit entries' })).toHaveCount(0);
});
