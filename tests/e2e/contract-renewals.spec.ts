// Renewals due on the agent's home. The contracts feed names agent1 the sales owner of two
// of Budi's contracts: one ending in 12 days, one in 90 (outside the 60-day window). agent1's
// home lists the first with its product and value, and opening it shows Budi. agent2 owns
// none: their home says so and does not list agent1's. Then the same list in Bahasa
// Indonesia at 1366×768.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BUDI } from '../../src/server/seed/budi.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage } from './support/pages.js';
import { ROOT } from './support/processes.js';

/** The business day (Asia/Jakarta) `days` from today: the day the server counts renewals from. */
const jakartaDay = (days: number): string => new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit',
}).format(new Date(Date.now() + days * 86_400_000));

async function contract(owner: string, endInDays: number, product: string): Promise<string> {
  const contractNo = `CT-E2E-${randomUUID().slice(0, 6).toUpperCase()}`;
  await withServerDb((db) => db.query(
    `INSERT INTO contracts (id, contract_no, customer_id, product, start_date, end_date, monthly_fee_idr, value_idr, status, owner_username)
     SELECT gen_random_uuid(), $1, id, $2, $3::date - 365, $3::date, 1500000, 18000000, 'active', $4
     FROM customers WHERE customer_no = $5`, [contractNo, product, jakartaDay(endInDays), owner, BUDI.customerNo]));
  return contractNo;
}

test('the owner sees a renewal due on the home and opens the customer; another agent does not see it', async ({ page, desktop, secondDesktop, browser }) => {
  await withServerDb((db) => db.query("UPDATE contracts SET owner_username = NULL WHERE owner_username = 'agent2'"));
  const due = await contract('agent1', 12, 'Business Fiber 200 Mbps');
  const later = await contract('agent1', 90, 'Dedicated Line');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const section = page.getByRole('region', { name: 'Renewals due' });
  const item = section.getByRole('list', { name: 'Renewals due' }).getByRole('listitem').filter({ hasText: due });
  await expect(item).toContainText('Business Fiber 200 Mbps');
  await expect(item).toContainText('12 days left');
  await expect(item).toContainText(/value IDR\s18,000,000/);
  await expect(section).not.toContainText(later);
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('renewals-en.png') });
  if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs/images', 'renewals-en.png') });
  await item.getByRole('button', { name: new RegExp(DEMO.customer.name) }).click();
  await expect(page.getByRole('region', { name: 'Customer profile' }).getByRole('heading', { name: new RegExp(DEMO.customer.name) })).toBeVisible();

  const other = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  try {
    const page2 = await other.newPage();
    await page2.goto(secondDesktop.url);
    await new LoginPage(page2).signIn('agent2', 'agent2-pass');
    const theirs = page2.getByRole('region', { name: 'Renewals due' });
    await expect(theirs).toContainText('No contract of yours ends in the next 60 days.');
    await expect(theirs).not.toContainText(due);
  } finally {
    await other.close();
  }
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('renewals due in Bahasa Indonesia fit 1366×768', async ({ page, desktop }) => {
    const due = await contract('agent1', 5, 'Paket Bisnis 100 Mbps');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    const item = page.getByRole('region', { name: 'Perpanjangan jatuh tempo' }).getByRole('listitem').filter({ hasText: due });
    await expect(item).toContainText('sisa 5 hari');
    await expect(item).toContainText(/nilai Rp\s18\.000\.000/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('renewals-id.png') });
    if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs/images', 'renewals-id.png') });
  });
});
