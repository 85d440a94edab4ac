// The softphone's remaining paths in one setup (two agents, two callers) to keep the suite
// short: keyboard shortcuts (Alt+A/M/O/H), recording pause/resume marked in the recording's
// metadata (and in the desktop's spool as it happens, so a crash keeps it), call waiting (a second call rings with its own pop while in a call; answering
// it holds the first), and blind transfer to another agent.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiToken, openAgentDesktop, openCustomerPhone, setExtensions } from './support/desktops.js';
import { suiteEnv } from './support/sip-env.js';

const BUDI = { number: '6281234567890', id: '00000000-0000-4000-8000-000000000001' };

type Phone = { call(t: string): Promise<void>; state(): string; refers: number };
const phoneOf = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
  refers: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.refers),
});

type Pause = { atMs: number; resumedAtMs: number | null };
/** The pause marks core holds for the desktop's one recording still being recorded. */
async function spooledMarks(dataDir: string): Promise<Pause[] | null> {
  const dir = path.join(dataDir, 'recordings');
  for (const file of (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json'))) {
    const state = JSON.parse(await readFile(path.join(dir, file), 'utf8').catch(() => '{}')) as { state?: string; pauses?: Pause[] };
    if (state.state === 'recording') return state.pauses ?? [];
  }
  return null;
}

async function api<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${suiteEnv().serverUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json() as Promise<T>;
}

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
});

