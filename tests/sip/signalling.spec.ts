// Signalling through the real Kamailio: an outside caller over UDP (sipp) pops the
// customer whose number it gives in a local Indonesian form; bad input gets clear answers;
// and the softphone finds its way back after the proxy restarts.
import { expect, test } from '@playwright/test';
import { kamailio } from './support/global-setup.js';
import { openAgentDesktop, openCustomerPhone, registration, setExtensions, type AgentDesktop } from './support/desktops.js';
import { suiteEnv } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

let agent: AgentDesktop;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

test('sipp over UDP: a caller in local form (0812…) pops the customer while it rings', async () => {
  const sipp = runSipp('invite-cancel.xml', '1001', { CALLER: '081234567890', RING_MS: '4000' });
  const ringing = agent.page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await expect(ringing.locator('[data-tier]')).toBeVisible();
  const result = await sipp;
  expect(result.code, result.output).toBe(0);
  // Cancelled by the caller: the ringing card goes; an unanswered call needs no wrap-up.
  await expect(ringing).toHaveCount(0);
  await expect(agent.page.getByRole('region', { name: 'Wrap-up' })).toHaveCount(0);
});

test('bad input: a malformed From is refused with 400, an unregistered agent answers 480, nothing rings', async () => {
  const malformed = await runSipp('invite-expect.xml', '1001', { FROM: 'this is not a uri', EXPECT: '400' });
  expect(malformed.code, malformed.output).toBe(0);
  const unregistered = await runSipp('invite-expect.xml', '1999', { FROM: '<sip:081234567890@127.0.0.1>;tag=x1', EXPECT: '480' });
  expect(unregistered.code, unregistered.output).toBe(0);
  await expect(agent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
});

test('an unknown caller shows the number and says it is not a known customer', async ({ browser }) => {
  const stranger = await openCustomerPhone(browser, '6285799990001');
  try {
    void stranger.evaluate(() => (window as unknown as { phone: { call(t: string): Promise<void> } }).phone.call('1001'));
    const ringing = agent.page.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-number')).toHaveText('+62 857 9999 0001');
    await expect(ringing.getByText('Not a known customer')).toBeVisible();
    await ringing.getByRole('button', { name: 'Decline' }).click();
    await expect(ringing).toHaveCount(0);
  } finally {
    await stranger.context().close();
  }
});

test('reconnect: the proxy restarts while the agent is idle; registered again within 10 s of its return', async () => {
  const { kamailioDir } = suiteEnv();
  kamailio('stop', kamailioDir);
  await expect(registration(agent.page)).toHaveText('Connecting', { timeout: 15_000 });
  await expect(agent.page.getByTestId('registration-reason')).toContainText(/SIP proxy/);
  kamailio('start', kamailioDir);
  const back = Date.now();
  await expect(registration(agent.page)).toHaveText('Registered', { timeout: 10_000 });
  expect(Date.now() - back).toBeLessThan(10_000);
});
