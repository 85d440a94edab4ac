// Collections, end to end: a collector (a team lead: receivables.collect) opens the ageing
// worklist, finds an overdue invoice by its open amount, records a promise to pay dated
// today, and the promise becomes a call-back task on that day (the server's call-back
// source queues it). The same screen in Bahasa Indonesia fits 1366×768. Above the list, the
// totals per branch and ageing; a reminder from an approved paragraph reaches the test SMS gateway.
import { randomUUID } from 'node:crypto';
import { BUDI } from '../../src/server/seed/budi.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { LoginPage, Shell } from './support/pages.js';
import { startSmsGateway } from '../support/replies-mail-sink.js';

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

test('the collector sees the totals per branch and ageing, and sends a VVIP customer an approved reminder by SMS (asked first, sent once)', async ({ page, desktop }) => {
  const invoice = await overdueInvoice();
  // The test's SMS gateway, set as the server's gateway for this test (server settings are read at each send).
  const gateway = await startSmsGateway();
  await withServerDb(async (db) => db.query(
    `INSERT INTO server_settings (key, value, updated_at) VALUES ('smsGatewayUrl', $1::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(gateway.url)]));
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    await new Shell(page).go('Collections');

    // Totals: Budi's branch holds at least this invoice's open amount in 31–60 days.
    const branch = await withServerDb(async (db) => (await db.query<{ branch: string }>(
      'SELECT branch FROM customers WHERE customer_no = $1', [BUDI.customerNo])).rows[0]?.branch ?? '');
    const totals = page.getByRole('table', { name: 'Totals per branch and ageing' });
    await expect(totals.getByRole('columnheader', { name: '31–60 days' })).toBeVisible();
    await expect(totals.getByRole('row', { name: new RegExp(`^${branch}`) })).toBeVisible();
    const expected = await withServerDb(async (db) => (await db.query<{ open: number }>(
      `SELECT sum(r.amount_idr - r.paid_idr)::bigint AS open FROM receivables r JOIN customers c ON c.id = r.customer_id
       WHERE c.branch = $1 AND r.paid_idr < r.amount_idr AND (now() AT TIME ZONE 'Asia/Jakarta')::date - r.due_date BETWEEN 31 AND 60`, [branch])).rows[0]?.open ?? 0);
    // The 31–60 column (the third after the branch) holds that sum, as the screen formats rupiah.
    const cell = totals.getByRole('row', { name: new RegExp(`^${branch}`) }).getByRole('cell').nth(2);
    const digits = (s: string) => s.replace(/\D/g, '');
    await expect.poll(async () => digits((await cell.textContent()) ?? '')).toBe(String(expected));

    await page.getByRole('search', { name: 'Worklist filters' }).getByLabel('Open at least (Rp)').fill(String(OPEN_IDR));
    const row = page.getByRole('table', { name: 'Overdue invoices' }).getByRole('row').filter({ hasText: invoice.invoiceNo });
    await row.getByRole('button', { name: `Send a reminder for ${invoice.invoiceNo}` }).click();
    const form = page.getByRole('form', { name: 'Payment reminder' });
    await form.getByLabel('Approved paragraph').selectOption({ label: 'Rincian tagihan bulan ini (id)' });
    const text = `Tagihan Anda untuk periode ini sebesar Rp ${OPEN_IDR.toLocaleString('id-ID')} dengan jatuh tempo`;
    await expect(form.getByLabel('Text to be sent')).toContainText(text);
    await expect(form.getByText(`To: ${BUDI.mobile}`)).toBeVisible();
    await form.getByRole('button', { name: 'Send reminder' }).click();
    // Budi is VVIP: the collector is asked first.
    const ask = page.getByRole('dialog', { name: 'VVIP customer' });
    await expect(ask).toContainText(`${BUDI.fullName} is a VVIP customer`);
    expect(gateway.requests).toHaveLength(0);
    await ask.getByRole('button', { name: 'Yes, send it' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Reminder for ${invoice.invoiceNo} sent to ${BUDI.mobile}` })).toBeVisible();
    await expect.poll(() => gateway.requests.length).toBe(1);
    expect(gateway.requests[0]).toMatchObject({ to: BUDI.mobile });
    expect(gateway.requests[0]?.text).toContain(text);
    // In the customer's timeline: the SMS as an interaction.
    const timeline = await withServerDb(async (db) => (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbound_messages m JOIN interactions i ON i.id = m.interaction_id
       WHERE m.customer_id = $1 AND m.channel = 'sms' AND m.body LIKE $2`, [BUDI.id, `${text}%`])).rows[0]?.n);
    expect(timeline).toBe(1);
  } finally {
    await withServerDb(async (db) => db.query("DELETE FROM server_settings WHERE key = 'smsGatewayUrl'"));
    await gateway.close();
  }
});
