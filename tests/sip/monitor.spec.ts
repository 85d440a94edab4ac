// Listen, whisper and barge end to end, every packet on loopback (decision 0024): sipp is the
// carrier calling agent1 (signalling; the customer's media is the test's own socket, which
// speaks a 500 Hz tone and keeps what the customer hears, support/customer-media.ts); the
// agent's microphone is an 1100 Hz tone and the lead's a 1700 Hz tone (getUserMedia replaced
// in those pages only). The lead listens from the live floor and hears both sides (the 500 and
// 1100 Hz tones in the monitor call's audio, analysed in the lead's page); the customer hears
// nothing of the lead in listen and whisper (Goertzel at 1700 Hz on the decoded G.711 the
// customer receives) and hears the lead in barge; the agent hears the whisper (audio level of
// the monitor call at the agent's page) and, in listen, receives not one packet from the lead.
// The session ends by itself when the customer hangs up. Listen start times (click → first
// audio at the lead) go to test-results/monitor-start.json (bench/monitor-start-bench.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT } from '../e2e/support/processes.js';
import { customerMedia, type CustomerMedia } from './support/customer-media.js';
import { adminCall, apiToken, openAgentDesktop, setExtensions, type AgentDesktop } from './support/desktops.js';
import { TRUNK_IP, suiteEnv } from './support/sip-env.js';
import { startSipp } from './support/sipp.js';
import { decodeG711, medianShare, toneMicrophone } from './support/tones.js';

const CUSTOMER_HZ = 500;
const AGENT_HZ = 1100;
const LEAD_HZ = 1700;
const AGENT_NAME = 'Sari Wulandari';
const LEAD_NAME = 'Dewi Lestari';
/** Listen starts to time (the bench asks for more). */
const STARTS = Number(process.env.SAPA_MONITOR_STARTS ?? '3');

let agent: AgentDesktop;
let lead: AgentDesktop;
let teamId: string;
let agentId: string;

interface MonitorStats { role: string; mode: string; packetsReceived: number; bytesReceived: number; audioLevel: number; packetsSent: number }
const stats = (page: Page) => page.evaluate(() => window.__sapaSoftphone?.monitorStats() ?? null) as Promise<MonitorStats | null>;

/** Tone shares (0…1) of what the lead's monitor call plays, over 0.5 s, analysed in the lead's page. */
function leadHears(page: Page, freqs: number[]): Promise<number[]> {
  return page.evaluate(async (hz) => {
    const stream = window.__sapaSoftphone?.monitorStream();
    if (!stream) return hz.map(() => 0);
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 16384;
    ctx.createMediaStreamSource(stream).connect(analyser);
    await new Promise((r) => setTimeout(r, 600));
    const x = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(x);
    await ctx.close();
    return hz.map((f) => {
      const w = (2 * Math.PI * f) / ctx.sampleRate; const c = 2 * Math.cos(w);
      let s1 = 0; let s2 = 0; let e = 0;
      for (const v of x) { e += v * v; const s0 = v + c * s1 - s2; s2 = s1; s1 = s0; }
      return e > 0 ? (2 * (s1 * s1 + s2 * s2 - c * s1 * s2)) / (x.length * e) : 0;
    });
  }, freqs);
}

/** The customer's share of a tone over what they heard from `since` (Date.now()), once 100 packets came. */
async function customerShare(media: CustomerMedia, since: number, hz: number): Promise<number> {
  await expect.poll(() => media.packets.filter((p) => p.at >= since).length, { timeout: 10_000 }).toBeGreaterThan(100);
  return medianShare(decodeG711(media.packets.filter((p) => p.at >= since)), hz);
}
const lastSecond = (media: CustomerMedia, hz: number) => medianShare(decodeG711(media.packets.filter((p) => p.at >= Date.now() - 1000)), hz);

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002', lead1: '1003' });
  // lead1 leads a team with agent1 in it.
  const { agents } = await adminCall<{ agents: { userId: string; username: string }[] }>('GET', '/admin/agents/extensions');
  const id = (username: string) => agents.find((a) => a.username === username)?.userId ?? '';
  agentId = id('agent1');
  const team = await adminCall<{ id: string }>('POST', '/admin/org/teams', { name: `Monitor ${Date.now()}`, branchCode: null, leadUserId: id('lead1') });
  teamId = team.id;
  // The Users screen checks a user's branch against the branches table, which the demo data leaves empty.
  await adminCall('POST', '/admin/org/branches', { code: 'Jakarta Pusat', name: 'Jakarta Pusat', siteCode: null }).catch(() => undefined);
  await moveToTeam(agentId, teamId);
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass', { initScript: toneMicrophone(AGENT_HZ) });
  lead = await openAgentDesktop(browser, 'lead1', 'lead1-pass', { initScript: toneMicrophone(LEAD_HZ) });
});
test.afterAll(async () => {
  await agent?.close();
  await lead?.close();
  await moveToTeam(agentId, null).catch(() => undefined);
});

