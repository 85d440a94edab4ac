// An edit that loses: agent A changes a customer's city while A's line is down, a
// colleague changes the same city on the server meanwhile; when A's line returns the
// server's value stays, A's header says "1 edit overridden", Sync details shows what A wrote
// and what the server kept, and Dismiss clears it.
//
// The renderer has no form for editing a customer's fields yet, so A's edit is sent the
// way such a form would send it: customers.update over the page's own socket to core. The
// colleague's edit is a push to the server from another desktop's client id.
import { randomUUID } from 'node:crypto';
import { test, expect, type Page } from '@playwright/test';
import { LoginPage, SingleScreen } from './support/pages.js';
import { startProxiedDesktop } from './support/proxied-desktop.js';
import { serverGet, serverLogin } from './support/server-api.js';

type Summary = { id: string; customerNo: string; fullName: string; city: string | null };

/** One call on core through the page's socket (the transport the renderer uses). */
async function coreCall(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(async ([m, i]) => {
    const socket = new WebSocket(`ws://${location.host}/sapa`);
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    const answer = new Promise<{ kind: string; output?: unknown; error?: unknown }>((resolve) => {
      socket.onmessage = (e) => {
        const message = JSON.parse(String(e.data)) as { kind: string; id?: number };
        if (message.kind !== 'event' && message.id === 1) resolve(message);
      };
    });
    socket.send(JSON.stringify({ id: 1, method: m, input: i }));
    const message = await answer;
    socket.close();
    if (message.kind === 'error') throw new Error(JSON.stringify(message.error));
    return message.output;
  }, [method, input] as const);
}

test('an offline edit overridden by a colleague: the header counts it, Sync details shows both values, Dismiss clears it', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const token = await serverLogin('agent2', 'agent2-pass');
  // A customer of agent1's other than Budi (other specs read Budi's city).
  const { results } = await serverGet<{ results: Summary[] }>(token, '/customers/search?q=a&limit=50');
  // Seeded (C00000002–C00000200), not imported by another spec.
  const customer = results.find((c) => c.city && c.customerNo !== 'C00000001' && Number(c.customerNo.slice(1)) <= 200);
  if (!customer?.city) throw new Error('the seed has no second customer with a city');
  const original = customer.city;
  // Values no other spec or seed row uses, so the texts below can only come from this test.
  const stamp = Date.now().toString(36);
  const mine = `Bandung ${stamp}`;
  const theirs = `Surabaya ${stamp}`;

  const desktop = await startProxiedDesktop(serverUrl, 'conflict');
  const { proxy } = desktop;
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('agent1', 'agent1-pass');
    const screen = new SingleScreen(page);
    await screen.openCustomer(customer.customerNo, customer.fullName);
    const status = page.getByRole('status', { name: 'Sync status' });
    await expect(status).toContainText('Online');
    // Opening a customer outside the working set joins it (a change of its own): let it go.
    await expect.poll(async () => ((await coreCall(page, 'sync.diagnostics', {})) as { outbox: unknown[] }).outbox.length, { timeout: 20_000 }).toBe(0);

    // A's line is cut; A's edit waits in the outbox.
    proxy.set('drop');
    await coreCall(page, 'customers.update', { customerId: customer.id, fields: { city: { from: original, to: mine } } });
    await expect(status).toContainText('Offline');
    await expect(status).toContainText('1 change waiting');

    // Meanwhile a colleague's desktop changes the same field on the server.
    const push = await fetch(`${serverUrl}/api/v1/sync/push`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        mutations: [{ id: randomUUID(), name: 'customer.update', args: { customerId: customer.id, fields: { city: { from: original, to: theirs } } }, createdAt: new Date().toISOString() }],
      }),
    });
    expect(push.status).toBe(200);
    expect(((await push.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');

    // The line returns: the server's value stays, and A is told.
    proxy.set('pass');
    await expect(status).toContainText('0 changes waiting', { timeout: 20_000 });
    await expect(status).toContainText('1 edit overridden');
    await expect(screen.profile().getByText(theirs, { exact: true })).toBeVisible();
    expect((await serverGet<{ customer: { city: string } }>(token, `/customers/${customer.id}/360`)).customer.city).toBe(theirs);

    await page.getByRole('button', { name: 'Sync details' }).click();
    const panel = page.getByRole('dialog', { name: 'Sync details' });
    const overridden = panel.getByRole('region', { name: 'Edits that were overridden' });
    await expect(overridden.getByRole('listitem')).toHaveCount(1);
    await expect(overridden.getByRole('listitem')).toContainText(`city: you wrote “${mine}”, the server kept “${theirs}”`);
    await overridden.getByRole('button', { name: 'Dismiss' }).click();
    await expect(overridden).toHaveCount(0);
    await page.getByRole('button', { name: 'Close sync details' }).click();
    await expect(status).not.toContainText('overridden');
    // Dismissed for good: a reload does not bring it back.
    await page.reload();
    await expect(status).toContainText('Online');
    await expect(status).not.toContainText('overridden');
  } finally {
    await context.close();
    await desktop.close();
    // Leave the customer as the seed had it for the specs that follow.
    await fetch(`${serverUrl}/api/v1/sync/push`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        mutations: [{ id: randomUUID(), name: 'customer.update', args: { customerId: customer.id, fields: { city: { from: theirs, to: original } } }, createdAt: new Date().toISOString() }],
      }),
    });
  }
});
