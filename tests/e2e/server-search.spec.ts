// Searching for a customer the desktop does not hold: a desktop replicating its working
// set (the default) finds a customer outside it by name (the search goes to the server), opens the
// profile, and from then on holds it. With the server out of reach the same search finds
// nothing, so the hit came from the server and not from the cache.
import { test, expect } from '@playwright/test';
import { LoginPage, SingleScreen } from './support/pages.js';
import { startProxiedDesktop } from './support/proxied-desktop.js';
import { serverGet, serverLogin } from './support/server-api.js';
import { openTestCache } from '../support/desktop-key.js';

type Summary = { id: string; customerNo: string; fullName: string };

function cachedIds(dataDir: string): Set<string> {
  const db = openTestCache(dataDir, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare<[], { id: string }>('SELECT id FROM customers').all().map((r) => r.id));
  } finally {
    db.close();
  }
}

test('a customer outside the working set is found by the server-side search, opened, and then held', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  // The desktop default: replicate by working set (agent1's share of the 200 seeded customers).
  const desktop = await startProxiedDesktop(serverUrl, 'search');
  const { proxy, dataDir } = desktop;
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('agent1', 'agent1-pass');
    const status = page.getByRole('status', { name: 'Sync status' });
    await expect(status).toContainText('Online');
    // The first pull is in: the desktop holds its working set, a small part of the seed.
    await expect(status).toContainText(/\d+ customers? cached/, { timeout: 20_000 });

    // A customer the server has whose name no cached customer shares, and the desktop lacks.
    const token = await serverLogin('agent1', 'agent1-pass');
    const { results } = await serverGet<{ results: Summary[] }>(token, '/customers/search?q=a&limit=100');
    const held = cachedIds(dataDir);
    expect(held.size).toBeGreaterThan(0);
    expect(held.size).toBeLessThan(200); // the e2e seed has 200 customers
    let target: Summary | undefined;
    // Seeded customers only (C00000001–C00000200): other specs import names of their own.
    const seeded = results.filter((r) => Number(r.customerNo.slice(1)) <= 200);
    for (const c of seeded.filter((r) => !held.has(r.id))) {
      const same = await serverGet<{ results: Summary[] }>(token, `/customers/search?q=${encodeURIComponent(c.fullName)}&limit=20`);
      if (same.results.every((r) => r.id === c.id || !held.has(r.id))) { target = c; break; }
    }
    if (!target) throw new Error('every seeded customer is in the working set');

    // The line is cut: the cache alone has nothing to offer.
    proxy.set('drop');
    await expect(status).toContainText('Offline', { timeout: 20_000 });
    const screen = new SingleScreen(page);
    await screen.search().fill(target.fullName);
    await expect(page.getByText('No customer found')).toBeVisible();
    await expect(screen.results().getByRole('option', { name: new RegExp(target.customerNo) })).toHaveCount(0);

    // Back online: the same search asks the server and finds them.
    proxy.set('pass');
    await expect(status).toContainText('Online', { timeout: 20_000 });
    await screen.search().fill('');
    await screen.openCustomer(target.fullName, target.fullName);
    await expect(screen.profile().getByText(target.customerNo, { exact: true })).toBeVisible();
    // Opened, the customer joins the working set: held on this desktop from now on.
    await expect.poll(() => cachedIds(dataDir).has(target.id), { timeout: 20_000 }).toBe(true);
  } finally {
    await context.close();
    await desktop.close();
  }
});
