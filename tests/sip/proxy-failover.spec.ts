// Two sites, the first proxy crashes mid-shift: the agents' softphones (credentials listing
// both proxies) re-register at the second within 10 s, the call in progress keeps its audio,
// the next call reaches them through the second proxy, and a revocation still reaches the
// surviving proxy. Everything real: two Kamailio instances from our template, the server,
// the browser hosts with their CSP allowing both proxies, Chromium softphones.
import { expect, test, type Page } from '@playwright/test';
import { openAgentDesktop, openCustomerPhone, registration, setExtensions, type AgentDesktop } from './support/desktops.js';
import { agentBytes, growing } from './support/media.js';
import { contactsOf } from './support/proxy-rpc.js';
import { startTwoSites, type TwoSites } from './support/two-sites.js';

type Phone = { call(t: string): Promise<void>; state(): string; inboundBytes(): Promise<number> };
const phone = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
  bytes: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.inboundBytes()),
});
const hostOf = (url: string) => new URL(url).host;
const proxyOf = (page: Page) => page.getByRole('status', { name: 'Phone registration' }).getByTestId('registration-proxy');

let world: TwoSites;
test.beforeAll(async () => {
  world = await startTwoSites();
  await setExtensions({ agent1: '1001', agent2: '1002' }, world.serverUrl);
});
test.afterAll(async () => {
  await world?.close();
});

test('the first proxy killed mid-call: re-registered at the second within 10 s, the call keeps its audio, the next call arrives', async ({ browser }) => {
  const [siteA, siteB] = world.sites;
  const options = { serverUrl: world.serverUrl, wsUrls: [siteA.wsUrl, siteB.wsUrl] };
  const desktops: AgentDesktop[] = [];
  try {
    const agent1 = await openAgentDesktop(browser, 'agent1', 'agent1-pass', options);
    desktops.push(agent1);
    const agent2 = await openAgentDesktop(browser, 'agent2', 'agent2-pass', options);
    desktops.push(agent2);
    const [a1, a2] = [agent1.page, agent2.page];
    for (const page of [a1, a2]) await expect(proxyOf(page)).toHaveText(`via ${hostOf(siteA.wsUrl)}`);
    expect(await contactsOf('1001', siteA.rpcUrl)).toHaveLength(1);
    expect(await contactsOf('1001', siteB.rpcUrl)).toEqual([]);

    // A call between the two agents, through the first site.
    await a2.getByLabel('Number to call').fill('1001');
    await a2.getByRole('button', { name: 'Call', exact: true }).click();
    await a1.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    await expect(a2.getByRole('region', { name: 'In call' })).toBeVisible();
    await growing(() => agentBytes(a1));
    await growing(() => agentBytes(a2));

    // The first site's proxy dies (kill -9, every worker).
    const crashedAt = Date.now();
    await world.crash(siteA);
    for (const page of [a1, a2]) {
      await expect(proxyOf(page)).toHaveText(`via ${hostOf(siteB.wsUrl)}`, { timeout: 10_000 });
      await expect(registration(page)).toHaveText('Registered');
    }
    expect(Date.now() - crashedAt).toBeLessThan(10_000);
    await expect.poll(() => contactsOf('1001', siteB.rpcUrl)).toHaveLength(1);
    await expect.poll(() => contactsOf('1002', siteB.rpcUrl)).toHaveLength(1);

    // The call in progress still carries audio both ways (the media never went through the proxy).
    await expect(a1.getByRole('region', { name: 'In call' })).toBeVisible();
    await growing(() => agentBytes(a1));
    await growing(() => agentBytes(a2));
    // Its dialog's route ran through the dead proxy: each side ends its own leg.
    for (const page of [a1, a2]) {
      const inCall = page.getByRole('region', { name: 'In call' });
      if (await inCall.count()) await inCall.getByRole('button', { name: 'Hang up' }).click();
      await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
    }

    // The next call comes in through the second site and reaches the agent, with audio.
    const customer = await openCustomerPhone(browser, '6281234567890', { wsUrl: siteB.wsUrl });
    try {
      void phone(customer).call('1001');
      const ringing = a1.getByRole('region', { name: 'Incoming call' });
      await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
      await ringing.getByRole('button', { name: 'Answer' }).click();
      await expect.poll(() => phone(customer).state()).toBe('Established');
      await growing(() => agentBytes(a1));
      await growing(() => phone(customer).bytes());
    } finally {
      await customer.context().close();
    }

    // A revocation (agent2 moves to another extension) reaches the surviving proxy even
    // though the first one does not answer: the old number's registration is dropped there.
    await setExtensions({ agent2: '1012' }, world.serverUrl);
    await expect.poll(() => contactsOf('1002', siteB.rpcUrl)).toEqual([]);
  } finally {
    for (const d of desktops) await d.close();
  }
});
