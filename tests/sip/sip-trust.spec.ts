// Who may ring an agent without a credential, and what the card says about the caller ID.
// Only a configured trunk address (SAPA_SIP_TRUNKS; here TRUNK_IP) may send calls without
// authenticating: the same INVITE from any other address (STRANGER_IP) is refused and
// rings nobody. The card marks a caller ID no trunk vouches for — an agent's call from
// anywhere — and a caller cannot vouch for itself with the proxy's own header.
import { expect, test } from '@playwright/test';
import { apiToken, openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { STRANGER_IP, suiteEnv, TRUNK_IP } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

let agent: AgentDesktop;
const BUDI = '081234567890';

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

const ringing = () => agent.page.getByRole('region', { name: 'Incoming call' });
const notVerified = () => ringing().getByRole('note', { name: 'Caller ID not verified' });

test("an unauthenticated INVITE from a stranger's address is refused (403) and rings nobody; the same INVITE from the trunk pops the customer, not marked", async () => {
  // The stranger even claims the proxy's trust header: refused all the same.
  const stranger = await runSipp('invite-claim-expect.xml', '1001', {
    FROM: `"${BUDI}" <sip:${BUDI}@127.0.0.1>;tag=stranger-1`, CLAIM: 'yes', EXPECT: '403',
  }, { source: STRANGER_IP });
  expect(stranger.code, stranger.output).toBe(0);
  await expect(ringing()).toHaveCount(0);

  // The same caller from the trunk address rings agent1 with Budi's screen pop; it claims
  // "no" to show the mark comes from the proxy, not from what the caller sent.
  const trunk = runSipp('invite-cancel-claim.xml', '1001', { CALLER: BUDI, RING_MS: '8000', CLAIM: 'no' }, { source: TRUNK_IP });
  await expect(ringing().getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await expect(notVerified()).toHaveCount(0);
  const trunkResult = await trunk;
  expect(trunkResult.code, trunkResult.output).toBe(0);
  await expect(ringing()).toHaveCount(0);
});

test("an agent's authenticated call from a non-trunk address rings, marked 'caller ID not verified' even though it claims trust", async () => {
  const token = await apiToken('agent2', 'agent2-pass');
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/sip/credentials`, { headers: { authorization: `Bearer ${token}` } });
  const credential = (await res.json()) as { authUsername: string; password: string; extension: string };
  expect(credential.extension).toBe('1002');
  const call = runSipp('invite-auth-cancel.xml', '1001', {
    FROM_USER: '1002', AUTH_USER: credential.authUsername, AUTH_PASS: credential.password, CLAIM: 'yes', RING_MS: '12000',
  }, { source: STRANGER_IP });
  await expect(notVerified()).toBeVisible();
  await expect(notVerified()).toHaveText('Caller ID not verified');
  // The same mark in Bahasa Indonesia, named for a screen reader too.
  const page = agent.page;
  await page.getByLabel('Language', { exact: true }).selectOption('id');
  await expect(page.getByRole('note', { name: 'Nomor penelepon belum terverifikasi' })).toHaveText('Nomor penelepon belum terverifikasi');
  await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
  await expect(notVerified()).toBeVisible();
  const result = await call;
  expect(result.code, result.output).toBe(0);
  await expect(ringing()).toHaveCount(0);
});

test("a call agent2 dials from the desktop reaches agent1 marked 'caller ID not verified'", async ({ browser }) => {
  const agent2 = await openAgentDesktop(browser, 'agent2', 'agent2-pass');
  try {
    await agent2.page.getByLabel('Number to call').fill('1001');
    await agent2.page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(notVerified()).toBeVisible();
    await ringing().getByRole('button', { name: 'Decline' }).click();
    await expect(ringing()).toHaveCount(0);
  } finally {
    await agent2.close();
  }
});