test('shortcuts, recording pause marked in the metadata, call waiting with its own pop, blind transfer', async ({ browser }) => {
  const token = await apiToken('agent1', 'agent1-pass');
  // A second known customer (other than Budi) to call in while Budi is on the line.
  type Summary = { id: string; fullName: string; phones: { e164: string }[] };
  const { results } = await api<{ results: Summary[] }>('/customers/search?q=a&limit=50', token);
  const other = results.find((c) => c.id !== BUDI.id && c.phones.length > 0 && !c.phones.some((p) => p.e164 === `+${BUDI.number}`));
  if (!other?.phones[0]) throw new Error('the demo data has no second customer with a phone');
  const otherLookup = await api<{ customers: Summary[] }>(`/customers/by-phone?phone=${encodeURIComponent(other.phones[0].e164)}`, token);
  expect(otherLookup.customers).toHaveLength(1); // one match: its card shows the name

  const agent1 = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  const agent2 = await openAgentDesktop(browser, 'agent2', 'agent2-pass');
  const budi = await openCustomerPhone(browser, BUDI.number);
  const second = await openCustomerPhone(browser, other.phones[0].e164.replace('+', ''));
  const a1 = agent1.page;
  try {
    // ---- keyboard shortcuts ----------------------------------------------------------
    void phoneOf(budi).call('1001');
    const ringing = a1.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await a1.keyboard.press('Alt+A');
    const budiCall = a1.getByRole('region', { name: 'In call' }).filter({ hasText: 'Budi Santoso' });
    await expect(budiCall).toBeVisible();
    await expect.poll(() => phoneOf(budi).state()).toBe('Established');
    await expect(budiCall.getByText('Recording', { exact: true })).toBeVisible();
    await a1.keyboard.press('Alt+M');
    await expect(budiCall.getByText('Muted', { exact: true })).toBeVisible();
    await a1.keyboard.press('Alt+M');
    await expect(budiCall.getByText('Muted', { exact: true })).toHaveCount(0);
    await a1.keyboard.press('Alt+O');
    await expect(budiCall.getByText('On hold')).toBeVisible();
    await a1.keyboard.press('Alt+O');
    await expect(budiCall.getByText('On hold')).toHaveCount(0);

    // ---- recording pause / resume ----------------------------------------------------
    await budiCall.getByRole('button', { name: 'Pause recording' }).click();
    await expect(budiCall.getByText('Recording paused')).toBeVisible();
    // Core has each mark on disk as it is made, not only when the call ends.
    await expect.poll(() => spooledMarks(agent1.dataDir)).toEqual([{ atMs: expect.any(Number), resumedAtMs: null }]);
    await a1.waitForTimeout(1200);
    await budiCall.getByRole('button', { name: 'Resume recording' }).click();
    await expect(budiCall.getByText('Recording', { exact: true })).toBeVisible();
    await expect.poll(async () => (await spooledMarks(agent1.dataDir))?.[0]?.resumedAtMs ?? null).not.toBeNull();
    const marks = await spooledMarks(agent1.dataDir);

    // ---- call waiting ----------------------------------------------------------------
    void phoneOf(second).call('1001');
    const waiting = a1.getByRole('region', { name: 'Incoming call' });
    await expect(waiting.getByTestId('caller-name')).toHaveText(new RegExp(other.fullName));
    await expect(budiCall).toBeVisible(); // the first call goes on while the second rings
    await waiting.getByRole('button', { name: 'Answer' }).click();
    const otherCall = a1.getByRole('region', { name: 'In call' }).filter({ hasText: other.fullName });
    await expect(otherCall.getByTestId('call-timer')).toBeVisible();
    await expect.poll(() => phoneOf(second).state()).toBe('Established');
    await expect(budiCall.getByText('On hold')).toBeVisible(); // held by answering the second
    // Alt+H hangs up the focused call (the one just answered), not Budi's.
    await a1.keyboard.press('Alt+H');
    await expect(otherCall).toHaveCount(0);
    await expect(budiCall).toBeVisible();
    await budiCall.getByRole('button', { name: 'Resume' }).click();
    await expect(budiCall.getByText('On hold')).toHaveCount(0);

    // ---- blind transfer to agent2 ----------------------------------------------------
    await budiCall.getByLabel('Transfer to extension').fill('1002');
    await budiCall.getByRole('button', { name: 'Transfer now' }).click();
    const a2ringing = agent2.page.getByRole('region', { name: 'Incoming call' });
    await expect(a2ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/, { timeout: 20_000 });
    await expect(budiCall).toHaveCount(0, { timeout: 15_000 }); // agent1 is out of it
    expect(await phoneOf(budi).refers()).toBe(1);
    await a2ringing.getByRole('button', { name: 'Answer' }).click();
    const a2call = agent2.page.getByRole('region', { name: 'In call' });
    await expect(a2call.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await a2call.getByRole('button', { name: 'Hang up' }).click();
    await expect(a2call).toHaveCount(0);

    // ---- agent1's two wrap-ups; Budi's recording carries the pause -------------------
    const wrap = a1.getByRole('region', { name: 'Wrap-up' });
    for (let i = 0; i < 2; i++) {
      await wrap.getByLabel('Disposition').selectOption('resolved');
      await wrap.getByLabel('Notes').fill(`call-features ${i}`);
      await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
      // The next wrap-up is a fresh form; after the last one the panel goes.
      if (i === 0) await expect(wrap.getByLabel('Notes')).toHaveValue('');
    }
    await expect(wrap).toHaveCount(0);
    type Item = { channel: string; body: string | null; recordingId: string | null };
    const budiItem = async () => (await api<{ items: Item[] }>(`/customers/${BUDI.id}/interactions?limit=10`, token))
      .items.find((i) => i.channel === 'call_in' && i.body?.startsWith('call-features'));
    await expect.poll(async () => (await budiItem())?.recordingId ?? null, { timeout: 20_000 }).not.toBeNull();
    const recordingId = (await budiItem())?.recordingId;
    type Meta = { complete: boolean; durationMs: number; pauses: Pause[] };
    await expect.poll(async () => (await api<Meta>(`/recordings/${recordingId}`, token)).complete, { timeout: 20_000 }).toBe(true);
    const meta = await api<Meta>(`/recordings/${recordingId}`, token);
    expect(meta.pauses).toHaveLength(1);
    const [pause] = meta.pauses;
    expect(pause?.resumedAtMs).not.toBeNull();
    expect((pause?.resumedAtMs ?? 0) - (pause?.atMs ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(pause?.atMs).toBeGreaterThan(0);
    expect(meta.pauses).toEqual(marks); // the finish's list and the marks agree
  } finally {
    await budi.context().close().catch(() => undefined);
    await second.context().close().catch(() => undefined);
    await agent1.close();
    await agent2.close();
  }
});
