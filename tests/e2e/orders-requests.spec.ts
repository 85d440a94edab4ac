// Orders after the sale, end to end. The order system has Budi's fibre installation at
// "provisioning", expected in two days. Agent A sees it at a glance on the profile, opens
// the order's status history, and files a reschedule request; the request is in the
// timeline. A's link to the server is then cut (a TCP fault proxy between A's core and the
// server) and A files a second reschedule: it shows at once and reaches the server once when
// the line returns. The back office (a lead, on another desktop) sees both requests in its
// queue and marks one done with a note; A's timeline shows that. Then the same in Bahasa
// Indonesia at 1366×768.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { BUDI } from '../../src/server/seed/budi.js';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { startBrowserHost } from './support/browser-host.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { ROOT } from './support/processes.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';

const startHost = (serverUrl: string) => startBrowserHost(serverUrl, 'orders');

/** With SAPA_WRITE_SCREENSHOTS=1 the documentation's screenshots are written to docs/images/. */
async function docShot(page: Page, name: string): Promise<void> {
  if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs/images', name) });
}

const DAY = 86_400_000;
/** YYYY-MM-DD in Jakarta, `days` from now. */
const jakartaDay = (days: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY));

/** A service order for Budi, now provisioning, expected in two days (noon in Jakarta). */
async function provisioningOrder(): Promise<{ id: string; orderNo: string; expectedDay: string }> {
  const id = randomUUID();
  const orderNo = `ORD-E2E-${id.slice(0, 6).toUpperCase()}`;
  const expectedDay = jakartaDay(2);
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
  await withServerDb((db) => db.query(
    `INSERT INTO orders (id, order_no, customer_id, product, amount_idr, status, placed_at, status_history, expected_at)
     SELECT $1, $2, id, 'Fiber 100 Mbps + pemasangan', 450000, 'provisioning', $3, $4::jsonb, $5::timestamptz FROM customers WHERE customer_no = $6`,
    [id, orderNo, at(4), JSON.stringify([
      { status: 'received', at: at(4) }, { status: 'verified', at: at(3) }, { status: 'provisioning', at: at(1) },
    ]), `${expectedDay}T12:00:00+07:00`, BUDI.customerNo]));
  return { id, orderNo, expectedDay };
}

