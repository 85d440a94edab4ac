// The lead's interactions browser in the real app: a lead filters their team's recordings by
// agent and disposition, opens one (a recovered recording, marked), seeks with the seek bar
// and changes the speed; the review's timeline shows the hold and the paragraph inserted
// during the call at their times from its start; the same screen in Indonesian fits
// 1366×768; an agent has no way in. The recording is real Opus from this Chromium, uploaded
// by tus as the desktop does; the call's events are pushed as the agent's desktop outbox
// pushes them (POST /sync/push, call.event) — a SIP call itself runs only in tests/sip.
import { randomUUID } from 'node:crypto';
import { type Page } from '@playwright/test';
import { uploadRecording } from '../support/recording-upload.js';
import { encodeOpusInPage, muxWebmOpus } from '../support/webm-opus.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb, userId } from './support/db.js';
import { cutLabels } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const SERVER_URL = process.env.SAPA_E2E_SERVER_URL ?? '';
const LEAD = { username: 'lead1', password: 'lead1-pass' };
const DURATION_MS = 2 * 60_000;

interface Calls { wanted: string; otherDisposition: string; otherAgent: string }

/** What agent1's desktop records during the call (call-events.ts), pushed as its outbox does. */
async function pushCallEvents(interactionId: string, startedAt: Date): Promise<void> {
  const at = (sec: number) => new Date(startedAt.getTime() + sec * 1000).toISOString();
  const event = (kind: string, sec: number, detail: string | null = null) => ({
    id: randomUUID(), name: 'call.event', baseVersions: {}, createdAt: at(sec),
    args: { id: randomUUID(), interactionId, kind, at: at(sec), detail },
  });
  const res = await fetch(`${SERVER_URL}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await serverLogin('agent1', 'agent1-pass')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: randomUUID(),
      mutations: [event('pop_shown', 1), event('held', 42), event('paragraph_inserted', 50, 'Cara membayar tagihan'), event('resumed', 55)],
    }),
  });
  const body = await res.json() as { results: { status: string }[] };
  expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
}

/**
 * Puts agent1 in a team lead1 leads (agent2 in none of lead1's), and three calls: agent1's
 * complaint with a recovered recording, agent1's resolved call, agent2's complaint. Answers
 * their subjects; afterwards agent1's team is put back.
 */
async function teamWithCalls(page: Page): Promise<Calls & { restore(): Promise<void> }> {
  const tag = randomUUID().slice(0, 8);
  const recordingId = randomUUID();
  const recording = muxWebmOpus(await encodeOpusInPage(page, 10), DURATION_MS);
  await uploadRecording(SERVER_URL, await serverLogin('agent1', 'agent1-pass'), recordingId, recording.data, recording.durationMs);
  const [agent1, agent2, lead1] = await Promise.all([userId('agent1'), userId('agent2'), userId('lead1')]);
  const calls: Calls = { wanted: `Tagihan dobel ${tag}`, otherDisposition: `Paket data ${tag}`, otherAgent: `Sinyal hilang ${tag}` };
  return withServerDb(async (db) => {
    const team = randomUUID();
    const { rows: [before] } = await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agent1]);
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [team, `Tim e2e ${tag}`, lead1]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [team, agent1]);
    await db.query('UPDATE recordings SET recovered = true WHERE id = $1', [recordingId]);
    const { rows: [customer] } = await db.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no DESC LIMIT 1');
    const insert = (agent: string, subject: string, disposition: string, recording: string | null) => db.query<{ id: string; started_at: Date }>(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject,
         disposition, duration_sec, recording_id)
       VALUES ($1, $2, 'call_in', 'inbound', now() - interval '1 hour', now() - interval '58 minutes', $3,
         (SELECT display_name FROM users WHERE id = $3), $4, $5, 120, $6) RETURNING id::text, started_at`,
      [randomUUID(), customer?.id, agent, subject, disposition, recording]);
    const { rows: [call] } = await insert(agent1, calls.wanted, 'complaint_logged', recordingId);
    await pushCallEvents(call!.id, call!.started_at);
    await insert(agent1, calls.otherDisposition, 'resolved', null);
    await insert(agent2, calls.otherAgent, 'complaint_logged', null);
    return {
      ...calls,
      restore: () => withServerDb(async (again) => {
        await again.query('UPDATE users SET team_id = $1 WHERE id = $2', [before?.team_id ?? null, agent1]);
      }),
    };
  });
}