async function moveToTeam(userId: string, team: string | null): Promise<void> {
  const u = await adminCall<{ displayName: string; role: string; branch: string | null; queues: string[]; skills: unknown[]; extension: string | null }>('GET', `/admin/users/${userId}`);
  await adminCall('PUT', `/admin/users/${userId}`, { displayName: u.displayName, role: u.role, branch: u.branch, teamId: team, queues: u.queues, skills: u.skills, extension: u.extension });
}

test('an agent cannot start a listen on another agent (403)', async () => {
  const token = await apiToken('agent2', 'agent2-pass');
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1/floor/monitor`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ agentId, mode: 'listen' }),
  });
  expect(res.status).toBe(403);
});

test('a lead listens (hears both sides, sends nothing), whispers (only the agent hears), barges (both hear), and the call ending ends it', async () => {
  test.setTimeout(240_000);
  const media = await customerMedia(TRUNK_IP, 40210, CUSTOMER_HZ);
  const talkMs = 60_000 + STARTS * 6_000;
  const call = startSipp('monitor-customer.xml', '1001', {
    CALLER: '6281234567890', TALK_MS: String(talkMs), ANSWER_TIMEOUT_MS: '20000', SDP_MEDIA_PORT: '40210',
  }, { source: TRUNK_IP, timeoutSec: talkMs / 1000 + 60 });
  try {
    const ringing = agent.page.getByRole('region', { name: 'Incoming call' });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const inCall = agent.page.getByRole('region', { name: 'In call' });
    await expect(inCall).toBeVisible();
    // The customer hears the agent (and nobody else yet).
    expect(await customerShare(media, Date.now(), AGENT_HZ)).toBeGreaterThan(0.2);

    const page = lead.page;
    await page.getByRole('navigation').getByRole('link', { name: 'Floor', exact: true }).click();
    const row = page.getByRole('region', { name: 'Agents on the floor' }).getByRole('row', { name: AGENT_NAME });
    const listen = row.getByRole('button', { name: `Listen to ${AGENT_NAME}'s call` });
    await expect(listen).toBeEnabled({ timeout: 15_000 });
    const indicator = row.getByRole('status', { name: `Monitoring ${AGENT_NAME}` });

    // Listen: the lead hears the customer's 500 Hz and the agent's 1100 Hz…
    await listen.click();
    await expect(indicator).toHaveText('Listening (your microphone is off)');
    await expect(listen).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await stats(page))?.packetsReceived ?? 0).toBeGreaterThan(50);
    await expect.poll(async () => (await stats(page))?.audioLevel ?? 0).toBeGreaterThan(0.01);
    await expect.poll(async () => Math.min(...await leadHears(page, [CUSTOMER_HZ, AGENT_HZ])), { timeout: 10_000 }).toBeGreaterThan(0.05);
    // …and sends nothing: no packet left the lead, none reached the agent, no 1700 Hz at the customer.
    const listening = Date.now();
    expect(await customerShare(media, listening, LEAD_HZ)).toBeLessThan(0.02);
    expect((await stats(page))?.packetsSent).toBe(0);
    expect((await stats(agent.page))?.packetsReceived).toBe(0);
    // A listen is silent on the agent's screen.
    await expect(inCall.getByRole('status', { name: /whispering|joined/ })).toHaveCount(0);

    // Whisper: the agent hears the lead, the customer still does not.
    await row.getByRole('button', { name: `Whisper to ${AGENT_NAME}` }).click();
    await expect(indicator).toHaveText('Whispering (only the agent hears you)');
    await expect(inCall.getByRole('status', { name: `${LEAD_NAME} is whispering to you` })).toBeVisible();
    await expect.poll(async () => (await stats(agent.page))?.audioLevel ?? 0).toBeGreaterThan(0.01);
    expect(await customerShare(media, Date.now(), LEAD_HZ)).toBeLessThan(0.02);

    // Barge: the customer hears the lead too (and still the agent); the agent still hears the lead.
    await row.getByRole('button', { name: `Barge into ${AGENT_NAME}'s call` }).click();
    await expect(indicator).toHaveText('Barged in (agent and customer hear you)');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: path.join(ROOT, 'test-results/monitor-floor-barge.png') });
    await agent.page.screenshot({ path: path.join(ROOT, 'test-results/monitor-agent-barge.png') });
    // The same in Indonesian.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    const baris = page.getByRole('region', { name: 'Agen yang bertugas' }).getByRole('row', { name: AGENT_NAME });
    await expect(baris.getByRole('status', { name: `Memantau ${AGENT_NAME}` })).toHaveText('Menyela (agen dan pelanggan mendengar Anda)');
    await expect(baris.getByRole('button', { name: `Dengarkan panggilan ${AGENT_NAME}` })).toBeVisible();
    await expect(baris.getByRole('button', { name: `Berhenti memantau ${AGENT_NAME}` })).toBeEnabled();
    await page.screenshot({ path: path.join(ROOT, 'test-results/monitor-floor-barge-id.png') });
    await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
    await expect(inCall.getByRole('status', { name: `${LEAD_NAME} has joined the call` })).toBeVisible();
    await expect.poll(() => lastSecond(media, LEAD_HZ), { timeout: 10_000 }).toBeGreaterThan(0.1);
    expect(lastSecond(media, AGENT_HZ)).toBeGreaterThan(0.1);
    expect((await stats(agent.page))?.audioLevel ?? 0).toBeGreaterThan(0.01);

    // Back to listen, on the same call, from the keyboard: the lead's tone leaves the customer's ear again.
    await listen.focus();
    await page.keyboard.press('Enter');
    await expect(indicator).toHaveText('Listening (your microphone is off)');
    await expect.poll(() => lastSecond(media, LEAD_HZ), { timeout: 10_000 }).toBeLessThan(0.02);
    await expect(inCall).toBeVisible();

    // Listen start time, click → first audio at the lead: stop and start again.
    const stop = row.getByRole('button', { name: `Stop monitoring ${AGENT_NAME}` });
    for (let i = 0; i < STARTS; i++) {
      await stop.click();
      await expect(indicator).toHaveCount(0);
      await expect.poll(async () => stats(agent.page)).toBeNull();
      await listen.click();
      await expect(indicator).toHaveText('Listening (your microphone is off)');
    }
    const timings = await page.evaluate(() => window.__sapaMonitorTimings ?? []);
    expect(timings.length).toBe(STARTS + 1);
    await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
    await writeFile(path.join(ROOT, 'test-results/monitor-start.json'), JSON.stringify({ samplesMs: timings }, null, 2));

    // The customer hangs up: the agent's call ends and the lead's session with it.
    const result = await (await call).done;
    expect(result.code, result.output).toBe(0);
    await expect(inCall).toHaveCount(0);
    await expect(row.getByText('Monitoring ended: The call ended.')).toBeVisible();
    await expect.poll(async () => stats(page)).toBeNull();
    // Every start, mode change and end is in the audit log.
    const audit = await adminCall<{ entries: { action: string; details: Record<string, unknown> | null }[] }>('GET', '/admin/audit?action=monitor_mode_changed');
    const changes = audit.entries.filter((e) => e.details?.agentId === agentId).slice(0, 3).map((e) => e.details?.to);
    expect(changes).toEqual(['listen', 'barge', 'whisper']);
    const ended = await adminCall<{ entries: { details: Record<string, unknown> | null }[] }>('GET', '/admin/audit?action=monitor_ended');
    expect(ended.entries[0]?.details).toMatchObject({ agentId, reason: 'call_ended' });
  } finally {
    await media.close();
  }
});
