// A call survives a bad link: the link is cut for 5 s in the middle of a call (nftables in
// the test's namespace drops media and the SIP WebSocket); afterwards audio flows both ways
// again on the same call. The softphone noticed the silence within seconds (the card said
// so) and re-INVITEd the call with an ICE restart, which the far end accepted once the link
// carried SIP again (media-recovery.ts). On loopback Chromium's ICE would also heal by
// itself after a short cut; the restart is what heals a path that changed (a new address).
// The trunk variant cuts only the agent's side of a carrier call (sipp ↔ rtpengine ↔ agent).
import { expect, test, type Page } from '@playwright/test';
import { openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { cutLink } from './support/link-cut.js';
import { agentBytes, growing } from './support/media.js';
import { suiteEnv, TRUNK_IP } from './support/sip-env.js';
import { SIPP_PCAP, startSipp } from './support/sipp.js';

const BUDI = '6281234567890';

const restarts = (page: Page) => page.evaluate(() => {
  const probe = window.__sapaSoftphone;
  const id = probe?.focused();
  return probe && id ? probe.iceRestarts(id) : 0;
});
const focusedCall = (page: Page) => page.evaluate(() => window.__sapaSoftphone?.focused() ?? null);

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
});

test('agent to agent: after a 5 s cut the same call carries audio both ways again', async ({ browser }) => {
  const desktops: AgentDesktop[] = [];
  try {
    const agent1 = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
    desktops.push(agent1);
    const agent2 = await openAgentDesktop(browser, 'agent2', 'agent2-pass');
    desktops.push(agent2);
    const [a1, a2] = [agent1.page, agent2.page];
    for (const [name, page] of [['agent1', a1], ['agent2', a2]] as const) {
      page.on('console', (m) => { if (process.env.SAPA_DEBUG_CONSOLE) console.log(Date.now(), name, m.text().slice(0, 300)); });
    }
    await a2.getByLabel('Number to call').fill('1001');
    await a2.getByRole('button', { name: 'Call', exact: true }).click();
    await a1.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    await expect(a2.getByRole('region', { name: 'In call' })).toBeVisible();
    await growing(() => agentBytes(a1));
    await growing(() => agentBytes(a2));
    const calls = [await focusedCall(a1), await focusedCall(a2)];

    // 5 s without a link. While it lasts the card says the audio is being reconnected.
    const cut = cutLink(5_000, Number(new URL(suiteEnv().wsUrl).port));
    await expect(a1.getByRole('status', { name: 'Reconnecting audio' })).toBeVisible({ timeout: 5_000 });
    await cut;

    // The same calls (no new one was set up), with audio both ways. (Whether an ICE restart
    // or ICE's own checks healed it is logged: on loopback the path never changes.)
    await growing(() => agentBytes(a1));
    await growing(() => agentBytes(a2));
    expect([await focusedCall(a1), await focusedCall(a2)]).toEqual(calls);
    console.log('ICE restarts accepted', await restarts(a1), await restarts(a2));
    for (const page of [a1, a2]) {
      await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
      await expect(page.getByRole('status', { name: 'Reconnecting audio' })).toHaveCount(0);
    }
    await a1.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
    await expect(a2.getByRole('region', { name: 'In call' })).toHaveCount(0);
  } finally {
    for (const d of desktops) await d.close();
  }
});

test('a trunk call: the agent’s link is cut for 5 s, the carrier stays up; afterwards the same call carries audio both ways', async ({ browser }) => {
  const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  try {
    const page = agent.page;
    const call = await startSipp('trunk-call-link-cut.xml', '1001', {
      CALLER: BUDI, PCAP: SIPP_PCAP, ANSWER_TIMEOUT_MS: '20000',
    }, { source: TRUNK_IP, mediaPort: 40010, timeoutSec: 90 });
    await page.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
    await growing(() => agentBytes(page));
    await expect.poll(() => call.rtpReceivedNow(), { timeout: 10_000 }).toBeGreaterThan(0);
    const callId = await focusedCall(page);

    // Only the agent's side goes dark: UDP to and from the carrier's address still flows.
    const cut = cutLink(5_000, Number(new URL(suiteEnv().wsUrl).port), { spare: [TRUNK_IP] });
    await expect(page.getByRole('status', { name: 'Reconnecting audio' })).toBeVisible({ timeout: 5_000 });
    await cut;
    const atCutEnd = await call.rtpReceivedNow();

    // The carrier's speech reaches the agent again, and the agent's reaches the carrier.
    await growing(() => agentBytes(page));
    await expect.poll(() => call.rtpReceivedNow(), { timeout: 10_000 }).toBeGreaterThan(atCutEnd + 50);
    expect(await focusedCall(page)).toBe(callId);
    await expect(page.getByRole('status', { name: 'Reconnecting audio' })).toHaveCount(0);
    console.log('ICE restarts accepted (trunk call)', await restarts(page));
    // The agent ends the call; the carrier's side saw the restart (its scenario fails without one).
    await page.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
    const result = await call.done;
    expect(result.code, result.output).toBe(0);
    await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
  } finally {
    await agent.close();
  }
});
