// Organisation → Hotline schedule, end to end: an admin reads the seeded hand-over (Jakarta
// 07:00–23:00, Yogyakarta 23:00–07:00), the form refuses a window that starts and ends at the
// same minute (naming the window and the field, before anything is sent), and what it saves
// is what the server's router reads (GET /admin/org/schedule). The same tab in Bahasa
// Indonesia fits 1366×768 with every control named.
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverGet, serverLogin } from './support/server-api.js';

interface Schedule { windows: { siteCode: string; startsAt: string; endsAt: string; timeZone: string }[] }

test.afterEach(async () => {
  // Put the seeded hand-over back for the specs after this one.
  await withServerDb(async (db) => {
    await db.query("UPDATE site_schedule SET ends_at = '07:00' WHERE site_code = 'yogyakarta' AND starts_at = '23:00'");
  });
});

test('an admin changes the hand-over on the Hotline schedule tab; a window that starts when it ends is refused by name', async ({ page, desktop }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).go('Organisation');
  await page.getByRole('tab', { name: 'Hotline schedule' }).click();
  const form = page.getByRole('form', { name: 'Hotline schedule' });
  const table = form.getByRole('table', { name: 'Hotline schedule' });
  await expect(table.getByRole('row')).toHaveCount(3); // header + the two seeded windows
  await expect(form.getByLabel('Site of window 1')).toHaveValue('jakarta');
  await expect(form.getByLabel('Window 1 from')).toHaveValue('07:00');
  await expect(form.getByLabel('Site of window 2')).toHaveValue('yogyakarta');
  await expect(form.getByLabel('Window 2 until')).toHaveValue('07:00');

  // Yogyakarta's night shift to end at 23:00 too: a window of no length.
  await form.getByLabel('Window 2 until').fill('23:00');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(form.getByRole('alert')).toHaveText('This schedule cannot be saved: window 2: Until');
  const token = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  expect((await serverGet<Schedule>(token, '/admin/org/schedule')).windows.find((w) => w.siteCode === 'yogyakarta')?.endsAt).toBe('07:00');

  // Until 06:00: saved, and the server's schedule says so.
  await form.getByLabel('Window 2 until').fill('06:00');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  const saved = await serverGet<Schedule>(token, '/admin/org/schedule');
  expect(saved.windows).toEqual([
    { siteCode: 'jakarta', startsAt: '07:00', endsAt: '23:00', timeZone: 'Asia/Jakarta' },
    { siteCode: 'yogyakarta', startsAt: '23:00', endsAt: '06:00', timeZone: 'Asia/Jakarta' },
  ]);

  // Opened again after a reload, the tab shows what the server holds.
  await page.reload();
  await new Shell(page).go('Organisation');
  await page.getByRole('tab', { name: 'Hotline schedule' }).click();
  await expect(page.getByRole('form', { name: 'Hotline schedule' }).getByLabel('Window 2 until')).toHaveValue('06:00');
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the Jadwal hotline tab fits 1366×768 with every control named', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).go('Organisasi');
    await page.getByRole('tab', { name: 'Jadwal hotline' }).click();
    const form = page.getByRole('form', { name: 'Jadwal hotline' });
    for (const label of ['Lokasi jendela 1', 'Jendela 1 dari', 'Jendela 1 sampai', 'Zona waktu jendela 1', 'Hapus jendela 2']) {
      await expect(form.getByLabel(label, { exact: true })).toBeVisible();
    }
    await expect(form.getByRole('button', { name: 'Tambah jendela' })).toBeVisible();
    const save = form.getByRole('button', { name: 'Simpan jadwal' });
    await save.scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();
    if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/images/hotline-schedule-id.png' });
    const box = await form.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1366).toBe(true);
  });
});
