// Issue 13, item 5, end to end: two sites, Jakarta and Yogyakarta, each with its own Kamailio
// (evapi queue on) and its own rtpengine, one server of the test's own bridging both
// (SAPA_SIP_BRIDGE lists both, SAPA_SIP_PEER_SITES points each at the other). Each site's
// agent registers at their own site's proxy (their branch's site). sipp plays the carrier's
// trunk (plain RTP, G.711 A-law from the pcap) dialling the billing hotline at Jakarta:
//  - overflow: nobody at Jakarta is ready; after the queue's overflow wait the caller hears
//    the overflow announcement, Jakarta's Kamailio forwards the call to Yogyakarta's, the
//    Yogyakarta agent rings with the pop, answers, audio both ways; Jakarta keeps nothing;
//  - schedule: Yogyakarta on duty (the schedule, Organisation admin API): the call to
//    Jakarta goes to Yogyakarta at once and rings there, though Jakarta's agent is ready.
// Ports: Jakarta 5560-5565, Yogyakarta 5660-5665 (SIP, WS, RPC, evapi, rtpengine NG, CLI),
// rtpengine media 31000-31399; sipp at 5590, media 40110/40120.
import { expect, test, type Page } from '@playwright/test';
import { adminCall, apiToken, openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { scheduleAllDay, setQueueRouting, setStatus } from './support/hotline.js';
import { agentBytes, growing } from './support/media.js';
import { contactsOf } from './support/proxy-rpc.js';
import { TRUNK_IP } from './support/sip-env.js';
import { SIPP_PCAP, startSipp } from './support/sipp.js';
import { startTwoSites, type Site, type TwoSites } from './support/two-sites.js';

const BUDI = { name: 'Budi Santoso', number: '6281234567890' };
const BILLING = '1500124';
const SIPP_PORT = 5590;
/** The Yogyakarta agent, made by the admin API in this world; agent1 (demo) is Jakarta's. */
const YOGYA_AGENT = { username: 'ygy.agent', extension: '1201' };

let world: TwoSites;
let jakarta: Site;
let yogya: Site;
let jakartaAgent: AgentDesktop;
let yogyaAgent: AgentDesktop;

const proxyOf = (page: Page) => page.getByRole('status', { name: 'Phone registration' }).getByTestId('registration-proxy');
const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });
async function waitingCalls(): Promise<number> {
  const token = await apiToken('agent1', 'agent1-pass', world.serverUrl);
  const res = await fetch(`${world.serverUrl}/api/v1/cc/queues/mine`, { headers: { authorization: `Bearer ${token}` } });
  const { queues } = (await res.json()) as { queues: { queueCode: string; waiting: { call: number } }[] };
  return queues.find((q) => q.queueCode === 'billing')?.waiting.call ?? -1;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  world = await startTwoSites({ base: 5560, queue: true, serverEnv: { SAPA_QUEUE_ANNOUNCE_S: '5' } });
  [jakarta, yogya] = world.sites;
  const serverUrl = world.serverUrl;
  // An agent's site is their branch's site: agent1's demo branch "Jakarta Pusat" is made a
  // branch at Jakarta, and a Yogyakarta agent who works billing is created at Yogyakarta.
  await adminCall('POST', '/admin/org/branches', { code: 'Jakarta Pusat', name: 'Jakarta Pusat', siteCode: 'jakarta' }, serverUrl);
  await adminCall('POST', '/admin/org/branches', { code: 'Yogyakarta', name: 'Yogyakarta', siteCode: 'yogyakarta' }, serverUrl);
  const { password } = await adminCall<{ password: string }>('POST', '/admin/users', {
    username: YOGYA_AGENT.username, displayName: 'Wahyu Nugroho', role: 'agent', branch: 'Yogyakarta', teamId: null,
    queues: ['billing'], skills: [], extension: YOGYA_AGENT.extension,
  }, serverUrl);
  await setExtensions({ agent1: '1001' }, serverUrl);
  // Overflow after 3 s with nobody of the site ready; no after-call work between the tests' calls.
  await setQueueRouting('billing', { overflowSiteCode: 'yogyakarta', overflowWaitSec: 3, wrapUpLimitSec: 0 }, serverUrl);

  const options = { serverUrl, wsUrls: [jakarta.wsUrl, yogya.wsUrl] };
  jakartaAgent = await openAgentDesktop(browser, 'agent1', 'agent1-pass', options);
  yogyaAgent = await openAgentDesktop(browser, YOGYA_AGENT.username, password, options);
  // Each registers at their own site's proxy (the credentials list it first), and only there.
  await expect(proxyOf(jakartaAgent.page)).toHaveText(`via ${new URL(jakarta.wsUrl).host}`);
  await expect(proxyOf(yogyaAgent.page)).toHaveText(`via ${new URL(yogya.wsUrl).host}`);
  expect(await contactsOf(YOGYA_AGENT.extension, yogya.rpcUrl)).toHaveLength(1);
  expect(await contactsOf(YOGYA_AGENT.extension, jakarta.rpcUrl)).toEqual([]);
  expect(await contactsOf('1001', jakarta.rpcUrl)).toHaveLength(1);
});
test.afterAll(async () => {
  await jakartaAgent?.close();
  await yogyaAgent?.close();
  await world?.close();
});

