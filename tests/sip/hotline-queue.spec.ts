// The hotline end to end with the real router, every packet on loopback: sipp plays the
// carrier trunk (plain RTP, G.711 A-law from the pcap sipp ships) dialling a hotline;
// Kamailio suspends the INVITE and tells the server's SIP bridge (evapi), which opens the
// caller's early session on rtpengine (183 + prompts and music) and asks the router; when
// an agent is free the router offers them and the call rings on their softphone (WebRTC,
// through rtpengine). Audio is measured at both ends: sipp's own RTP counters and the
// agent's getStats.
import { expect, test, type Page } from '@playwright/test';
import { openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { drainAgentTasks, regularCustomer, routingState, setQueueRouting, setStatus } from './support/hotline.js';
import { agentBytes, growing } from './support/media.js';
import { TRUNK_IP } from './support/sip-env.js';
import { SIPP_PCAP, startSipp } from './support/sipp.js';

const BUDI = { name: 'Budi Santoso', number: '6281234567890' };
/** agent1 works billing and network (demo data); billing's hotline. */
const BILLING = '1500124';
let agent: AgentDesktop;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  // No after-call work between the tests' calls: the router frees the agent at hang-up.
  await setQueueRouting('billing', { wrapUpLimitSec: 0 });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  await setStatus(agent.page, 'Not ready: break');
});
test.afterAll(async () => {
  await agent.close();
  // Nothing a failed test left behind is offered first in the specs after this one.
  await drainAgentTasks('agent1', 'agent1-pass');
});

