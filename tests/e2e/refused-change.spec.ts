// A change the server refuses for good: agent1 writes a note on a customer while the line is
// down; meanwhile the customer is removed on the server (an admin cleaning up a duplicate
// record: done here in the server's database, the screens have no delete). When the line
// returns the note is refused; the header says "1 change refused", Sync details lists it
// under "Changes refused by the server" with what it was and why, and Discard drops it.
// The outbox is not blocked: a note on another customer written afterwards still lands.
// Second test: a note whose text the server's database cannot store (a NUL character, as
// text pasted from an old system can hold) is refused; the agent fixes the text and it lands.
import { randomUUID } from 'node:crypto';
import { test as plain, expect } from '@playwright/test';
import { test } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { LoginPage, SingleScreen } from './support/pages.js';
import { startProxiedDesktop } from './support/proxied-desktop.js';
import { serverLogin } from './support/server-api.js';

const BUDI = { no: 'C00000001', name: 'Budi Santoso' };

plain('a note on a customer removed on the server is refused; the agent sees why and discards it', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const stamp = Date.now().toString(36);
  const name = `Rahmat Tolak ${stamp}`;
  const noteText = `Janji kirim brosur ${stamp}`;
  // A customer of its own (another desktop met a stranger), so removing it touches no other spec.
  const token = await serverLogin('agent2', 'agent2-pass');
  const customerId = randomUUID();
  const created = await fetch(`${serverUrl}/api/v1/sync/push`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: randomUUID(),
      mutations: [{
        id: randomUUID(), name: 'customer.create', createdAt: new Date().toISOString(),
        args: { id: customerId, fullName: name, phoneE164: `+62812${String(Date.now()).slice(-7)}`, createdAt: new Date().toISOString() },
      }],
    }),
  });
  expect(((await created.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');

  const desktop = await startProxiedDesktop(serverUrl, 'refused');
  const { proxy } = desktop;
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('agent1', 'agent1-pass');
    const screen = new SingleScreen(page);
    await screen.openCustomer(name, name);
    const status = page.getByRole('status', { name: 'Sync status' });
    await expect(status).toContainText('Online');
    await expect(status).toContainText('0 changes waiting', { timeout: 20_000 });

    // The line is cut; the note waits in the outbox and shows on the customer.
    proxy.set('drop');
    await page.getByRole('textbox', { name: 'New note' }).fill(noteText);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Note list' })).toContainText(noteText);
    await expect(status).toContainText('1 change waiting');

    // Meanwhile the customer is removed on the server.
    await withServerDb((db) => db.query('DELETE FROM customers WHERE id = $1', [customerId]));

    // The line returns: the note is refused, not retried for ever, and the agent is told.
    proxy.set('pass');
    await expect(status).toContainText('1 change refused', { timeout: 20_000 });
    await expect(status).toContainText('0 changes waiting');

    await page.getByRole('button', { name: 'Sync details' }).click();
    const panel = page.getByRole('dialog', { name: 'Sync details' });
    const refused = panel.getByRole('region', { name: 'Changes refused by the server' });
    const item = refused.getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(noteText);
    await expect(item).toContainText('no longer exists on the server');
    await expect(item).toContainText(`Customer ${customerId} does not exist`);
    await expect(item.getByRole('button', { name: 'Fix' })).toBeVisible();
    await item.getByRole('button', { name: 'Discard' }).click();
    await expect(refused).toHaveCount(0);
    await page.getByRole('button', { name: 'Close sync details' }).click();
    await expect(status).not.toContainText('refused');

    // The outbox goes on: a note on Budi lands on the server.
    const after = `Sesudah penolakan ${stamp}`;
    await screen.openCustomer(BUDI.no, BUDI.name);
    await page.getByRole('textbox', { name: 'New note' }).fill(after);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => withServerDb(async (db) => (await db.query('SELECT 1 FROM notes WHERE body = $1', [after])).rowCount), { timeout: 20_000 }).toBe(1);
    // Discarded for good: neither the server nor a reload brings it back.
    expect((await withServerDb((db) => db.query('SELECT 1 FROM notes WHERE body = $1', [noteText]))).rowCount).toBe(0);
    await page.reload();
    await expect(status).toContainText('Online');
    await expect(status).not.toContainText('refused');
  } finally {
    await context.close();
    await desktop.close();
  }
});

test('a note the server cannot store is refused; the agent fixes its text and it lands', async ({ page, desktop }) => {
  const stamp = Date.now().toString(36);
  const pasted = `Alamat baru\u0000 Jl. Melati ${stamp}`;
  const fixed = `Alamat baru Jl. Melati ${stamp}`;
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('agent1', 'agent1-pass');
  const screen = new SingleScreen(page);
  await screen.openCustomer(BUDI.no, BUDI.name);
  const status = page.getByRole('status', { name: 'Sync status' });
  await page.getByRole('textbox', { name: 'New note' }).fill(pasted);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(status).toContainText('1 change refused', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Sync details' }).click();
  const item = page.getByRole('dialog', { name: 'Sync details' })
    .getByRole('region', { name: 'Changes refused by the server' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Note for ${BUDI.name}`);
  await expect(item).toContainText('The server cannot store a value in it');
  await item.getByRole('button', { name: 'Fix' }).click();
  const form = item.getByRole('form', { name: 'Fix the refused change' });
  await form.getByRole('textbox', { name: 'Note text' }).fill(fixed);
  await form.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByRole('region', { name: 'Changes refused by the server' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close sync details' }).click();
  await expect(status).not.toContainText('refused');
  await expect(page.getByRole('list', { name: 'Note list' }).getByText(fixed, { exact: true })).toBeVisible();
  await expect.poll(() => withServerDb(async (db) => (await db.query('SELECT 1 FROM notes WHERE body = $1', [fixed])).rowCount), { timeout: 20_000 }).toBe(1);
});
