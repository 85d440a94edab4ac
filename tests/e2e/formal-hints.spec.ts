// Formal Bahasa hints in the reply composer (src/shared/formal-bahasa.ts): the agent types
// "saya udah kirim" to an Indonesian-speaking customer, the hint offers "sudah", and pressing
// it fixes the text; a second hint is applied from the keyboard, and a word only containing
// an informal one ("harga") is left alone.
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';

test('informal words are flagged with their standard form and replaced in one press', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await new SingleScreen(page).openCustomer(DEMO.customer.e164, DEMO.customer.name);
  const composer = page.getByRole('region', { name: 'Reply composer' });
  const text = composer.getByRole('textbox', { name: 'Message text' });
  const hints = composer.getByRole('group', { name: 'Formal language' });

  await text.fill('saya udah kirim');
  await expect(hints.getByRole('button', { name: 'Replace “udah” with “sudah”' })).toBeVisible();
  await hints.getByRole('button', { name: 'Replace “udah” with “sudah”' }).click();
  await expect(text).toHaveValue('saya sudah kirim');
  await expect(hints).toHaveCount(0);

  // From the keyboard; "harga" holds "ga" but is not flagged.
  await text.fill('harga paket gimana?');
  await expect(hints.getByRole('button')).toHaveCount(1);
  await hints.getByRole('button', { name: 'Replace “gimana” with “bagaimana”' }).focus();
  await page.keyboard.press('Enter');
  await expect(text).toHaveValue('harga paket bagaimana?');
  await expect(composer.getByTestId('composer-preview')).toHaveText('harga paket bagaimana?');
});
