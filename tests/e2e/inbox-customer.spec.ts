// A customer opened from the e-mail inbox shows their own contact history, not the one of
// the customer that was on screen before (the history used to follow only the search).
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';
import { anotherCustomerWithHistory, insertWaitingEmail } from './support/db.js';
import { allInteractions, serverLogin } from './support/server-api.js';

test('opening a customer from the inbox shows that customer’s history', async ({ page, desktop }) => {
  const other = await anotherCustomerWithHistory('C00000001');
  const subject = `Pertanyaan paket ${Date.now().toString(36)}`;
  await insertWaitingEmail(other.id, other.email, subject);
  const token = await serverLogin(DEMO.agent.username, DEMO.agent.password);
  const expected = await allInteractions(token, other.id);

  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer('0812 3456 7890', DEMO.customer.name);
  await expect(screen.entries().filter({ hasText: 'Internet lambat sejak kemarin' })).toHaveCount(1);

  await new Shell(page).go('E-mail inbox');
  const row = page.getByRole('table', { name: 'Waiting e-mails' }).getByRole('row').filter({ hasText: subject });
  await row.getByRole('button', { name: `Open the customer of ${other.email}` }).click();

  await expect(screen.profile().getByRole('heading', { name: new RegExp(other.full_name) })).toBeVisible();
  // The timeline is exactly this customer's, newest first, as the server has it.
  await expect(screen.entries()).toHaveCount(expected.length);
  const shown = await screen.entries().allInnerTexts();
  expected.forEach((interaction, i) => {
    if (interaction.subject) expect(shown[i]).toContain(interaction.subject);
  });
});
