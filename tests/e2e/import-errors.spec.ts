// What an admin sees when an import cannot run: a file over the server's upload limit is
// refused as too large before anything is imported, and a malformed file (an unclosed
// quote) ends the import as failed with the reason. The row-level rejections and the
// 32 MB record are covered on the HTTP API (tests/integration/server/csv-import*.test.ts).
import { test, expect } from './support/fixtures.js';
import { E2E_IMPORT_LIMIT_BYTES } from './support/global-setup.js';
import { DEMO, LoginPage } from './support/pages.js';

const HEADER = 'external_id,full_name,phones,emails,tier,segment,city,customer_since';

test('a file over the upload limit is refused as too large; a malformed file fails with the reason', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.getByRole('link', { name: 'Import customers' }).click();
  const unique = Date.now().toString(36);

  const line = `BIG-${unique},Nama Besar,081200000001,,regular,consumer,Medan,\n`;
  const big = HEADER + '\n' + line.repeat(Math.ceil((E2E_IMPORT_LIMIT_BYTES + 64 * 1024) / line.length));
  await page.getByLabel('CSV file').setInputFiles({ name: 'too-big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('alert')).toHaveText('The file is too large', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Rows read' })).toHaveCount(0);

  const malformed = `${HEADER}\nQ-${unique},"Tanpa Tutup,081200000021,,regular,consumer,Medan,\n`;
  await page.getByLabel('CSV file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(malformed) });
  await page.getByRole('button', { name: 'Start import' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Rows read' });
  await expect(status).toContainText('Import failed: The file is not valid CSV');
  await expect(status.getByText(/Inserted\D*0\b/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