test('a trunk caller waits hearing the queue media, then rings on the agent who goes ready, with the pop, audio both ways', async () => {
  const page = agent.page;
  const caller = await startSipp('hotline-caller.xml', BILLING, {
    CALLER: BUDI.number, PCAP: SIPP_PCAP, TALK_MS: '7000', ANSWER_TIMEOUT_MS: '60000',
  }, { source: TRUNK_IP, mediaPort: 40010, timeoutSec: 90 });
  // Waiting: nobody is ready, the caller has the 183 and hears the prompts and the music.
  await expect.poll(() => caller.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(50);
  const waited = await caller.rtpReceivedNow();
  // …and keeps hearing them (2 s of 20 ms packets more; the prompts have short gaps).
  await expect.poll(() => caller.rtpReceivedNow(), { timeout: 10_000 }).toBeGreaterThan(waited + 100);
  await expect(page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);

  await setStatus(page, 'Ready');
  const ringing = page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
  await expect(routingState(page)).toContainText('On a task');
  const atAnswer = await caller.rtpReceivedNow();
  // The carrier's speech reaches the browser (SRTP, decrypted and counted by getStats)…
  await growing(() => agentBytes(page));
  const result = await caller.done;
  expect(result.code, result.output).toBe(0);
  // …and the agent's microphone reached the carrier as plain RTP: 7 s (the pcap's length; a
  // 12 s talk once failed on an in-dialog request sipp's scenario does not expect — likely
  // the agent's media-recovery re-INVITE under load, not confirmed) of 20 ms packets is 350; at least 100 must have arrived at sipp
  // after the answer (the music stopped there; on the loaded 2-core machine the agent's
  // DTLS took up to 5 s to start).
  expect(result.rtpSent, result.output).toBeGreaterThan(200);
  expect(result.rtpReceived - atAnswer, result.output).toBeGreaterThan(100);
  await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
});

test('a VVIP caller is offered before a regular caller who waited longer; the regular caller keeps their place', async () => {
  const page = agent.page;
  await setStatus(page, 'Not ready: break');
  const regular = await regularCustomer();
  const values = { PCAP: SIPP_PCAP, TALK_MS: '3000', ANSWER_TIMEOUT_MS: '90000' };
  // (sipp takes its media port and the next but one for a second stream: 40012 and 40020 do not meet)
  const first = await startSipp('hotline-caller.xml', BILLING, { ...values, CALLER: regular.number }, { source: TRUNK_IP, mediaPort: 40012, timeoutSec: 120 });
  // The regular caller is in the queue (hearing its media) before Budi dials.
  await expect.poll(() => first.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(2000);
  const vvip = await startSipp('hotline-caller.xml', BILLING, { ...values, CALLER: BUDI.number }, { source: TRUNK_IP, mediaPort: 40020, timeoutSec: 120 });
  await expect.poll(() => vvip.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(0);

  await setStatus(page, 'Ready');
  const ringing = page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const budiCall = await vvip.done;
  expect(budiCall.code, budiCall.output).toBe(0);
  // Budi hung up; the agent is free again and the regular caller, still waiting, is next.
  await expect(ringing.getByTestId('caller-name')).toHaveText(new RegExp(regular.name), { timeout: 30_000 });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const regularCall = await first.done;
  expect(regularCall.code, regularCall.output).toBe(0);
  expect(regularCall.rtpReceived, regularCall.output).toBeGreaterThan(100);
});

test('a lost BYE: the carrier vanishes without hanging up, the agent is offered the next caller within 10 s', async () => {
  const page = agent.page;
  await setStatus(page, 'Not ready: break');
  const values = { PCAP: SIPP_PCAP, ANSWER_TIMEOUT_MS: '90000' };
  const vanishing = await startSipp('hotline-caller-vanish.xml', BILLING, { ...values, TALK_MS: '3000', CALLER: BUDI.number }, { source: TRUNK_IP, mediaPort: 40030, timeoutSec: 60 });
  await expect.poll(() => vanishing.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(0);
  const regular = await regularCustomer();
  const next = await startSipp('hotline-caller.xml', BILLING, { ...values, TALK_MS: '2000', CALLER: regular.number }, { source: TRUNK_IP, mediaPort: 40040, timeoutSec: 90 });
  await expect.poll(() => next.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(0);

  await setStatus(page, 'Ready');
  const ringing = page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'In call' })).toBeVisible();
  // sipp talks 3 s and exits without BYE: from then on nobody tells anyone the call is over.
  const gone = await vanishing.done;
  expect(gone.code, gone.output).toBe(0);
  const vanishedAt = Date.now();
  await expect(ringing.getByTestId('caller-name')).toHaveText(new RegExp(regular.name), { timeout: 10_000 });
  expect(Date.now() - vanishedAt).toBeLessThan(10_000);
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const answered = await next.done;
  expect(answered.code, answered.output).toBe(0);
});


test('a killed desktop mid-call: its agent is not left on the call; back, they are offered the next caller within 10 s', async ({ browser }) => {
  test.setTimeout(180_000);
  // lead1 (works billing) is the agent whose desktop dies; agent1 stays on a break.
  await setExtensions({ lead1: '1003' });
  await setStatus(agent.page, 'Not ready: break');
  const first = await openAgentDesktop(browser, 'lead1', 'lead1-pass');
  let back: AgentDesktop | null = null;
  try {
    await setStatus(first.page, 'Ready');
    const values = { PCAP: SIPP_PCAP, ANSWER_TIMEOUT_MS: '90000' };
    // The first caller talks on after the crash (sipp then leaves without BYE, like a carrier
    // that noticed nothing); the second waits in the queue meanwhile.
    const talking = await startSipp('hotline-caller-vanish.xml', BILLING, { ...values, TALK_MS: '20000', CALLER: BUDI.number }, { source: TRUNK_IP, mediaPort: 40060, timeoutSec: 90 });
    const ringing = first.page.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(first.page.getByRole('region', { name: 'In call' })).toBeVisible();
    const regular = await regularCustomer();
    const next = await startSipp('hotline-caller.xml', BILLING, { ...values, TALK_MS: '2000', CALLER: regular.number }, { source: TRUNK_IP, mediaPort: 40070, timeoutSec: 120 });
    await expect.poll(() => next.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(0);

    await first.crash();
    // The desktop comes back (the agent restarts Sapa and signs in): the router has let go of
    // the call it died on and remembers the agent chose Ready — the waiting caller rings.
    back = await openAgentDesktop(browser, 'lead1', 'lead1-pass');
    const registeredAt = Date.now();
    const again = back.page.getByRole('region', { name: 'Incoming call' });
    await expect(again.getByTestId('caller-name')).toHaveText(new RegExp(regular.name), { timeout: 10_000 });
    expect(Date.now() - registeredAt).toBeLessThan(10_000);
    await again.getByRole('button', { name: 'Answer' }).click();
    const answered = await next.done;
    expect(answered.code, answered.output).toBe(0);
    await talking.done;
  } finally {
    if (back) { await setStatus(back.page, 'Offline'); await back.close(); }
  }
});

test('ten simultaneous callers, two agents: every caller is answered once, no agent has two calls at once', async ({ browser }) => {
  test.setTimeout(240_000);
  // The second agent is lead1 (Dewi Lestari), who works billing too in the demo data:
  // agent2 works vip only, and the admin API refuses to edit their queues (their demo
  // branch "Surabaya" is not a branch code).
  await setExtensions({ lead1: '1003' });
  const second = await openAgentDesktop(browser, 'lead1', 'lead1-pass');
  try {
    const agents = [agent.page, second.page];
    for (const page of agents) await setStatus(page, 'Not ready: break');
    const regular = await regularCustomer();
    const callers = await startSipp('hotline-caller.xml', BILLING, {
      PCAP: SIPP_PCAP, TALK_MS: '2000', ANSWER_TIMEOUT_MS: '150000', CALLER: regular.number,
    }, { source: TRUNK_IP, mediaPort: 40050, calls: 10, rate: 10, timeoutSec: 200 });
    await expect.poll(() => callers.rtpReceivedNow(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const page of agents) await setStatus(page, 'Ready');

    // Each desktop answers whatever rings on it; while ringing it must not be on a call.
    const answered = [0, 0];
    let finished = false;
    const work = async (page: Page, index: number) => {
      // The softphone's ringing card (the offer card in the main area has the same name).
      const phone = page.getByRole('region', { name: 'Softphone' });
      const ringing = phone.getByRole('region', { name: 'Incoming call' });
      while (!finished) {
        if (await ringing.isVisible()) {
          expect(await ringing.count()).toBe(1);
          await expect(phone.getByRole('region', { name: 'In call' })).toHaveCount(0);
          await ringing.getByRole('button', { name: 'Answer' }).click();
          await expect(phone.getByRole('region', { name: 'In call' })).toHaveCount(1);
          answered[index] = (answered[index] ?? 0) + 1;
          await expect(phone.getByRole('region', { name: 'In call' })).toHaveCount(0, { timeout: 30_000 });
        }
        await page.waitForTimeout(100);
      }
    };
    const workers = agents.map((page, i) => work(page, i));
    const result = await callers.done;
    finished = true;
    await Promise.all(workers);
    // sipp's exit code is 0 only when all ten calls got their 200, talked and hung up.
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+10\b/);
    expect((answered[0] ?? 0) + (answered[1] ?? 0)).toBe(10);
    expect(answered[0]).toBeGreaterThan(0);
    expect(answered[1]).toBeGreaterThan(0);
  } finally {
    await setStatus(second.page, 'Offline');
    await second.close();
  }
});
