// The Users admin screen end to end (issue 12, "Must show"): an admin creates an agent with
// a queue and an extension on the screen and reads the password once; that agent signs in
// on a second desktop and works; disabling the agent from the screen signs that open
// desktop out within seconds (the live socket), with the reason on the sign-in screen; and
// an agent can open no admin page (the route guard) while the server refuses them (403).
// Registering the softphone needs Kamailio: tests/sip/admin-created-agent.spec.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';
import { startProcess, freePort } from './support/processes.js';
import { serverLogin } from './support/server-api.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

/** A second desktop (its own host, core and data folder) on the suite's server. */
async function secondDesktop(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-desktop2-'));
  const port = await freePort();
  const host = await startProcess('src/main/host/cli.ts', {
    SAPA_SERVER_URLS: process.env.SAPA_E2E_SERVER_URL ?? '', SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir),
    SAPA_HOST_PORT: String(port),
  }, `http://127.0.0.1:${port}/`, 'second browser host');
  return { url: host.url, stop: async () => { await host.stop(); await rm(dataDir, { recursive: true, force: true }); } };
}

/** Every admin screen, and one that does not exist (yet): an agent is told "not allowed" for each. */
const ADMIN_PAGES = ['#/admin/users', '#/admin/import', '#/admin/audit', '#/admin/fleet'];

test('an admin creates an agent with a queue and an extension; the agent signs in and works; disabling signs their open desktop out', async ({ page, desktop, browser }) => {
  const username = `agen.${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).nav().getByRole('region', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  const screen = page.getByRole('region', { name: 'Users' });
  await expect(screen.getByRole('table', { name: 'Users' })).toBeVisible();

  await screen.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('dialog', { name: 'New user' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Display name').fill('Agen Baru');
  await form.getByRole('checkbox', { name: 'Billing' }).check();
  await form.getByLabel('SIP extension').fill('4711');
  // The e-mail address scheduled reports go to: a malformed one is refused in the form.
  await form.getByLabel('E-mail address').fill('agen.baru@');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByText('Enter an e-mail address like name@example.co.id')).toBeVisible();
  await form.getByLabel('E-mail address').fill(`${username}@sapa.example`);
  await form.getByRole('button', { name: 'Create user' }).click();

  const shown = page.getByRole('dialog', { name: 'Password for Agen Baru' });
  await expect(shown).toContainText('Shown only now');
  const password = (await shown.getByTestId('generated-password').textContent())?.trim() ?? '';
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  await shown.getByRole('button', { name: 'Close' }).first().click();
  await screen.getByLabel('Search').fill(username);
  await screen.getByRole('button', { name: 'Search', exact: true }).click();
  const row = screen.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('billing');
  await expect(row).toContainText('4711');
  await expect(row).toContainText('Active');

  // The new agent signs in on a desktop of their own and works.
  const other = await secondDesktop();
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const agent = await context.newPage();
    await agent.goto(other.url);
    await new LoginPage(agent).signIn(username, password);
    await expect(agent.getByRole('region', { name: 'Call-backs due today' })).toBeVisible();
    await expect(agent.getByTestId('current-user')).toHaveText('Signed in as Agen Baru (Agent)');
    // Works: finds and opens a customer.
    await new SingleScreen(agent).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    await expect(new Shell(agent).nav().getByRole('region', { name: 'Administration' })).toHaveCount(0);

    // The admin disables the agent; the open desktop signs out within seconds, saying why.
    await row.getByRole('button', { name: `Disable ${username}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable Agen Baru?' });
    await confirm.getByRole('button', { name: 'Disable account' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Agen Baru was disabled and signed out' })).toBeVisible();
    await expect(row).toContainText('Disabled');
    await expect(agent.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 5_000 });
    await expect(agent.getByRole('status').filter({ hasText: 'Your account was disabled' })).toBeVisible();

    // Signing in again is refused with a clear message.
    await new LoginPage(agent).signIn(username, password);
    await expect(agent.getByRole('alert')).toContainText('This account is disabled. Ask your administrator.');
  } finally {
    await context.close();
    await other.stop();
  }
});

