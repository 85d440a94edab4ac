// Role-guarded screens: the navigation lists only what the role may use, and a typed
// address of another role's screen shows "not allowed", never the screen.
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';

test('an agent who types a lead’s address gets the not-allowed page, not the page', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const nav = new Shell(page).nav();
  await expect(nav.getByRole('region', { name: 'Agent' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('region', { name: 'Team lead' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Floor' })).toHaveCount(0);

  for (const address of ['#/library', '#/floor', '#/admin/org', '#/admin/settings']) {
    await page.goto(`${desktop.url}/${address}`);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('You do not have access to this page');
    await expect(page.getByText('not available to the Agent role')).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Reply library' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Agents and their status' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Organisation' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Server settings' })).toHaveCount(0);
  // The way back works.
  await page.getByRole('link', { name: 'Back to the home screen' }).click();
  await expect(page.getByRole('region', { name: 'Call-backs due today' })).toBeVisible();
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the not-allowed page speaks Indonesian', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    await expect(new Shell(page).nav().getByRole('link', { name: 'Beranda' })).toBeVisible();
    await page.goto(`${desktop.url}/#/floor`);
    await expect(page.getByRole('heading', { name: 'Tidak diizinkan' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Anda tidak memiliki akses ke halaman ini');
  });

  test('a phone the server has not set up says so in Indonesian, not in the server\'s words', async ({ page, desktop }) => {
    // The e2e server runs without a SIP secret.
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    const status = page.getByRole('status', { name: /registrasi/i });
    await expect(status).toContainText('Registrasi gagal');
    await expect(status).toContainText('Telepon belum disiapkan di server: hubungi TI');
    await expect(status).not.toContainText('SAPA_SIP_SECRET');
  });
});

test('a lead sees the lead group and the floor; an admin also sees administration', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('lead1', 'lead1-pass');
  const shell = new Shell(page);
  const leadGroup = shell.nav().getByRole('region', { name: 'Team lead' });
  await expect(leadGroup.getByRole('link', { name: 'Reply library' })).toBeVisible();
  await expect(leadGroup.getByRole('link', { name: 'Floor' })).toBeVisible();
  await expect(shell.nav().getByRole('region', { name: 'Administration' })).toHaveCount(0);
  await leadGroup.getByRole('link', { name: 'Floor' }).click();
  await expect(page.getByRole('heading', { name: 'Agents on the floor' })).toBeVisible();
  await expect(leadGroup.getByRole('link', { name: 'Floor' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/import`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  // The next user starts at home, not on the screen the last one left open.
  await expect(page.getByRole('region', { name: 'Call-backs due today' })).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await expect(shell.nav().getByRole('region', { name: 'Administration' }).getByRole('link', { name: 'Import customers' })).toBeVisible();
  await expect(shell.nav().getByRole('region', { name: 'Team lead' }).getByRole('link', { name: 'Floor' })).toBeVisible();
});

test('? opens the keyboard shortcuts, which list the search and softphone keys', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(page.getByRole('region', { name: 'Call-backs due today' })).toBeVisible();
  await page.locator('body').click({ position: { x: 700, y: 5 } });
  await page.keyboard.press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Ctrl\+K Go to the customer search/ })).toBeVisible();
  await expect(help.getByRole('row', { name: /Alt\+A Answer the ringing call/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // Typed into a text field, "?" is just a character.
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await search.fill('');
  await search.press('Shift+Slash');
  await expect(search).toHaveValue('?');
  await expect(help).toHaveCount(0);
  // The search hotkey still works from anywhere.
  await page.locator('body').click({ position: { x: 700, y: 5 } });
  await page.keyboard.press('Control+K');
  await expect(search).toBeFocused();
});

test('a sales rep sees the sales group but not the catalogue, the lead\'s or the admin\'s screens; an agent no sales screens', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('sales1', 'sales1-pass');
  const nav = new Shell(page).nav();
  await expect(nav.getByRole('region', { name: 'Sales' }).getByRole('link', { name: 'Prospects' })).toBeVisible();
  await expect(nav.getByRole('region', { name: 'Agent' }).getByRole('link', { name: 'Telesales' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Product catalogue' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Pipeline stages' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Prospect assignment' })).toHaveCount(0);
  await expect(nav.getByRole('region', { name: 'Team lead' })).toHaveCount(0);
  await expect(nav.getByRole('region', { name: 'Administration' })).toHaveCount(0);
  for (const address of ['#/sales/catalogue', '#/sales/stages', '#/sales/assignment', '#/admin/users', '#/floor']) {
    await page.goto(`${desktop.url}/${address}`);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText('not available to the Sales representative role')).toBeVisible();
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(page.getByRole('region', { name: 'Call-backs due today' })).toBeVisible();
  await expect(new Shell(page).nav().getByRole('region', { name: 'Sales' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/sales/prospects`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New prospect' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/sales/stages`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Pipeline stages' })).toHaveCount(0);
});
