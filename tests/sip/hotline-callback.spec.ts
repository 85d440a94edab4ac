// The queue's announcements and its call-back after the limit, end to end with the real
// router, Kamailio, rtpengine and sipp as the carrier. What the waiting caller hears is
// taken from the wire: an RTP tap (support/rtp-tap.ts) between rtpengine and sipp keeps
// every packet, and each payload is matched to the prompt file it is a piece of — so the
// order of the welcome, the announcements, the music and the call-back promise, and how long
// the music plays between announcements, are what the caller really got, not what the
// bridge meant to play. The suite's server waits QUEUE_ANNOUNCE_S (5 s) of music between
// announcements.
import { expect, test } from '@playwright/test';
import { SingleScreen } from '../e2e/support/pages.js';
import { startCarrier, talkToCarrier } from './support/carrier.js';
import { openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { drainAgentTasks, routingState, saveWrapUp, setQueueRouting, setStatus } from './support/hotline.js';
import { heard, rtpTap, type Heard } from './support/rtp-tap.js';
import { QUEUE_ANNOUNCE_S, TRUNK_IP } from './support/sip-env.js';
import { SIPP_PCAP, startSipp } from './support/sipp.js';

const BUDI = { name: 'Budi Santoso', number: '6281234567890' };
/** agent1 works billing and network (demo data); network's hotline (hotline-queue.spec.ts uses billing). */
const NETWORK = '1500125';
let agent: AgentDesktop;
let saved: Record<string, unknown> = {};

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001' });
  saved = await setQueueRouting('network', { maxWaitSec: 20, maxWaitAction: 'callback', wrapUpLimitSec: 0 });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  await setStatus(agent.page, 'Not ready: break');
});
test.afterEach(async ({}, testInfo) => {
  // A test that failed half way leaves its call-back with agent1 (offered or on a task):
  // the next test would wait behind it.
  if (testInfo.status !== testInfo.expectedStatus) await drainAgentTasks('agent1', 'agent1-pass');
});
test.afterAll(async () => {
  await agent.close();
  await setQueueRouting('network', saved);
  // After a failure here the call-back may still wait in `network`: work it off, so it is
  // not offered first to agent1 in the specs after this one.
  await drainAgentTasks('agent1', 'agent1-pass');
});

const names = (runs: Heard[]) => runs.map((r) => r.name);
const isPosition = (name: string) => /^position-(\d+|many)$/.test(name);

/**
 * The music before each announcement (and before the call-back promise) lasted about
 * QUEUE_ANNOUNCE_S: at least 60 % of it (packets are timed by rtpengine, their arrival by a
 * loaded machine) and not 5 s more.
 */
/**
 * The music between two announcements lasts SAPA_QUEUE_ANNOUNCE_S (give or take the load);
 * the music before the call-back promise may be cut short: the limit is looked at every 3 s.
 */
function expectMusicBetween(runs: Heard[]): void {
  const between = runs.filter((r, i) => i > 0 && r.name === 'music' && /^position-/.test(runs[i + 1]?.name ?? ''));
  expect(between.length, JSON.stringify(runs)).toBeGreaterThan(0);
  for (const music of between) {
    expect(music.to - music.from, JSON.stringify(music)).toBeGreaterThan(QUEUE_ANNOUNCE_S * 600);
    expect(music.to - music.from, JSON.stringify(music)).toBeLessThan(QUEUE_ANNOUNCE_S * 1000 + 5000);
  }
}

