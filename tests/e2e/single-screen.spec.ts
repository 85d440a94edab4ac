// An agent finds a customer by any form of the phone number and sees
// profile, tier and the whole contact history on one screen, in either language.
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { localCaseEventText } from '../../src/renderer/features/cases/case-event-text.js';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { allInteractions, serverGet, serverLogin } from './support/server-api.js';

test('a wrong password shows an error and keeps the agent on the sign-in screen', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(/wrong username or password/i);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('an agent finds the customer by every form of the number and reads the history newest first', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await expect(screen.search()).toBeVisible();

  for (const typed of ['0812 3456 7890', '+62 812-3456-7890', '6281234567890']) {
    await screen.search().fill(typed);
    await expect(screen.results().getByRole('option', { name: new RegExp(DEMO.customer.name) })).toBeVisible();
  }
  await screen.openCustomer('0812 3456 7890', DEMO.customer.name);
  await expect(screen.profile()).toContainText('Platinum');

  // Ground truth from the server: the timeline shows the same interactions, newest first.
  const token = await serverLogin(DEMO.agent.username, DEMO.agent.password);
  const lookup = await serverGet<{ customers: Array<{ id: string }> }>(token, `/customers/by-phone?phone=${encodeURIComponent(DEMO.customer.e164)}`);
  const customerId = lookup.customers[0]!.id;
  const expected = await allInteractions(token, customerId);
  expect(expected.length).toBeGreaterThan(3);
  // The feed is virtualised: it tells its full length and renders the newest first.
  await expect(screen.entries().first()).toHaveAttribute('aria-setsize', String(expected.length));
  const shown = await screen.entries().allInnerTexts();
  expect(shown.length).toBeGreaterThan(3);
  // A case event's statuses are written as codes and shown in the reader's language (English here).
  const english = i18next.createInstance();
  await english.init({ lng: 'en', resources: { en: { translation: JSON.parse(readFileSync(new URL('../../src/renderer/i18n/en.json', import.meta.url), 'utf8')) as object } } });
  shown.forEach((text, i) => {
    const e = expected[i];
    if (e?.subject) expect(text).toContain(e.channel === 'case' ? localCaseEventText(e.subject, english.t) : e.subject);
  });

  // The channel filter narrows the timeline to that channel only.
  const calls = expected.filter((x) => x.channel === 'call_in');
  expect(calls.length).toBeGreaterThan(0);
  await page.getByRole('group', { name: 'Filter by channel' }).getByRole('checkbox', { name: 'Incoming call' })
    .or(page.getByRole('group', { name: 'Filter by channel' }).getByRole('button', { name: 'Incoming call' }))
    .click();
  await expect(screen.entries()).toHaveCount(calls.length);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the interface starts in Indonesian and switching to English changes the labels', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    const screen = new SingleScreen(page);
    await screen.openCustomer('+62 812-3456-7890', DEMO.customer.name);
    await expect(page.getByRole('tab', { name: 'Riwayat' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Piutang' })).toBeVisible();

    await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' })
      .catch(async () => page.getByRole('radio', { name: 'English' }).click());
    await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Receivables' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Riwayat' })).toHaveCount(0);
  });
});

test('an agent cannot open the admin import screen', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new SingleScreen(page).search()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import customers' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/admin/import`);
  await expect(page.getByRole('alert')).toContainText('You do not have access to this page');
  await expect(page.getByRole('button', { name: 'Start import' })).toHaveCount(0);
});

test('the single screen works from the keyboard alone', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await expect(screen.search()).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+K');
  await expect(screen.search()).toBeFocused();
  await page.keyboard.type('santoso');
  await expect(screen.results().getByRole('option', { name: /Budi Santoso/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(screen.profile().getByRole('heading', { name: /Budi Santoso/ })).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Cases' })).toHaveAttribute('aria-selected', 'true');
});