async function fileReschedule(page: Page, orderNo: string, day: string, details: string): Promise<void> {
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('button', { name: `Request for ${orderNo}` }).click();
  const form = page.getByRole('form', { name: `Note or request on order ${orderNo}` });
  await expect(form.getByRole('combobox', { name: 'What does the customer want?' })).toHaveValue('reschedule');
  await form.getByLabel('Wanted date').fill(day);
  await form.getByRole('textbox', { name: 'Details' }).fill(details);
  await form.getByRole('button', { name: 'Send to back office' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Request on ${orderNo} sent to the back office.` })).toBeVisible();
}

test('an agent sees an order at a glance, files a reschedule (once offline too), the back office marks it done', async ({ browser }) => {
  const order = await provisioningOrder();
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const proxy = await startFaultProxy(Number(new URL(serverUrl).port));
  const hostA = await startHost(proxy.url);
  const hostB = await startHost(serverUrl);
  const contextA = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const contextB = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  try {
    const pageA = await contextA.newPage();
    await pageA.goto(hostA.url);
    await new LoginPage(pageA).signIn(DEMO.agent.username, DEMO.agent.password);
    const screen = new SingleScreen(pageA);
    await screen.openCustomer(DEMO.customer.e164, DEMO.customer.name);

    // At a glance on the profile: the status and the expected date.
    const expected = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${order.expectedDay}T00:00:00Z`));
    const glance = screen.profile().getByRole('list', { name: 'Orders in progress' }).getByRole('listitem').filter({ hasText: order.orderNo });
    await expect(glance).toContainText(`Order ${order.orderNo}: Provisioning, expected ${expected}`);

    // The history on expanding the row.
    await pageA.getByRole('tab', { name: 'Orders' }).click();
    const toggle = pageA.getByRole('button', { name: `History of ${order.orderNo}` });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const steps = pageA.getByRole('list', { name: `Status history of ${order.orderNo}` }).getByRole('listitem');
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText('Received');
    await expect(steps.nth(1)).toContainText('Verified');
    await expect(steps.nth(2)).toContainText('Provisioning');
    await docShot(pageA, 'orders-en.png');

    // A reschedule request, online: in the timeline.
    const wanted = jakartaDay(9);
    await fileReschedule(pageA, order.orderNo, wanted, 'Pelanggan minta hari Sabtu pagi');
    await pageA.getByRole('tab', { name: 'History' }).click();
    await expect(screen.entries().filter({ hasText: `${order.orderNo} · reschedule to ${wanted}` })).toHaveCount(1);
    await pageA.screenshot({ path: test.info().outputPath('orders-en.png') });

    // Offline: the second request shows at once and waits in the outbox.
    proxy.set('drop');
    const wantedOffline = jakartaDay(12);
    await fileReschedule(pageA, order.orderNo, wantedOffline, 'Dicatat saat jaringan putus');
    await pageA.getByRole('tab', { name: 'History' }).click();
    await expect(screen.entries().filter({ hasText: `${order.orderNo} · reschedule to ${wantedOffline}` })).toHaveCount(1);
    await expect(pageA.getByRole('status', { name: 'Sync status' })).toContainText('1 change waiting');

    // The line returns: the request reaches the server once.
    proxy.set('pass');
    await expect(pageA.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting', { timeout: 30_000 });
    const counts = async () => withServerDb(async (db) => (await db.query<{ wanted: string; n: number }>(
      `SELECT wanted_date::text AS wanted, count(*)::int AS n FROM order_requests WHERE order_id = $1 GROUP BY 1 ORDER BY 1`, [order.id])).rows);
    await expect.poll(counts, { timeout: 30_000 }).toEqual([{ wanted, n: 1 }, { wanted: wantedOffline, n: 1 }]);

    // The back office (lead1) sees both in its queue and marks the offline one done.
    const pageB = await contextB.newPage();
    await pageB.goto(hostB.url);
    await new LoginPage(pageB).signIn('lead1', 'lead1-pass');
    await new Shell(pageB).go('Order requests');
    await expect(pageB.getByRole('heading', { name: 'Order requests for the back office' })).toBeVisible();
    const queue = pageB.getByRole('table', { name: 'Open order requests' });
    await expect(queue.getByRole('row').filter({ hasText: order.orderNo })).toHaveCount(2);
    const row = queue.getByRole('row').filter({ hasText: 'Dicatat saat jaringan putus' });
    await expect(row).toContainText('Reschedule');
    await expect(row).toContainText('by agent1');
    await row.getByRole('button', { name: `Mark the request on ${order.orderNo} done` }).click();
    const done = pageB.getByRole('form', { name: `Done: request on ${order.orderNo}` });
    await done.getByRole('textbox', { name: 'Note for the agent' }).fill('Teknisi dijadwalkan ulang');
    await done.getByRole('button', { name: 'Mark done' }).click();
    await expect(pageB.getByRole('status').filter({ hasText: `The request on ${order.orderNo} is done.` })).toBeVisible();
    await expect(queue.getByRole('row').filter({ hasText: order.orderNo })).toHaveCount(1);
    await pageB.screenshot({ path: test.info().outputPath('order-requests-en.png') });
    await docShot(pageB, 'order-requests-en.png');

    // A's timeline shows the back office's answer (pulled from the server).
    const answer = screen.entries().filter({ hasText: `${order.orderNo} · reschedule request done` });
    await expect(answer).toHaveCount(1, { timeout: 30_000 });
    await expect(answer).toContainText('Dewi Lestari');
    await answer.getByRole('button', { name: 'Show details' }).click();
    await expect(answer).toContainText('Teknisi dijadwalkan ulang');
  } finally {
    await contextA.close();
    await contextB.close();
    await hostA.stop();
    await hostB.stop();
    await proxy.close();
  }
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the order at a glance, its history and a request in Bahasa Indonesia fit 1366×768', async ({ page, desktop }) => {
    const order = await provisioningOrder();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    const screen = new SingleScreen(page);
    await screen.openCustomer(DEMO.customer.e164, DEMO.customer.name);
    const glance = screen.profile().getByRole('list', { name: 'Pesanan dalam proses' }).getByRole('listitem').filter({ hasText: order.orderNo });
    await expect(glance).toContainText(`Pesanan ${order.orderNo}: Sedang disiapkan, perkiraan`);

    await page.getByRole('tab', { name: 'Pesanan' }).click();
    await page.getByRole('button', { name: `Riwayat ${order.orderNo}` }).click();
    await expect(page.getByRole('list', { name: `Riwayat status ${order.orderNo}` }).getByRole('listitem')).toHaveCount(3);
    await docShot(page, 'orders-id.png');
    await page.getByRole('button', { name: `Permintaan untuk ${order.orderNo}` }).click();
    const form = page.getByRole('form', { name: `Catatan atau permintaan pada pesanan ${order.orderNo}` });
    await form.getByRole('combobox', { name: 'Apa yang diminta pelanggan?' }).selectOption({ label: 'Batalkan pesanan' });
    await form.getByRole('textbox', { name: 'Rincian' }).fill('Pelanggan pindah rumah');
    await form.getByRole('button', { name: 'Kirim ke back office' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Permintaan pada ${order.orderNo} dikirim ke back office.` })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: test.info().outputPath('orders-id.png') });
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM order_requests WHERE order_id = $1 AND kind = 'cancel'", [order.id])).rows[0]?.n), { timeout: 30_000 }).toBe(1);
  });
});
