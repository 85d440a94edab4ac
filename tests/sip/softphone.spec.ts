// The softphone end to end, every packet on loopback: Kamailio, the agent's real renderer
// through the browser host (core + server on PGlite), a second agent, and a "customer
// phone" page running sip.js.
import { expect, test, type Page } from '@playwright/test';
import { apiToken, openAgentDesktop, openCustomerPhone, registration, setExtensions } from './support/desktops.js';
import { agentBytes, growing } from './support/media.js';
import { suiteEnv } from './support/sip-env.js';
import { readFinishedWebm } from '../support/webm-read.js';

const BUDI = { name: 'Budi Santoso', number: '6281234567890', id: '00000000-0000-4000-8000-000000000001' };

type Phone = { call(t: string): Promise<void>; hangup(): Promise<void>; state(): string; inboundBytes(): Promise<number>; dtmf: string; refers: number };
const phone = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
  bytes: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.inboundBytes()),
  dtmf: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.dtmf),
  hangup: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.hangup()),
});

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
});

test('a customer call: screen pop before answering, audio both ways, hold, DTMF, mute, attended transfer, wrap-up, recording', async ({ browser }) => {
  const agent1 = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  const agent2 = await openAgentDesktop(browser, 'agent2', 'agent2-pass');
  const customer = await openCustomerPhone(browser, BUDI.number);
  const a1 = agent1.page;
  const a2 = agent2.page;
  try {
    // Rings: the profile and tier are on screen while the customer still waits.
    void phone(customer).call('1001');
    const ringing = a1.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await expect(ringing.locator('[data-tier]')).toBeVisible();
    expect(await phone(customer).state()).not.toBe('Established');
    await expect(a1.getByRole('region', { name: 'Customer profile' }).getByRole('heading', { name: /Budi Santoso/ })).toBeVisible();

    // Talk time is bracketed by what the test saw, not compared with a tolerance, so a
    // loaded machine cannot fail it: it starts between these two instants…
    const beforeAnswer = Date.now();
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const inCall = a1.getByRole('region', { name: 'In call' });
    await expect(inCall).toBeVisible();
    const answerSeenAt = Date.now();
    await expect.poll(() => phone(customer).state()).toBe('Established');
    // Media both ways, measured on the RTP counters.
    await growing(() => agentBytes(a1));
    await growing(() => phone(customer).bytes());
    await expect(inCall.getByText('Recording', { exact: true })).toBeVisible();

    // Hold and resume (shown only once the far end accepted the re-INVITE).
    await inCall.getByRole('button', { name: 'Hold' }).click();
    await expect(inCall.getByText('On hold')).toBeVisible();
    await inCall.getByRole('button', { name: 'Resume' }).click();
    await expect(inCall.getByText('On hold')).toHaveCount(0);
    await growing(() => phone(customer).bytes());

    // DTMF reaches the far end.
    await inCall.getByRole('button', { name: 'Keypad' }).click();
    const tones = inCall.getByRole('group', { name: 'Send tones' });
    for (const d of ['1', '2', '#']) await tones.getByRole('button', { name: d, exact: true }).click();
    await expect.poll(() => phone(customer).dtmf()).toBe('12#');

    // Mute and unmute.
    await inCall.getByRole('button', { name: 'Mute' }).click();
    await expect(inCall.getByText('Muted', { exact: true })).toBeVisible();
    await inCall.getByRole('button', { name: 'Unmute' }).click();
    await expect(inCall.getByText('Muted', { exact: true })).toHaveCount(0);

    // Attended transfer to agent2: consult, agent2 answers, complete.
    await inCall.getByLabel('Transfer to extension').fill('1002');
    await inCall.getByRole('button', { name: 'Consult first' }).click();
    const a2ringing = a2.getByRole('region', { name: 'Incoming call' });
    await expect(a2ringing).toBeVisible();
    await a2ringing.getByRole('button', { name: 'Answer' }).click();
    const consult = a1.getByRole('region', { name: 'Consulting' });
    await expect(consult.getByTestId('call-timer')).toBeVisible();
    // …and ends between these two.
    const beforeComplete = Date.now();
    await consult.getByRole('button', { name: 'Complete transfer' }).click();
    // The customer is now with agent2 (the consult leg was replaced), with audio.
    const a2call = a2.getByRole('region', { name: 'In call' });
    await expect(a2call.getByTestId('caller-name')).toHaveText(/Budi Santoso/, { timeout: 20_000 });
    await expect(a1.getByRole('region', { name: 'In call' })).toHaveCount(0, { timeout: 15_000 });
    const legGoneAt = Date.now();
    await growing(() => agentBytes(a2));
    await growing(() => phone(customer).bytes());

    // agent2 hangs up.
    await a2call.getByRole('button', { name: 'Hang up' }).click();
    await expect(a2call).toHaveCount(0);

    // agent1's wrap-up: saved, in the timeline at once and after a reload.
    const wrap = a1.getByRole('region', { name: 'Wrap-up' });
    await wrap.getByLabel('Disposition').selectOption('resolved');
    await wrap.getByLabel('Notes').fill('E2E: asked about the bill, transferred to billing');
    await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(wrap).toHaveCount(0);
    const history = a1.getByRole('feed', { name: 'Contact history' }).or(a1.getByRole('list', { name: 'Contact history' }));
    const entry = history.getByRole('article').filter({ hasText: 'Call from +62' }).filter({ hasText: 'resolved' }).first();
    await expect(entry).toBeVisible();
    await a1.reload();
    await expect(registration(a1)).toHaveText('Registered', { timeout: 20_000 });
    await a1.getByRole('combobox', { name: /Search customers/ }).or(a1.getByRole('searchbox', { name: /Search customers/ })).fill('Budi Santoso');
    await a1.getByRole('listbox', { name: /Search results/ }).getByRole('option', { name: /Budi Santoso/ }).first().click();
    const entryAfter = history.getByRole('article').filter({ hasText: 'Call from +62' }).filter({ hasText: 'resolved' }).first();
    await expect(entryAfter).toBeVisible();

    // The recording: uploaded, its length the talk time (±1 s), and it plays.
    const { serverUrl } = suiteEnv();
    const token = await apiToken('agent1', 'agent1-pass');
    // The outbox has carried the wrap-up to the server (interaction + call.details).
    type Item = { id: string; recordingId: string | null; disposition: string | null; channel: string };
    const findCall = async () => {
      const res = await fetch(`${serverUrl}/api/v1/customers/${BUDI.id}/interactions?limit=5`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { items: Item[] }).items.find((i) => i.channel === 'call_in' && i.disposition === 'resolved');
    };
    await expect.poll(async () => (await findCall())?.id ?? null, { timeout: 20_000 }).not.toBeNull();
    await expect.poll(async () => {
      const found = await findCall();
      return found ? (await fetch(`${serverUrl}/api/v1/calls/${found.id}`, { headers: { authorization: `Bearer ${token}` } })).status : 0;
    }, { timeout: 20_000 }).toBe(200);
    const interaction = await findCall();
    const recordingId = interaction?.recordingId;
    const details = await (await fetch(`${serverUrl}/api/v1/calls/${interaction?.id}`, { headers: { authorization: `Bearer ${token}` } })).json() as { answeredAt: string; endedAt: string };
    // Talk time as the desktop measured it: answer → end of the agent's leg.
    const talkMs = Date.parse(details.endedAt) - Date.parse(details.answeredAt);
    expect(talkMs).toBeGreaterThanOrEqual(beforeComplete - answerSeenAt);
    expect(talkMs).toBeLessThanOrEqual(legGoneAt - beforeAnswer);
    expect(recordingId).toBeTruthy();
    await expect.poll(async () => {
      const r = await fetch(`${serverUrl}/api/v1/recordings/${recordingId}`, { headers: { authorization: `Bearer ${token}` } });
      return r.ok ? ((await r.json()) as { complete: boolean }).complete : false;
    }, { timeout: 20_000 }).toBe(true);
    const ranged = await fetch(`${serverUrl}/api/v1/recordings/${recordingId}/audio`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    await entryAfter.getByRole('button', { name: 'Play recording' }).click();
    const player = entryAfter.getByLabel('Call recording');
    await expect(player).toBeVisible();
    // Decode the uploaded file (in the customer page: the app's CSP keeps fetch off blob:).
    const whole = await fetch(`${serverUrl}/api/v1/recordings/${recordingId}/audio`, { headers: { authorization: `Bearer ${token}` } });
    const wholeBytes = Buffer.from(await whole.arrayBuffer());
    const base64 = wholeBytes.toString('base64');
    const decodedSec = await customer.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      return (await new AudioContext().decodeAudioData(bytes.buffer)).duration;
    }, base64);
    expect(Math.abs(decodedSec * 1000 - talkMs)).toBeLessThan(1000);
    // The server indexed MediaRecorder's file when the upload finished: its Duration is the
    // talk time, one cue per cluster, and the player shows that length (not Infinity).
    const index = readFinishedWebm(wholeBytes);
    expect(Math.abs((index.durationMs ?? 0) - talkMs)).toBeLessThan(1000);
    expect(index.cues.length).toBe(index.clusters.length);
    expect(index.cues.length).toBeGreaterThan(0);
    await player.evaluate(async (el: HTMLAudioElement) => { el.muted = true; await el.play(); });
    await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    const shownSec = await player.evaluate((el: HTMLAudioElement) => el.duration);
    expect(Math.abs(shownSec * 1000 - talkMs)).toBeLessThan(1000);
  } finally {
    await customer.context().close().catch(() => undefined);
    await agent1.close();
    await agent2.close();
  }
});
