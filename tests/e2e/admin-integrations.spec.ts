// The Integrations admin screen end to end: an admin creates an API key for billing and
// reads it once (copy button, warning); the key works against the feed API (a fetch from the
// test, as the billing system would call it); the list shows it was used; the admin revokes
// it after a confirmation and the next call is refused; the change is in the audit log. The
// screen in Bahasa Indonesia at 1366×768; an agent cannot open it (and the server refuses).
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverLogin } from './support/server-api.js';
import { BUDI } from '../../src/server/seed/budi.js';

const api = (path: string) => `${process.env.SAPA_E2E_SERVER_URL ?? ''}/api/v1${path}`;
const invoices = (key: string, invoiceNo: string) => fetch(api('/integrations/invoices'), {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-sapa-key': key },
  body: JSON.stringify({ records: [{ invoiceNo, customerNo: BUDI.customerNo, amountIdr: 250_000, issuedAt: '2026-11-01', dueDate: '2026-11-15' }] }),
});

test('an admin creates an API key, sees it once, the billing system uses it, the admin revokes it and the next call is refused', async ({ page, desktop }) => {
  const name = `billing ${Date.now().toString(36)}`;
  const invoiceNo = `INV-KEY-${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).nav().getByRole('region', { name: 'Administration' }).getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { name: 'Integrations' })).toBeVisible();

  const form = page.getByRole('form', { name: 'New API key' });
  // Nothing chosen: told what is missing, nothing created.
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(form.getByRole('alert')).toContainText('Choose at least one thing the key may write');
  await form.getByRole('checkbox', { name: 'Invoices and payments' }).check();
  await form.getByRole('button', { name: 'Create key' }).click();

  const once = page.getByRole('dialog', { name: `API key for ${name}` });
  await expect(once.getByRole('alert')).toContainText('It is shown only this once');
  await expect(once.getByRole('button', { name: 'Copy key' })).toBeVisible();
  const key = (await once.getByTestId('integration-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sapa_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await once.getByRole('button', { name: 'Close' }).first().click();
  await expect(once).toHaveCount(0);
  // Shown once: the list has its prefix, never the key.
  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 13));
  await expect(row).toContainText('Invoices and payments');
  await expect(row).toContainText('Never');
  await expect(page.getByText(key)).toHaveCount(0);

  // The billing system calls the feed with it.
  const used = await invoices(key, invoiceNo);
  expect(used.status).toBe(200);
  expect(await used.json()).toMatchObject({ received: 1, inserted: 1, rejected: [] });
  await page.reload();
  await expect(row).toContainText('Active');
  await expect(row).not.toContainText('Never');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke the key ${name}?` });
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The key ${name} was revoked.` })).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await invoices(key, `${invoiceNo}-2`);
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'revoked' } });
  // Audited like every other admin change.
  const audited = await withServerDb(async (db) => (await db.query<{ action: string }>(
    "SELECT action FROM audit_log WHERE action LIKE 'integrationKeys.%' AND at > now() - interval '10 minutes'")).rows.map((r) => r.action));
  expect(audited).toEqual(expect.arrayContaining(['integrationKeys.create', 'integrationKeys.revoke']));
});

test('an agent cannot open the Integrations screen, and the server refuses their session', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('link', { name: 'Integrations' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/integrations`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New API key' })).toHaveCount(0);
  const token = await serverLogin(DEMO.agent.username, DEMO.agent.password);
  const res = await fetch(api('/admin/integration-keys'), { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(403);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the Integrations screen in Bahasa Indonesia fits 1366×768', async ({ page, desktop }) => {
    const name = `tagihan ${Date.now().toString(36)}`;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await new Shell(page).go('Integrasi');
    await expect(page.getByRole('heading', { name: 'Integrasi' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Kunci API baru' });
    await form.getByLabel('Nama').fill(name);
    await form.getByRole('checkbox', { name: 'Pesanan' }).check();
    await form.getByRole('button', { name: 'Buat kunci' }).click();
    const once = page.getByRole('dialog', { name: `Kunci API untuk ${name}` });
    await expect(once.getByRole('alert')).toContainText('Kunci hanya ditampilkan sekali ini');
    await expect(once.getByRole('button', { name: 'Salin kunci' })).toBeVisible();
    await page.screenshot({ path: 'test-results/integrations-key-id.png' });
    await once.getByRole('button', { name: 'Tutup' }).first().click();
    const row = page.getByRole('table', { name: 'Kunci API' }).getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Belum pernah');
    await row.getByRole('button', { name: `Cabut ${name}` }).click();
    await page.getByRole('dialog', { name: `Cabut kunci ${name}?` }).getByRole('button', { name: 'Cabut kunci' }).click();
    await expect(row).toContainText('Dicabut');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: 'test-results/integrations-id.png' });
  });
});
