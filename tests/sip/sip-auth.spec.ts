// Kamailio's doors, tried by an outsider over UDP (sipp): nobody can call out as an agent
// without that agent's credential, nobody can bind another agent's extension with their
// own, and a credential past its expiry no longer opens anything. Each refusal is paired
// with the same request done right getting through, so a refusal means the rule, not a
// broken test credential.
import { expect, test } from '@playwright/test';
import { ephemeralCredentials } from '../../src/server/sip/ephemeral.js';
import { apiToken, openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { SIP_SECRET, suiteEnv } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

let agent: AgentDesktop;

/** Agent A's own credential, as the server hands it to A's softphone. */
async function credentialOf(username: string, password: string): Promise<{ authUsername: string; password: string; extension: string }> {
  const token = await apiToken(username, password);
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/sip/credentials`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ authUsername: string; password: string; extension: string }>;
}

function register(values: { from: string; to: string; user: string; pass: string; expires: string; expect: string }) {
  return runSipp('register-expect.xml', values.to, {
    FROM_USER: values.from, TO_USER: values.to, AUTH_USER: values.user, AUTH_PASS: values.pass,
    EXPIRES: values.expires, EXPECT: values.expect,
  });
}

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

test("a call claiming an agent's extension is challenged (407), another agent's credential is refused (403), nothing rings", async () => {
  // agent1 is registered at 1001, so a call Kamailio let through would ring there.
  const unauthenticated = await runSipp('invite-expect.xml', '1001', { FROM: '<sip:1002@127.0.0.1>;tag=claims-1002', EXPECT: '407' });
  expect(unauthenticated.code, unauthenticated.output).toBe(0);
  // Claiming agent2's extension with agent1's own valid credential does not do either.
  const a = await credentialOf('agent1', 'agent1-pass');
  expect(a.extension).toBe('1001');
  const borrowed = await runSipp('invite-auth-expect.xml', '1001', {
    FROM_USER: '1002', AUTH_USER: a.authUsername, AUTH_PASS: a.password, EXPECT: '403',
  });
  expect(borrowed.code, borrowed.output).toBe(0);
  await expect(agent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
  // The same path with the caller's own number is a trunk call and does ring: the 407 above
  // was for claiming an extension, not for every INVITE.
  const trunk = runSipp('invite-cancel.xml', '1001', { CALLER: '081234567890', RING_MS: '1500' });
  await expect(agent.page.getByRole('region', { name: 'Incoming call' })).toBeVisible();
  const trunkResult = await trunk;
  expect(trunkResult.code, trunkResult.output).toBe(0);
  await expect(agent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
});

test("agent A's valid credential registers A's extension (200) but not B's (403), however the REGISTER names it", async () => {
  const a = await credentialOf('agent1', 'agent1-pass');
  // Expires 0 on the control: it proves the credential works without binding a contact
  // that would take calls meant for agent1's softphone.
  const own = await register({ from: '1001', to: '1001', user: a.authUsername, pass: a.password, expires: '0', expect: '200' });
  expect(own.code, own.output).toBe(0);
  const asB = await register({ from: '1002', to: '1002', user: a.authUsername, pass: a.password, expires: '60', expect: '403' });
  expect(asB.code, asB.output).toBe(0);
  const bindB = await register({ from: '1001', to: '1002', user: a.authUsername, pass: a.password, expires: '60', expect: '403' });
  expect(bindB.code, bindB.output).toBe(0);
});

test('a credential past its expiry is challenged again (401) where the same credential still in date registers (200)', async () => {
  const hourMs = 3600_000;
  const current = ephemeralCredentials(SIP_SECRET, '1003', Date.now() + hourMs);
  const expired = ephemeralCredentials(SIP_SECRET, '1003', Date.now() - hourMs);
  const ok = await register({ from: '1003', to: '1003', user: current.username, pass: current.password, expires: '0', expect: '200' });
  expect(ok.code, ok.output).toBe(0);
  const refused = await register({ from: '1003', to: '1003', user: expired.username, pass: expired.password, expires: '60', expect: '401' });
  expect(refused.code, refused.output).toBe(0);
});
