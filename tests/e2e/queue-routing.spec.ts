// The queue's routing settings on Organisation → Queues, end to end: an admin makes a queue
// with a hotline number, a mail address, the longest wait, overflow and priority weights;
// the form refuses what is wrong field by field before anything is sent (a malformed number,
// overflow without a site, weights that are not JSON); what it saves is what the server
// holds; and the router uses it — a mail to the new address becomes a task of that queue.
// The same form in Bahasa Indonesia fits 1366×768 (SAPA_WRITE_SCREENSHOTS=1 writes
// docs/images/queue-form-id.png).
import { randomUUID } from 'node:crypto';
import { mailToIngress } from '../support/replies-mail-sink.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverGet, serverLogin } from './support/server-api.js';

interface QueueRow { code: string; hotlineNumbers: string[]; mailAddresses: string[]; maxWaitSec: number; maxWaitAction: string; overflowSiteCode: string | null; weights: { vvip: number; perSecondWaited: number } }

test('an admin sets a queue’s routing on the form; the server holds it and a mail to its address lands in that queue', async ({ page, desktop }) => {
  // A short code: the Organisation list is checked at 1280 px by shell-layout.spec.ts on the same server.
  const code = `u${randomUUID().slice(0, 5)}`;
  const address = `${code}@sapa.example`;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).go('Organisation');
  await page.getByRole('button', { name: 'Add queue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add queue' });
  await dialog.getByLabel('Code').fill(code);
  await dialog.getByLabel('Label (Bahasa Indonesia)').fill('Antrean uji');
  await dialog.getByLabel('Label (English)').fill('Test queue');
  await dialog.getByLabel('Hotline numbers').fill('1500-777');
  await dialog.getByLabel('Mail addresses').fill(address.toUpperCase());
  await dialog.getByLabel('Longest wait (s)').fill('45');
  await dialog.getByLabel('After the longest wait').selectOption({ label: 'Overflow to the other site' });
  await dialog.getByLabel('Priority weights').fill('{ "vvip": 2000, ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Weights that are not JSON are caught first; nothing was sent.
  await expect(dialog.getByLabel('Priority weights')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Not valid JSON')).toBeVisible();

  await dialog.getByLabel('Priority weights').fill(JSON.stringify({
    vvip: 2000, tier: { platinum: 300, gold: 200, silver: 100, regular: 0 }, perComplaint: 40, maxComplaints: 5,
    perTenureYear: 10, maxTenureYears: 10, postpaid: 50, prepaid: 0, perSecondWaited: 2,
  }));
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Then each field says what is wrong with it: the number's dash, overflow with no site.
  await expect(dialog.getByLabel('Hotline numbers')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Overflow site')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Choose the site callers overflow to')).toBeVisible();
  await expect(dialog.getByLabel('Longest wait (s)')).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Hotline numbers').fill('1500777');
  await dialog.getByLabel('Overflow site').selectOption({ label: 'Yogyakarta (yogyakarta)' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Queues' }).getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('1500777');
  await expect(row).toContainText(address);

  // What the server holds is what the form showed (the address in lower case).
  const token = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  const { items } = await serverGet<{ items: QueueRow[] }>(token, `/admin/org/queues?limit=100&q=${code}`);
  expect(items.find((q) => q.code === code)).toMatchObject({
    hotlineNumbers: ['1500777'], mailAddresses: [address], maxWaitSec: 45, maxWaitAction: 'overflow', overflowSiteCode: 'yogyakarta',
    weights: { vvip: 2000, perSecondWaited: 2 },
  });

  // Opened again, the form shows the saved settings.
  await page.getByRole('button', { name: `Edit ${code}` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit queue' });
  await expect(edit.getByLabel('Longest wait (s)')).toHaveValue('45');
  await expect(edit.getByLabel('Overflow site')).toHaveValue('yogyakarta');
  await expect(edit.getByLabel('Priority weights')).toHaveValue(/"vvip": 2000/);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // The router reads it: a customer's mail to the new address is a task of this queue.
  const subject = `Pertanyaan ${randomUUID().slice(0, 6)}`;
  await mailToIngress(Number(process.env.SAPA_E2E_SMTP_PORT), { from: 'pelanggan@contoh.co.id', to: address, subject, text: 'Halo.' });
  await expect.poll(() => withServerDb(async (db) => (await db.query<{ queue_code: string }>(
    "SELECT queue_code FROM cc_tasks WHERE kind = 'email' AND subject = $1",
    [subject])).rows[0]?.queue_code ?? null), { timeout: 15_000 }).toBe(code);
  await withServerDb((db) => db.query("UPDATE cc_tasks SET status = 'cancelled', ended_at = now() WHERE queue_code = $1 AND status IN ('waiting', 'reserved')", [code]));
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the queue form in Bahasa Indonesia fits 1366×768 with every field labelled', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).go('Organisasi');
    await page.getByRole('button', { name: 'Ubah vip' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah antrean' });
    for (const label of ['Nomor hotline', 'Alamat e-mail', 'Tunggu terlama (detik)', 'Setelah tunggu terlama', 'Lokasi limpahan', 'Bobot prioritas', 'Batas wrap-up (detik)']) {
      await expect(dialog.getByLabel(label, { exact: true })).toBeVisible();
    }
    // The dialog scrolls inside the window: its Save button is reachable, nothing sticks out sideways.
    const save = dialog.getByRole('button', { name: 'Simpan' });
    await save.scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();
    if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/images/queue-form-id.png' });
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1366).toBe(true);
    await dialog.getByRole('button', { name: 'Batal' }).click();
  });
});