test('all Jakarta agents busy: after the overflow wait the caller hears the overflow prompt and is answered at Yogyakarta, audio both ways, nothing left at Jakarta', async () => {
  await scheduleAllDay('jakarta', world.serverUrl);
  await setStatus(jakartaAgent.page, 'Not ready: break');
  await setStatus(yogyaAgent.page, 'Ready');
  const jakartaLogBefore = (await world.rtpengineLog(jakarta)).length;

  const caller = await startSipp('hotline-caller.xml', BILLING, {
    CALLER: BUDI.number, PCAP: SIPP_PCAP, TALK_MS: '7000', ANSWER_TIMEOUT_MS: '60000',
  }, { source: TRUNK_IP, mediaPort: 40110, port: SIPP_PORT, proxyPort: jakarta.sipPort, timeoutSec: 90 });
  // Queued at Jakarta: the caller hears Jakarta's prompts and music.
  await expect.poll(() => caller.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(50);

  // Past the overflow wait (the next announcement, ≤ 5 s later) Jakarta's rtpengine plays
  // the overflow prompt to this caller, then the call goes to Yogyakarta and rings there.
  const ringing = softphone(yogyaAgent.page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/, { timeout: 30_000 });
  const played = (await world.rtpengineLog(jakarta)).slice(jakartaLogBefore);
  expect(played).toMatch(/overflow\.wav/);
  await expect(softphone(jakartaAgent.page).getByRole('region', { name: 'Incoming call' })).toHaveCount(0);

  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(softphone(yogyaAgent.page).getByRole('region', { name: 'In call' })).toBeVisible();
  const atAnswer = await caller.rtpReceivedNow();
  // The carrier's speech reaches the Yogyakarta agent's browser (through Yogyakarta's rtpengine)…
  await growing(() => agentBytes(yogyaAgent.page));
  const result = await caller.done;
  expect(result.code, result.output).toBe(0);
  // …and the agent's microphone reached the carrier (7 s of 20 ms packets sent; at least 100
  // back after the answer, as in hotline-queue.spec.ts).
  expect(result.rtpSent, result.output).toBeGreaterThan(200);
  expect(result.rtpReceived - atAnswer, result.output).toBeGreaterThan(100);
  await expect(softphone(yogyaAgent.page).getByRole('region', { name: 'In call' })).toHaveCount(0);

  // Jakarta holds no leftover: nothing waits in billing, and its agent, ready now, is offered nothing.
  expect(await waitingCalls()).toBe(0);
  await setStatus(jakartaAgent.page, 'Ready');
  await jakartaAgent.page.waitForTimeout(4000);
  await expect(jakartaAgent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
  await setStatus(jakartaAgent.page, 'Not ready: break');
});

test('Yogyakarta on duty by the schedule: a call to Jakarta\'s hotline rings the Yogyakarta agent, not Jakarta\'s ready one', async () => {
  await scheduleAllDay('yogyakarta', world.serverUrl);
  await setStatus(jakartaAgent.page, 'Ready');
  await setStatus(yogyaAgent.page, 'Ready');

  const caller = await startSipp('hotline-caller.xml', BILLING, {
    CALLER: BUDI.number, PCAP: SIPP_PCAP, TALK_MS: '3000', ANSWER_TIMEOUT_MS: '60000',
  }, { source: TRUNK_IP, mediaPort: 40120, port: SIPP_PORT, proxyPort: jakarta.sipPort, timeoutSec: 90 });
  const ringing = softphone(yogyaAgent.page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/, { timeout: 30_000 });
  await expect(jakartaAgent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(softphone(yogyaAgent.page).getByRole('region', { name: 'In call' })).toBeVisible();
  await growing(() => agentBytes(yogyaAgent.page));
  const result = await caller.done;
  expect(result.code, result.output).toBe(0);
  expect(await waitingCalls()).toBe(0);
  await expect(jakartaAgent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
  await setStatus(jakartaAgent.page, 'Not ready: break');
});
