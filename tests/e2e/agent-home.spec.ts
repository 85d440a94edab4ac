// The agent's home: call-backs due today with the overdue ones first and marked, open cases
// assigned to them with the SLA clock, and each opens the customer screen.
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';
import { insertCallback, insertCase, otherCustomers, userId } from './support/db.js';

test('an overdue call-back and an assigned case are on the home and open the customer', async ({ page, desktop }) => {
  const stamp = Date.now().toString(36);
  const agent = await userId(DEMO.agent.username);
  const [late, tomorrow, withCase] = await otherCustomers('C00000001', 3, 20);
  await insertCallback(late!.id, agent, -120, `Telepon balik terlambat ${stamp}`);
  await insertCallback(tomorrow!.id, agent, 26 * 60, `Telepon balik besok ${stamp}`);
  await insertCase(withCase!.id, agent, `K-E2E-${stamp}`, `Tagihan ganda ${stamp}`, 3 * 60);

  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const callbacks = page.getByRole('list', { name: 'Call-backs due today' });
  const overdue = callbacks.getByRole('listitem').filter({ hasText: `Telepon balik terlambat ${stamp}` });
  await expect(overdue).toBeVisible();
  await expect(overdue.getByText('Overdue', { exact: true })).toBeVisible();
  // Every overdue call-back comes before every one still on time.
  const flags = await callbacks.getByRole('listitem').evaluateAll((items) => items.map((li) => li.hasAttribute('data-overdue')));
  expect(flags.indexOf(false) === -1 || flags.lastIndexOf(true) < flags.indexOf(false)).toBe(true);
  await expect(page.getByText(`Telepon balik besok ${stamp}`)).toHaveCount(0);

  const cases = page.getByRole('list', { name: 'My open cases' });
  const assigned = cases.getByRole('listitem').filter({ hasText: `K-E2E-${stamp}` });
  await expect(assigned).toContainText(`Tagihan ganda ${stamp}`);
  // The SLA clock: three hours from the insert, read a little later.
  await expect(assigned.getByText(/^2 h [1-5]?\d min left$/)).toBeVisible();

  const screen = new SingleScreen(page);
  await overdue.getByRole('button', { name: new RegExp(late!.full_name) }).click();
  await expect(screen.profile().getByRole('heading', { name: new RegExp(late!.full_name) })).toBeVisible();

  await new Shell(page).go('Home');
  await assigned.getByRole('button', { name: new RegExp(withCase!.full_name) }).click();
  await expect(screen.profile().getByRole('heading', { name: new RegExp(withCase!.full_name) })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Cases' })).toBeVisible();
});
