// Field sales end to end (docs/sales.md). A sales manager sets the quarter's prospecting
// budget for rep Bima. Bima, whose desktop reaches the server through a line that a fault
// proxy can cut, opens the prospect Budi, opens an opportunity for him and plans a visit.
// The line is cut: Bima checks in, records the result and a transport cost with a receipt
// photo; the visit shows it at once ("waiting to sync"). The line returns: the check-in, the
// result, the cost and the receipt each arrive once. Bima moves the opportunity to won with
// the keyboard menu: a contract appears on Budi's Contracts tab, and Budi is a customer. The
// manager's Budgets screen shows the cost against the budget.
import { type Page } from '@playwright/test';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { startBrowserHost } from './support/browser-host.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';

// A small JPEG (file-type reads the JFIF header): what a phone camera's receipt photo starts with.
const RECEIPT = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(2048, 9)]);


async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await new LoginPage(page).signIn(username, `${username}-pass`);
}

test('a manager sets a budget; a rep plans a visit, works it offline with a receipt, wins the deal; the contract and the cost show', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const proxy = await startFaultProxy(Number(new URL(serverUrl).port));
  const repHost = await startBrowserHost(proxy.url, 'sales-rep');
  const managerHost = await startBrowserHost(serverUrl, 'sales-manager');
  const repContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const managerContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  // Budi starts as a prospect: winning the deal makes him a customer.
  await withServerDb((db) => db.query(`UPDATE customers SET lifecycle = 'prospect' WHERE id IN (SELECT customer_id FROM customer_phones WHERE e164 = $1)`, [DEMO.customer.e164]));
  try {
    // The manager sets Bima's prospecting budget for the quarter.
    const manager = await managerContext.newPage();
    await signIn(manager, managerHost.url, 'salesmgr1');
    await new Shell(manager).go('Budgets');
    const setForm = manager.getByRole('form', { name: 'Set a budget' });
    await setForm.getByRole('combobox', { name: 'For' }).selectOption({ label: 'Bima Saputra' });
    await setForm.getByRole('combobox', { name: 'Budget' }).selectOption('prospecting');
    await setForm.getByRole('textbox', { name: 'Budget (IDR)' }).fill('1000000');
    await setForm.getByRole('button', { name: 'Save budget' }).click();
    await expect(manager.getByRole('status').filter({ hasText: 'Budget saved' })).toBeVisible();
    const bimaRow = manager.getByRole('table', { name: 'Spent vs budget' }).getByRole('row').filter({ hasText: 'Bima Saputra' }).filter({ hasText: 'Prospecting' });
    await expect(bimaRow).toContainText('1,000,000');

    // Bima opens the prospect, opens an opportunity and plans a visit, online.
    const rep = await repContext.newPage();
    await signIn(rep, repHost.url, 'sales1');
    await new SingleScreen(rep).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    const shell = new Shell(rep);
    await shell.go('Pipeline');
    const newOpp = rep.getByRole('form', { name: 'New opportunity' });
    await newOpp.getByRole('textbox', { name: 'Find prospect or customer' }).fill('Budi Santoso');
    await newOpp.getByRole('combobox', { name: 'Prospect or customer' }).selectOption({ index: 1 });
    const title = `Fiber kantor ${Date.now().toString(36)}`;
    await newOpp.getByRole('textbox', { name: 'Title' }).fill(title);
    await newOpp.getByRole('textbox', { name: 'Value (IDR)' }).fill('12000000');
    await newOpp.getByRole('textbox', { name: 'Product codes' }).fill('FIBER-100, STB-4K');
    await newOpp.getByRole('button', { name: 'Create opportunity' }).click();
    await expect(rep.getByRole('status').filter({ hasText: /OPP-\d+ created/ })).toBeVisible();
    const card = rep.getByRole('article', { name: new RegExp(title) });
    await expect(card).toBeVisible();

    await shell.go('Visits');
    const plan = rep.getByRole('form', { name: 'Plan a visit' });
    await plan.getByRole('textbox', { name: 'Find prospect or customer' }).fill('Budi Santoso');
    await plan.getByRole('combobox', { name: 'Prospect or customer' }).selectOption({ index: 1 });
    await plan.getByRole('textbox', { name: 'Purpose' }).fill('Presentasi paket fiber kantor');
    await plan.getByRole('button', { name: 'Plan visit' }).click();
    await expect(rep.getByRole('status').filter({ hasText: 'Visit planned' })).toBeVisible();
    const openVisit = rep.getByRole('button', { name: /Open visit to Budi Santoso/ }).last();
    await expect(openVisit).toBeVisible();

    // The line is cut. Bima checks in, records the result and a cost with a receipt photo.
    proxy.set('drop');
    await shell.go('Pipeline');
    await shell.go('Visits');
    await expect(rep.getByRole('status').filter({ hasText: /Offline: showing the plan kept on this desktop/ })).toBeVisible({ timeout: 30_000 });
    await rep.getByRole('button', { name: /Open visit to Budi Santoso/ }).last().click();
    const panel = rep.getByRole('region', { name: 'Visit to Budi Santoso' });
    await panel.getByRole('button', { name: 'Check in' }).click();
    await expect(panel.getByText(/Checked in at/)).toBeVisible();
    await panel.getByRole('combobox', { name: 'Result' }).selectOption('interested');
    await panel.getByRole('textbox', { name: 'Notes' }).fill('Tertarik, minta penawaran tertulis');
    await panel.getByRole('textbox', { name: 'Next step', exact: true }).fill('Kirim proposal');
    await panel.getByRole('button', { name: 'Save result' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Result saved' })).toBeVisible();
    const cost = panel.getByRole('form', { name: /Add a cost/ });
    await cost.getByRole('combobox', { name: 'Category' }).selectOption('transport');
    await cost.getByRole('textbox', { name: 'Amount (IDR)' }).fill('150000');
    await cost.locator('input[type=file]').setInputFiles({ name: 'struk-taksi.jpg', mimeType: 'image/jpeg', buffer: RECEIPT });
    await cost.getByRole('button', { name: 'Record cost' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Cost recorded' })).toBeVisible();
    await expect(panel.getByText('Waiting to sync')).toBeVisible();
    await expect(panel).toContainText('150,000 so far');
    await expect(rep.getByRole('status', { name: 'Sync status' })).toContainText(/[1-9] changes? waiting/);

    // The line returns: everything arrives once.
    proxy.set('pass');
    await expect(rep.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting', { timeout: 30_000 });
    const arrived = () => withServerDb(async (db) => (await db.query<{ checked_in: boolean; result: string | null; costs: number; receipts: number }>(
      `SELECT v.check_in_at IS NOT NULL AS checked_in, v.result,
              (SELECT count(*)::int FROM sales_costs c WHERE c.visit_id = v.id) AS costs,
              (SELECT count(*)::int FROM sales_costs c JOIN sales_receipts r ON r.id = c.receipt_id WHERE c.visit_id = v.id) AS receipts
       FROM sales_visits v JOIN users u ON u.id = v.owner_id WHERE u.username = 'sales1' AND v.purpose = 'Presentasi paket fiber kantor'
       ORDER BY v.created_at DESC LIMIT 1`)).rows[0]);
    await expect.poll(arrived, { timeout: 30_000 }).toEqual({ checked_in: true, result: 'interested', costs: 1, receipts: 1 });

    // Won, with the keyboard menu on the card: the contract is on Budi's screen.
    await shell.go('Pipeline');
    const menu = rep.getByRole('article', { name: new RegExp(title) }).getByRole('combobox', { name: /Move OPP-\d+ to stage/ });
    await menu.focus();
    await menu.selectOption({ label: 'Won' });
    const won = rep.getByRole('status').filter({ hasText: /won: contract CTR-OPP-\d+ is on the customer's screen/ });
    await expect(won).toBeVisible();
    const contractNo = /CTR-OPP-\d+/.exec(await won.innerText())?.[0] ?? '';
    await new SingleScreen(rep).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    await rep.getByRole('tab', { name: 'Contracts' }).click();
    await expect(rep.getByRole('tabpanel').getByText(contractNo)).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => withServerDb(async (db) => (await db.query<{ lifecycle: string }>(
      'SELECT c.lifecycle FROM contracts k JOIN customers c ON c.id = k.customer_id WHERE k.contract_no = $1', [contractNo])).rows[0]?.lifecycle)).toBe('customer');

    // The manager sees the cost against the budget.
    await manager.reload();
    await expect(bimaRow).toContainText('150,000');
    await expect(bimaRow).toContainText('15 %');
    await expect(bimaRow).toContainText('Within budget');
    await manager.screenshot({ path: test.info().outputPath('budgets-en.png') });
  } finally {
    await repContext.close();
    await managerContext.close();
    await repHost.stop();
    await managerHost.stop();
    await proxy.close();
  }
});
