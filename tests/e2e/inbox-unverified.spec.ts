// An e-mail whose sender's domain did not vouch for it (SPF/DKIM/DMARC, stored by the SMTP
// ingress) is marked in the inbox in both languages; a verified one is not.
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { anotherCustomerWithHistory, insertWaitingEmail } from './support/db.js';

async function twoEmails(): Promise<{ forged: string; genuine: string }> {
  const customer = await anotherCustomerWithHistory('C00000001');
  const tag = Date.now().toString(36);
  const forged = `Ganti rekening ${tag}`;
  const genuine = `Tanya tagihan ${tag}`;
  await insertWaitingEmail(customer.id, customer.email, forged, { verdict: 'fail', summary: 'spf=fail dkim=none dmarc=fail' });
  await insertWaitingEmail(customer.id, customer.email, genuine);
  return { forged, genuine };
}

test('the inbox marks a sender that failed verification, and not a verified one', async ({ page, desktop }) => {
  const { forged, genuine } = await twoEmails();
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await new Shell(page).go('E-mail inbox');
  const rows = page.getByRole('table', { name: 'Waiting e-mails' }).getByRole('row');
  await expect(rows.filter({ hasText: forged }).getByRole('note', { name: /^Sender not verified: .*may be forged/ })).toBeVisible();
  await expect(rows.filter({ hasText: genuine }).getByRole('note', { name: /Sender not verified/ })).toHaveCount(0);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the mark speaks Indonesian', async ({ page, desktop }) => {
    const { forged } = await twoEmails();
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
    await new Shell(page).go('Kotak masuk e-mail');
    const row = page.getByRole('table', { name: 'E-mail yang menunggu' }).getByRole('row').filter({ hasText: forged });
    await expect(row.getByRole('note', { name: /^Pengirim tidak terverifikasi: .*mungkin palsu/ })).toBeVisible();
  });
});