test('a lead filters recordings by agent and disposition, opens one, seeks and changes the speed', async ({ page, desktop }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  const calls = await teamWithCalls(page);
  try {
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    await new Shell(page).nav().getByRole('link', { name: 'Interactions' }).click();
    const table = page.getByRole('table', { name: 'Interactions found' });
    await expect(table).toBeVisible();
    // lead1 leads only agent1's team: agent2's call is not listed even before filtering.
    await expect(table.getByRole('row').filter({ hasText: calls.otherAgent })).toHaveCount(0);

    await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Sari Wulandari' });
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption({ label: 'Complaint logged' });
    const wanted = table.getByRole('row').filter({ hasText: calls.wanted });
    await expect(wanted).toBeVisible();
    await expect(wanted).toContainText('Recovered');
    await expect(table.getByRole('row').filter({ hasText: calls.otherDisposition })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: calls.otherAgent })).toHaveCount(0);
    for (const row of await table.getByRole('row').all()) {
      if (await row.getByRole('columnheader').count()) continue;
      await expect(row).toContainText('Sari Wulandari');
      await expect(row).toContainText('Complaint logged');
    }
    expect(await cutLabels(page)).toEqual([]);

    await wanted.getByRole('button', { name: `Open ${calls.wanted}` }).click();
    const review = page.getByRole('region', { name: `Review: ${calls.wanted}` });
    await expect(review).toBeVisible();
    await expect(review.getByText('Recovered', { exact: true })).toBeVisible();
    const timeline = review.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText('Started');
    // What the agent's desktop recorded, in order, at its time from the call's start.
    await expect(timeline).toContainText('Screen pop shown · +0:01');
    await expect(timeline).toContainText('Put on hold · +0:42');
    await expect(timeline).toContainText('Paragraph inserted · +0:50');
    await expect(timeline).toContainText('Cara membayar tagihan');
    await expect(timeline).toContainText('Resumed from hold · +0:55');
    const kinds = await timeline.getByRole('listitem').allInnerTexts();
    const index = (label: string) => kinds.findIndex((k) => k.startsWith(label));
    expect(index('Started')).toBeLessThan(index('Put on hold'));
    expect(index('Put on hold')).toBeLessThan(index('Paragraph inserted'));
    expect(index('Paragraph inserted')).toBeLessThan(index('Resumed from hold'));
    const audio = review.getByLabel('Call recording');
    await audio.evaluate((el: HTMLAudioElement) => { el.muted = true; });
    await review.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    await expect(review.getByRole('button', { name: 'Pause' })).toBeVisible();

    // Seek to one minute with the seek bar: the element plays on from there.
    const seek = review.getByRole('slider', { name: 'Position in the recording' });
    await expect(seek).toHaveAttribute('max', String(DURATION_MS / 1000));
    await seek.fill('60');
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(60);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.error)).toBeNull();

    const speed = review.getByRole('combobox', { name: 'Playback speed' });
    await speed.selectOption({ label: '1.5×' });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(1.5);
    await speed.selectOption({ label: '2×' });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(2);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(false);
    expect(await cutLabels(page)).toEqual([]);

    await review.getByRole('button', { name: 'Back to the list' }).click();
    await expect(table.getByRole('row').filter({ hasText: calls.wanted })).toBeVisible();
  } finally {
    await calls.restore();
  }
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the interactions browser and its review speak Indonesian and fit 1366×768', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    const calls = await teamWithCalls(page);
    try {
      await new LoginPage(page).signIn(LEAD.username, LEAD.password, 'id');
      await new Shell(page).nav().getByRole('link', { name: 'Interaksi' }).click();
      const filters = page.getByRole('form', { name: 'Filter interaksi' });
      for (const label of ['Dari', 'Sampai', 'Tim', 'Antrean', 'Pelanggan', 'Tingkat', 'Arah', 'Kanal', 'Rekaman', 'Evaluasi', 'Urutkan menurut']) {
        await expect(filters.getByLabel(label, { exact: true })).toBeVisible();
      }
      await filters.getByRole('combobox', { name: 'Agen' }).selectOption({ label: 'Sari Wulandari' });
      await filters.getByRole('combobox', { name: 'Disposisi' }).selectOption({ label: 'Keluhan dicatat' });
      const table = page.getByRole('table', { name: 'Interaksi yang ditemukan' });
      const wanted = table.getByRole('row').filter({ hasText: calls.wanted });
      await expect(wanted).toContainText('Dipulihkan');
      await expect(table.getByRole('row').filter({ hasText: calls.otherDisposition })).toHaveCount(0);
      expect(await cutLabels(page)).toEqual([]);

      await wanted.getByRole('button', { name: `Buka ${calls.wanted}` }).click();
      const review = page.getByRole('region', { name: `Tinjau: ${calls.wanted}` });
      await expect(review.getByRole('slider', { name: 'Posisi dalam rekaman' })).toBeVisible();
      await expect(review.getByRole('combobox', { name: 'Kecepatan putar' })).toBeVisible();
      await expect(review.getByRole('button', { name: 'Putar' })).toBeVisible();
      const timeline = review.getByRole('list', { name: 'Linimasa' });
      await expect(timeline).toContainText('Dimulai');
      await expect(timeline).toContainText('Ditahan · +0:42');
      await expect(timeline).toContainText('Paragraf disisipkan · +0:50');
      expect(await cutLabels(page)).toEqual([]);

      // Nothing matches: said in Indonesian.
      await review.getByRole('button', { name: 'Kembali ke daftar' }).click();
      await filters.getByRole('textbox', { name: 'Pelanggan' }).fill('tidak ada pelanggan seperti ini');
      await filters.getByRole('button', { name: 'Saring' }).click();
      await expect(page.getByText('Tidak ada interaksi yang cocok dengan filter ini.')).toBeVisible();
    } finally {
      await calls.restore();
    }
  });
});

test('an agent has no Interactions link and its address is not allowed', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await expect(new Shell(page).nav().getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Interactions' })).toHaveCount(0);
  await page.goto(`${desktop.url}/#/interactions`);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Interactions found' })).toHaveCount(0);
});
