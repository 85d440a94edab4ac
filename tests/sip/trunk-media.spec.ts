// The media path to the carrier trunk, every packet on loopback: sipp plays the carrier
// (plain RTP, G.711 A-law from the pcap sipp ships) and the agent's real softphone speaks
// WebRTC (DTLS-SRTP, ICE) — rtpengine, driven by Kamailio, relays and translates between
// them. Audio is measured at both ends: the RTP packets that reached sipp's media port
// (sipp's own counter) and the inbound bytes of the agent's peer connection (getStats).
import { expect, test } from '@playwright/test';
import { openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { agentBytes, growing } from './support/media.js';
import { startCarrier, talkToCarrier } from './support/carrier.js';
import { TRUNK_IP } from './support/sip-env.js';
import { runSipp, SIPP_PCAP } from './support/sipp.js';

const BUDI = '6281234567890';
let agent: AgentDesktop;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

test('a trunk call to an agent: the customer pops while ringing, audio flows both ways through rtpengine', async () => {
  const page = agent.page;
  const call = runSipp('trunk-call-media.xml', '1001', {
    CALLER: BUDI, PCAP: SIPP_PCAP, TALK_MS: '8000', ANSWER_TIMEOUT_MS: '20000',
  }, { source: TRUNK_IP, mediaPort: 40000, timeoutSec: 40 });
  const ringing = page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
  // The carrier's speech reaches the browser (SRTP, decrypted and counted by getStats)…
  await growing(() => agentBytes(page));
  const result = await call;
  expect(result.code, result.output).toBe(0);
  // …and the browser's microphone reached the carrier as plain RTP: 8 s of 20 ms packets
  // is 400; at least half of them must have arrived at sipp.
  expect(result.rtpSent, result.output).toBeGreaterThan(200);
  expect(result.rtpReceived, result.output).toBeGreaterThan(200);
  await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
});

// An agent's call out through the trunk: the browser offers (DTLS actpass) and rtpengine
// waits passive for its handshake (DTLS-reverse=passive; without it most of these calls had
// no media at all — decision 0022).
test.describe('outbound through the trunk', () => {
  test("an agent's call to a customer number goes out to the carrier's gateway with the company's caller ID, audio both ways", async () => {
    const page = agent.page;
    const carrier = await startCarrier('6281298765432', 40002);
    await page.getByLabel('Number to call').fill('081298765432');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await talkToCarrier(page, carrier);
  });
});