test('over the limit with no agent ready: welcome, position announcements between the music, the call-back promise and 480; the agent works the call-back through the trunk', async () => {
  test.setTimeout(180_000);
  const page = agent.page;
  const tap = await rtpTap(TRUNK_IP, 40070, 40060);
  try {
    const caller = await startSipp('hotline-caller-callback.xml', NETWORK, {
      CALLER: BUDI.number, SDP_MEDIA_PORT: '40070',
    }, { source: TRUNK_IP, mediaPort: 40060, timeoutSec: 90 });
    // Waiting: the 183's early media reaches sipp (its own counter) and keeps coming.
    await expect.poll(() => caller.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(50);
    const waited = await caller.rtpReceivedNow();
    await expect.poll(() => caller.rtpReceivedNow(), { timeout: 10_000 }).toBeGreaterThan(waited + 100);
    // Past the limit (20 s, looked at every 3 s) the caller is promised a call-back
    // and released with 480, which sipp requires and acknowledges.
    const result = await caller.done;
    expect(result.code, result.output).toBe(0);

    const { runs, unknown, total } = heard(tap.packets);
    const what = JSON.stringify({ runs, unknown, total });
    await test.info().attach('heard by the caller', { body: what, contentType: 'application/json' });
    // What rtpengine sent the caller was the prompt files, nearly packet for packet.
    expect(total, what).toBeGreaterThan(500);
    expect(unknown, what).toBeLessThan(total * 0.05);
    // The welcome, the position, the music; the position again after the music (from the
    // router's standing, no expected wait: no agent works the queue now); then the promise.
    const order = names(runs);
    expect(order[0], what).toBe('welcome');
    expect(isPosition(order[1] ?? ''), what).toBe(true);
    expect(order.at(-1), what).toBe('callback');
    const announcements = order.slice(1, -1);
    expect(announcements.filter(isPosition).length, what).toBeGreaterThanOrEqual(2);
    expect(announcements.every((n) => isPosition(n) || n === 'music'), what).toBe(true);
    expectMusicBetween(runs);
    // The promise came with the limit (20 s after the caller began to hear the queue), not at
    // a later announcement: the limit is looked at every 3 s (slack for a loaded machine).
    const started = runs[0]?.from ?? 0;
    const promised = runs.at(-1)?.from ?? 0;
    expect(promised - started, what).toBeGreaterThan(19_000);
    expect(promised - started, what).toBeLessThan(28_000);
    // Every prompt was heard whole, but the one the promise cut short; the promise itself too.
    for (const run of runs.slice(0, -2).filter((r) => r.name !== 'music')) expect(run.coverage, JSON.stringify(run)).toBeGreaterThan(0.9);
    expect(runs.at(-1)?.coverage ?? 0, what).toBeGreaterThan(0.9);
  } finally {
    await tap.close();
  }

  // The call-back task at the caller's number: offered once the agent is ready.
  const carrier = await startCarrier(BUDI.number, 40080);
  await setStatus(page, 'Ready');
  const offer = page.getByRole('region', { name: /^Call-back due$/ });
  await expect(offer.getByRole('timer', { name: 'Time left to accept' })).toHaveText(/Accept within 0:\d\d/);
  const screen = new SingleScreen(page);
  await expect(screen.profile().getByRole('heading', { name: new RegExp(BUDI.name) })).toBeVisible();
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(offer).toHaveCount(0);
  await expect(routingState(page)).toContainText('On a task');
  const card = page.getByRole('region', { name: 'Call-back task' });
  // Click-to-call: out through the trunk to the carrier, which checks the number dialled.
  await card.getByRole('button', { name: /^Call \+62 812.3456.7890$/ }).click();
  await talkToCarrier(page, carrier);
  // The call itself has its wrap-up, as every call; the call-back's outcome is the task's.
  await saveWrapUp(page);

  await card.getByRole('radio', { name: 'Reached' }).check();
  await card.getByRole('textbox', { name: 'Note' }).fill('Gangguan jaringan sudah pulih');
  await card.getByRole('button', { name: 'Save outcome' }).click();
  await expect(card).toHaveCount(0);
  // The outcome is in the customer's timeline (the suite's data has no other such entry).
  const entry = screen.entries().filter({ hasText: 'Call-back: customer reached' });
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: 'Show details' }).click();
  await expect(entry).toContainText('Gangguan jaringan sudah pulih');
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting');
  await expect(page.getByRole('status', { name: 'Sync status' })).not.toContainText('refused');
});

test('with the only agent in wrap-up: the welcome, then position and expected wait announced again after the music, until the agent is free', async () => {
  test.setTimeout(180_000);
  const page = agent.page;
  // A limit the wait stays under; after a call the agent is in wrap-up until they save it.
  await setQueueRouting('network', { maxWaitSec: 300, wrapUpLimitSec: 120 });
  await setStatus(page, 'Ready');
  const first = await startSipp('hotline-caller.xml', NETWORK, {
    CALLER: BUDI.number, PCAP: SIPP_PCAP, TALK_MS: '3000', ANSWER_TIMEOUT_MS: '30000',
  }, { source: TRUNK_IP, mediaPort: 40090, timeoutSec: 60 });
  const ringing = page.getByRole('region', { name: 'Softphone' }).getByRole('region', { name: 'Incoming call' });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const firstCall = await first.done;
  expect(firstCall.code, firstCall.output).toBe(0);
  const wrap = page.getByRole('region', { name: 'Wrap-up' });
  await expect(wrap).toBeVisible();

  const tap = await rtpTap(TRUNK_IP, 40110, 40100);
  try {
    const second = await startSipp('hotline-caller.xml', NETWORK, {
      CALLER: '6285799990011', SDP_MEDIA_PORT: '40110', PCAP: SIPP_PCAP, TALK_MS: '2000', ANSWER_TIMEOUT_MS: '90000',
    }, { source: TRUNK_IP, mediaPort: 40100, timeoutSec: 120 });
    // The agent works the queue (in wrap-up, not ready for a call): each announcement is the
    // position and the expected wait. Two of them after the welcome, then the agent is free.
    const order = () => names(heard(tap.packets).runs).join(' ');
    await expect.poll(order, { timeout: 60_000 }).toMatch(/^welcome position-\S+ wait-\d+ music position-\S+ wait-\d+ music/);
    await expect(ringing).toHaveCount(0);
    await saveWrapUp(page);
    await expect(ringing).toBeVisible();
    // What the caller heard while waiting (after the answer the tap carries the agent's voice).
    const waiting = tap.packets.slice();
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const secondCall = await second.done;
    expect(secondCall.code, secondCall.output).toBe(0);

    const { runs, unknown, total } = heard(waiting);
    const what = JSON.stringify({ runs, unknown, total });
    await test.info().attach('heard by the caller', { body: what, contentType: 'application/json' });
    expect(unknown, what).toBeLessThan(total * 0.05);
    expect(names(runs).join(' '), what).toMatch(/^welcome (position-\S+ wait-\d+ music ?){2,}$/);
    expectMusicBetween(runs);
    for (const run of runs.filter((r) => r.name !== 'music')) expect(run.coverage, JSON.stringify(run)).toBeGreaterThan(0.9);
  } finally {
    await tap.close();
  }
});
