// A team lead keeps the reply library — creates a paragraph (refused while its body
// has an unknown variable), approves it, and retires it; agents do not see the page.
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage } from './support/pages.js';

test('a lead creates, approves and retires a paragraph; a bad variable is refused', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('lead1', 'lead1-pass');
  await page.getByRole('link', { name: 'Reply library' }).click();
  const library = page.getByRole('region', { name: 'Reply library' });
  await expect(library.getByRole('table', { name: 'Reply paragraphs' }).getByRole('row', { name: /Rincian tagihan bulan ini/ })).toBeVisible();

  await library.getByRole('button', { name: 'New paragraph' }).click();
  const form = library.getByRole('form', { name: 'New paragraph' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Konfirmasi alamat');
  await form.getByRole('textbox', { name: 'Shortcut' }).fill('alamat');
  await form.getByRole('textbox', { name: 'Category' }).fill('account');
  await form.getByRole('textbox', { name: 'Text' }).fill('Alamat {{customer.alamat}} sudah kami perbarui.');
  await form.getByRole('button', { name: 'Save and approve' }).click();
  await expect(form.getByRole('alert')).toBeVisible();

  await form.getByRole('textbox', { name: 'Text' }).fill('Alamat {{customer.salutation}} {{customer.name}} sudah kami perbarui.');
  await form.getByRole('button', { name: 'Save and approve' }).click();
  const row = library.getByRole('row', { name: /Konfirmasi alamat/ });
  await expect(row).toContainText('approved');
  await row.getByRole('button', { name: 'Retire Konfirmasi alamat' }).click();
  await expect(row).toContainText('retired');
});

test('an agent has no reply library link', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(page.getByRole('link', { name: 'E-mail inbox' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reply library' })).toHaveCount(0);
});
