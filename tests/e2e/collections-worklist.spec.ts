// Collections, end to end: a collector (a team lead: receivables.collect) opens the ageing
// worklist, finds an overdue invoice by its open amount, records a promise to pay dated
// today, and the promise becomes a call-back task on that day (the server's call-back
// source queues it). The same screen in Bahasa Indonesia fits 1366×768.
import { randomUUID } from 'node:crypto';
import { BUDI } from '../../src/server/seed/budi.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { LoginPage, Shell } from './support/pages.js';

const LEAD = { username: 'lead1', password: 'lead1-pass' };
const OPEN_IDR = 987_654_321;

async function overdueInvoice(): Promise<{ id: string; invoiceNo: string }> {
  const invoiceNo = `INV-E2E-${randomUUID().slice(0, 8)}`;
  return withServerDb(async (db) => {
    await db.query('UPDATE receivables SET paid_idr = amount_idr WHERE amount_idr >= $1', [OPEN_IDR]);
    const row = (await db.query<{ id: string }>(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
       SELECT gen_random_uuid(), $1, id, $2, 0, current_date - 60, current_date - 45, 'overdue' FROM customers WHERE customer_no = $3
       RETURNING id`, [invoiceNo, OPEN_IDR, BUDI.customerNo])).rows[0];
    if (!row) throw new Error('no invoice');
    return { id: row.id, invoiceNo };
  });
}

test('a collector records a promise to pay from the ageing worklist; it becomes a call-back task on the promised day', async ({ page, desktop }) => {
  const invoice = await overdueInvoice();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(LEAD.username, LEAD.password);
  await new Shell(page).go('Collections');
  await expect(page.getByRole('heading', { name: 'Collections worklist' })).toBeVisible();

  const filters = page.getByRole('search', { name: 'Worklist filters' });
  await filters.getByLabel('Ageing').selectOption({ label: '31–60 days' });
  await filters.getByLabel('Open at least (Rp)').fill(String(OPEN_IDR));
  const table = page.getByRole('table', { name: 'Overdue invoices' });
  const row = table.getByRole('row').filter({ hasText: invoice.invoiceNo });
  await expect(row).toContainText(BUDI.fullName);
  await expect(row).toContainText('31–60 days');

  await row.getByRole('button', { name: `Promise to pay for ${invoice.invoiceNo}` }).click();
  const form = page.getByRole('form', { name: 'Promise to pay' });
  await form.getByLabel('Note').fill('Gajian hari ini');
  await form.getByRole('button', { name: 'Save promise' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Promise recorded for ${invoice.invoiceNo}` })).toBeVisible();

  // The promise is dated today: its call-back falls due today and the server queues the task.
  const callbackId = await withServerDb(async (db) => (await db.query<{ callback_id: string }>(
    'SELECT callback_id FROM payment_promises WHERE receivable_id = $1', [invoice.id])).rows[0]?.callback_id);
  expect(callbackId).toBeTruthy();
  await expect.poll(async () => withServerDb(async (db) => (await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM cc_tasks WHERE kind = 'callback' AND source_ref = $1", [callbackId])).rows[0]?.n), { timeout: 30_000 }).toBe(1);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the worklist in Bahasa Indonesia fits 1366×768', async ({ page, desktop }) => {
    const invoice = await overdueInvoice();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(LEAD.username, LEAD.password, 'id');
    await new Shell(page).go('Penagihan');
    await expect(page.getByRole('heading', { name: 'Daftar kerja penagihan' })).toBeVisible();
    await page.getByRole('search', { name: 'Saringan daftar kerja' }).getByLabel('Sisa minimal (Rp)').fill(String(OPEN_IDR));
    const row = page.getByRole('table', { name: 'Tagihan tertunggak' }).getByRole('row').filter({ hasText: invoice.invoiceNo });
    await row.getByRole('button', { name: `Janji bayar untuk ${invoice.invoiceNo}` }).click();
    await expect(page.getByRole('form', { name: 'Janji bayar' }).getByRole('button', { name: 'Simpan janji' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: 'test-results/collections-id.png' });
  });
});
