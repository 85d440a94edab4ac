// A sales rep imports prospects (issue 18, the prospect-import part of the first Must show):
// one line is Budi Santoso written as 0812-3456-7890 — the same person as customer C00000001
// (+62 812-3456-7890) — and is merged into his record, not added; the report says with whom.
// The new prospect joins the rep's list as a suspect and is qualified to prospect; Budi's
// record keeps one customer row and gains the interest. Then the screen in Bahasa Indonesia.
import { randomInt, randomUUID } from 'node:crypto';
import { BUDI } from '../../src/server/seed/budi.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { LoginPage, Shell } from './support/pages.js';

const countByPhone = (e164: string) => withServerDb(async (db) =>
  Number((await db.query<{ n: string }>('SELECT count(DISTINCT customer_id) AS n FROM customer_phones WHERE e164 = $1', [e164])).rows[0]?.n));

test('a rep imports prospects: the duplicate of an existing customer is merged, not duplicated', async ({ page, desktop }) => {
  const tag = randomUUID().slice(0, 6);
  const newPhone = `0858 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`;
  const csv = [
    'name,phone,email,source,interest',
    `Budi Santoso,0812-3456-7890,,pameran ${tag},Paket keluarga ${tag}`,
    `Citra Prospek ${tag},${newPhone},citra.${tag}@example.id,pameran ${tag},Fiber 100 Mbps`,
    `Tanpa Kontak ${tag},,,pameran,`,
  ].join('\n');
  const budiRowsBefore = await countByPhone(BUDI.mobile);
  expect(budiRowsBefore).toBe(1);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('sales1', 'sales1-pass');
  await new Shell(page).go('Prospects');
  const importer = page.getByRole('region', { name: 'Import prospects (CSV)' });
  await importer.getByLabel('Prospect CSV file').setInputFiles({ name: `prospects-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importer.getByRole('button', { name: 'Import' }).click();
  await expect(importer.getByRole('status')).toHaveText('Import finished: 3 lines — 1 new, 1 merged, 1 rejected.');
  const report = importer.getByRole('table', { name: 'Import report' });
  const rows = report.getByRole('row');
  await expect(rows.nth(1)).toContainText(`Merged with ${BUDI.customerNo} Budi Santoso`);
  await expect(rows.nth(2)).toContainText(`Citra Prospek ${tag}`);
  await expect(rows.nth(3)).toContainText('needs a phone number or an e-mail');

  // One Budi still, with the interest; no second customer with his number.
  expect(await countByPhone(BUDI.mobile)).toBe(1);
  const interest = await withServerDb(async (db) => (await db.query<{ interest: string }>(
    'SELECT interest FROM prospect_profiles WHERE customer_id = $1', [BUDI.id])).rows[0]?.interest ?? '');
  expect(interest).toContain(`Paket keluarga ${tag}`);

  // The list: Citra as a suspect owned by the rep; "Qualify" makes her a prospect.
  const list = page.getByRole('table', { name: 'Prospect list' });
  const citra = list.getByRole('row').filter({ hasText: `Citra Prospek ${tag}` });
  await expect(citra).toContainText('Suspect');
  await expect(citra).toContainText('Bima Saputra');
  await citra.getByRole('button', { name: `Qualify Citra Prospek ${tag} as a prospect` }).click();
  await expect(citra).toContainText('Prospect');
  await expect(citra.getByRole('button', { name: /Qualify/ })).toHaveCount(0);

  // Typing Budi in by hand, in yet another form, says so at once.
  const form = page.getByRole('form', { name: 'New prospect' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Pak Budi');
  await form.getByRole('textbox', { name: 'Phone' }).fill('(0812) 3456 7890');
  await form.getByRole('button', { name: 'Save prospect' }).click();
  await expect(form.getByRole('status')).toContainText(`is already customer ${BUDI.customerNo}`);
  expect(await countByPhone(BUDI.mobile)).toBe(1);
});
