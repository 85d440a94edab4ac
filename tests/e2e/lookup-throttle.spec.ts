// The lookup throttle as an agent meets it: an agent who has already opened the hourly limit
// of customers outside their working set opens one more from the search and the customer
// screen says why it is refused, in English and in Bahasa Indonesia (issue 11, item 2).
import { hashPassword } from '../../src/server/auth/passwords.js';
import { withServerDb } from './support/db.js';
import { test, expect } from './support/fixtures.js';
import { LoginPage, SingleScreen } from './support/pages.js';
import { serverGet, serverLogin } from './support/server-api.js';

interface Target { id: string; full_name: string }

/**
 * A fresh agent (no branch, queues or contacts: nothing is in their working set) who has
 * just opened the limit's worth of other customers through the API, and a seeded customer
 * with a name no other customer shares, for the agent to open last.
 */
async function agentAtTheLimit(username: string): Promise<{ password: string; target: Target }> {
  const password = `${username}-pass`;
  const passwordHash = await hashPassword(password);
  const { limit, target, others } = await withServerDb(async (db) => {
    const user = await db.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name, role, password_hash) VALUES (gen_random_uuid(), $1, $2, 'agent', $3)
       ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash RETURNING id`,
      [username, `Agent ${username}`, passwordHash]);
    const id = user.rows[0]!.id;
    // A rerun starts from a clean hour.
    for (const table of ['customer_lookups', 'lookup_flags', 'working_sets']) await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [id]);
    const settings = await db.query<{ n: number }>('SELECT lookup_limit_per_hour AS n FROM data_access_settings WHERE id = 1');
    const n = settings.rows[0]!.n;
    const unique = await db.query<Target>(`
      SELECT min(id::text) AS id, full_name FROM customers WHERE customer_no <= 'C00000200'
      GROUP BY full_name HAVING count(*) = 1 ORDER BY full_name DESC LIMIT 1`);
    const rest = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM customers WHERE id <> $1 ORDER BY customer_no LIMIT $2', [unique.rows[0]!.id, n]);
    if (rest.rows.length < n) throw new Error(`the seed has fewer than ${n + 1} customers`);
    return { limit: n, target: unique.rows[0]!, others: rest.rows.map((r) => r.id) };
  });
  const token = await serverLogin(username, password);
  for (const id of others) await serverGet(token, `/customers/${id}/360`);
  expect(others).toHaveLength(limit);
  return { password, target };
}

test('an agent over the hourly limit is told why the customer does not open', async ({ page, desktop }) => {
  const { password, target } = await agentAtTheLimit('throttle-en');
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('throttle-en', password);
  const screen = new SingleScreen(page);
  await screen.search().fill(target.full_name);
  await screen.results().getByRole('option', { name: new RegExp(target.full_name) }).click();
  await expect(page.getByRole('alert')).toContainText('You have opened many customers outside your work in the last hour');
  await expect(page.getByRole('alert')).toContainText('An administrator has been notified.');
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('agen yang melewati batas per jam diberi tahu alasannya', async ({ page, desktop }) => {
    const { password, target } = await agentAtTheLimit('throttle-id');
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('throttle-id', password, 'id');
    const screen = new SingleScreen(page);
    await screen.search().fill(target.full_name);
    await screen.results().getByRole('option', { name: new RegExp(target.full_name) }).click();
    await expect(page.getByRole('alert')).toContainText('Anda telah membuka banyak pelanggan di luar pekerjaan Anda dalam satu jam terakhir');
    await expect(page.getByRole('alert')).toContainText('Administrator sudah diberi tahu.');
  });
});