test('an agent can open no admin page: the route guard says not allowed and the server answers 403', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('region', { name: 'Administration' })).toHaveCount(0);
  for (const address of ADMIN_PAGES) {
    await page.goto(`${desktop.url}/${address}`);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
  }
  const token = await serverLogin(DEMO.agent.username, DEMO.agent.password);
  for (const apiPath of ['/admin/users', '/admin/users/options', '/admin/imports/00000000-0000-4000-8000-000000000000', '/admin/audit']) {
    const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL ?? ''}/api/v1${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, apiPath).toBe(403);
  }
  const create = await fetch(`${process.env.SAPA_E2E_SERVER_URL ?? ''}/api/v1/admin/users`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}',
  });
  expect(create.status).toBe(403);
});

test('an admin resets a password (shown once, the old one stops working) and creates users from a CSV file', async ({ page, desktop }) => {
  const stamp = Date.now().toString(36);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await page.goto(`${desktop.url}/#/admin/users`);
  const screen = page.getByRole('region', { name: 'Users' });

  // CSV: a bad file creates nobody and lists the problem by row and column.
  await screen.getByRole('button', { name: 'Create from CSV' }).click();
  const bulk = page.getByRole('dialog', { name: 'Create users from CSV' });
  const file = (text: string) => ({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await bulk.locator('input[type=file]').setInputFiles(file(`username,display name,role,queues\ncsv.${stamp},CSV Satu,agent,mars\n`));
  await bulk.getByRole('button', { name: 'Check and create' }).click();
  await expect(bulk.getByRole('alert')).toContainText('Nothing was created: 1 problem in the file.');
  await expect(bulk.getByRole('table', { name: 'Problems in the file' }).getByRole('row', { name: /2 queues unknown queue "mars"/ })).toBeVisible();
  // Fixed, it creates the user and offers the passwords once.
  await bulk.locator('input[type=file]').setInputFiles(file(`username,display name,role,queues\ncsv.${stamp},CSV Satu,agent,billing\n`));
  await bulk.getByRole('button', { name: 'Check and create' }).click();
  await expect(bulk.getByRole('status')).toContainText('1 user created. Download the password now');
  const download = page.waitForEvent('download');
  await bulk.getByRole('button', { name: 'Download passwords (CSV)' }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  });
  const [, line] = csv.trim().split(/\r?\n/);
  const firstPassword = line?.split(',')[2] ?? '';
  expect(firstPassword).toMatch(/^[A-Za-z0-9]{20}$/);
  await bulk.getByRole('button', { name: 'Close' }).first().click();

  // Reset: a new password shown once; the file's one no longer signs in.
  await screen.getByLabel('Search').fill(`csv.${stamp}`);
  await screen.getByRole('button', { name: 'Search', exact: true }).click();
  await screen.getByRole('button', { name: `Reset password of csv.${stamp}` }).click();
  await page.getByRole('dialog', { name: 'Reset the password of CSV Satu?' }).getByRole('button', { name: 'Reset password' }).click();
  const shown = page.getByRole('dialog', { name: 'Password for CSV Satu' });
  const password = (await shown.getByTestId('generated-password').textContent())?.trim() ?? '';
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  expect(password).not.toBe(firstPassword);
  await shown.getByRole('button', { name: 'Close' }).first().click();
  await expect(shown).toHaveCount(0);
  const login = (pw: string) => fetch(`${process.env.SAPA_E2E_SERVER_URL ?? ''}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `csv.${stamp}`, password: pw }),
  });
  expect((await login(firstPassword)).status).toBe(401);
  expect((await login(password)).status).toBe(200);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the Users screen and its form speak Indonesian and fit 1366×768', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
    await page.goto(`${desktop.url}/#/admin/users`);
    const screen = page.getByRole('region', { name: 'Pengguna' });
    await expect(screen.getByRole('table', { name: 'Pengguna' })).toBeVisible();
    await expect(screen.getByRole('button', { name: 'Nonaktifkan agent1' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    await screen.getByRole('button', { name: 'Pengguna baru' }).click();
    const form = page.getByRole('dialog', { name: 'Pengguna baru' });
    await form.getByRole('button', { name: 'Buat pengguna' }).click();
    await expect(form.getByText('Wajib diisi').first()).toBeVisible();
    await form.getByLabel('Nama pengguna').fill('Bukan Valid');
    await form.getByLabel('Nama tampilan').fill('X');
    await form.getByRole('button', { name: 'Buat pengguna' }).click();
    await expect(form.getByRole('alert')).toContainText('Beberapa isian tidak valid');
  });
});
