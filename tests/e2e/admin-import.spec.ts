// An admin imports customers from CSV through the screen, sees progress and the
// counts, downloads the rejected rows, and an imported name with a script tag shows as text.
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { BUDI } from '../../src/server/seed/budi.js';

const unique = Date.now().toString(36);
const CSV = [
  'external_id,full_name,phones,emails,tier,segment,city,customer_since',
  `E2E-${unique}-1,Dewi Lestari,0813 1111 2222;(021) 7654321,dewi@example.co.id,gold,consumer,Bandung,2019-04-01`,
  `E2E-${unique}-2,<script>alert(1)</script> Joko,0813 3333 4444,,silver,consumer,Surabaya,2020-01-15`,
  `E2E-${unique}-3,,0813 5555 6666,,regular,consumer,Medan,2021-02-02`,
  `E2E-${unique}-4,Rina Bad Phone,12345,,regular,consumer,Medan,2021-02-02`,
  `E2E-${unique}-1,Dewi Duplicate,0813 7777 8888,,gold,consumer,Bandung,2019-04-01`,
].join('\n');

test('an admin imports a CSV with bad rows and gets a report of the rejected ones', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.getByRole('link', { name: 'Import customers' }).click();

  await page.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Start import' }).click();
  const progress = page.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(page.getByText(/Inserted\D*2\b/)).toBeVisible();
  await expect(page.getByText(/Rejected\D*3\b/)).toBeVisible();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download rejected rows' }).click();
  const download = await downloadPromise;
  const report = await readFile((await download.path())!, 'utf8');
  const lines = report.trim().split(/\r?\n/);
  expect(lines).toHaveLength(4); // header + 3 rejected rows
  expect(report).toMatch(/name/i); // the missing name
  expect(report).toContain('12345'); // the invalid phone
  expect(report).toMatch(/duplicate/i);

  // The imported name with a script tag renders literally, never as markup.
  const screen = new SingleScreen(page);
  await page.goto(`${desktop.url}/#/`);
  await screen.search().fill('0813 3333 4444');
  await screen.results().getByRole('option').first().click();
  // The profile's first heading is the name (notes, call-backs and the reply composer follow).
  await expect(screen.profile().getByRole('heading').first()).toContainText('<script>alert(1)</script> Joko');
});

test('an admin imports an invoices feed file on the same screen; bad rows are in the rejects report', async ({ page, desktop }) => {
  const tag = Date.now().toString(36);
  const csv = [
    'invoice_no,customer_no,amount_idr,issued_at,due_date,paid_idr',
    `INV-CSV-${tag}-1,${BUDI.customerNo},500000,2026-10-01,2026-10-15,100000`,
    `INV-CSV-${tag}-2,${BUDI.customerNo},lots,2026-10-01,2026-10-15,`,
    `INV-CSV-${tag}-3,NO-SUCH-CUSTOMER,100000,2026-10-01,2026-10-15,`,
  ].join('\n');
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.getByRole('link', { name: 'Import customers' }).click();
  await page.getByLabel('What the file holds').selectOption({ label: 'Invoices and payments' });
  await expect(page.getByText(/Columns: invoice_no/)).toBeVisible();
  await page.getByLabel('CSV file').setInputFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByText(/Inserted\D*1\b/)).toBeVisible();
  await expect(page.getByText(/Rejected\D*2\b/)).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download rejected rows' }).click();
  const report = await readFile((await (await downloadPromise).path())!, 'utf8');
  expect(report).toContain(`INV-CSV-${tag}-2`);
  expect(report).toContain('NO-SUCH-CUSTOMER');
  expect(report).not.toContain(`INV-CSV-${tag}-1,`);
});
