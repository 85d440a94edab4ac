// Streamed playback in the real app: a 20-minute call recording (real Opus from Chromium's
// encoder, in WebM with Cues, uploaded by tus as the desktop does) opens from the timeline,
// starts playing, and a seek to the middle goes out as a Range request from the middle of
// the file through core's local URL, and plays on from there. The same holds for a
// recording laid out as the softphone's MediaRecorder streams it (no Duration, no Cues:
// the server indexes it when the upload finishes), and a real MediaRecorder recording shows
// its length. Recordings the agent may not hear, or that the server does not have, say so
// in the agent's language.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Locator, type Page, type Request } from '@playwright/test';
import { uploadRecording } from '../support/recording-upload.js';
import { encodeOpusInPage, muxWebmOpus, recordInPage, type WebmRecording } from '../support/webm-opus.js';
import { readFinishedWebm } from '../support/webm-read.js';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const SERVER_URL = process.env.SAPA_E2E_SERVER_URL ?? '';

interface Customer { id: string; customer_no: string; full_name: string }

async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.SAPA_E2E_DATABASE_URL });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** A customer no other spec looks at (the last by number), with a call whose recording is `recordingId`. */
async function callWithRecording(recordingId: string, subject: string): Promise<Customer> {
  return withDb(async (db) => {
    const { rows } = await db.query<Customer>('SELECT id, customer_no, full_name FROM customers ORDER BY customer_no DESC LIMIT 1');
    const customer = rows[0]!;
    await db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_name, subject, duration_sec, recording_id)
       VALUES ($1, $2, 'call_in', 'inbound', now(), now() + interval '20 minutes', 'Agen Satu', $3, 1200, $4)`,
      [randomUUID(), customer.id, subject, recordingId],
    );
    return customer;
  });
}

async function openCall(page: Page, customer: Customer, subject: string, lang: 'en' | 'id') {
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, lang);
  const screen = new SingleScreen(page);
  await screen.openCustomer(customer.customer_no, customer.full_name);
  const entry = screen.entries().filter({ hasText: subject });
  await expect(entry).toBeVisible();
  return entry;
}

/** First byte asked for by a Range header ("bytes=N-…"), or null. */
function rangeStart(header: string | undefined): number | null {
  const match = /^bytes=(\d+)-/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}

interface MediaRequest { url: string; range: string | undefined; status: Promise<number | null> }

/** Every request the page makes for a recording's local URL, with its Range header and status. */
function watchMediaRequests(page: Page): MediaRequest[] {
  const requests: MediaRequest[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().includes('/media/recordings/')) return;
    void request.allHeaders().then((headers) => {
      requests.push({ url: request.url(), range: headers.range, status: request.response().then((r) => r?.status() ?? null) });
    });
  });
  return requests;
}

/** Uploads `data` as agent1's recording of a call on the timeline, opens it and starts the player. */
async function playUploaded(page: Page, data: Buffer, durationMs: number, subjectText: string) {
  const recordingId = randomUUID();
  await uploadRecording(SERVER_URL, await serverLogin('agent1', 'agent1-pass'), recordingId, data, durationMs);
  const subject = `${subjectText} ${recordingId.slice(0, 8)}`;
  const customer = await callWithRecording(recordingId, subject);
  const mediaRequests = watchMediaRequests(page);
  const entry = await openCall(page, customer, subject, 'en');
  await entry.getByRole('button', { name: 'Play recording' }).click();
  const player = entry.getByLabel('Call recording');
  await expect(player).toBeVisible();
  await player.evaluate((el: HTMLAudioElement) => { el.muted = true; });
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
  return { recordingId, player, mediaRequests };
}

/**
 * Seeks to the middle and proves it was one Range request from near `middleOffset` (where
 * the middle cluster starts in the file as served), answered 206, and that it plays on.
 */
async function expectSeekToMiddle(player: Locator, mediaRequests: MediaRequest[], durationMs: number, middleOffset: number, size: number) {
  const src = await player.evaluate((el: HTMLAudioElement) => el.currentSrc);
  expect(new URL(src).pathname).toMatch(/^\/media\/recordings\/[A-Za-z0-9_-]{43}$/);
  const before = mediaRequests.length;
  const middleSec = durationMs / 2000;
  await player.evaluate((el: HTMLAudioElement, at: number) => { el.currentTime = at; }, middleSec);

  // The seek asked core for the middle of the file, and got 206 from it.
  const fromMiddle = (r: MediaRequest) => (rangeStart(r.range) ?? 0) >= middleOffset - 64 * 1024;
  await expect.poll(() => mediaRequests.slice(before).some(fromMiddle)).toBe(true);
  const seekRequest = mediaRequests.slice(before).find(fromMiddle)!;
  expect(rangeStart(seekRequest.range)).toBeLessThan(size * 0.6);
  expect(await seekRequest.status).toBe(206);
  expect(seekRequest.url).toBe(src);

  // …and it plays on from there.
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(middleSec + 0.5);
  expect(await player.evaluate((el: HTMLAudioElement) => el.paused)).toBe(false);
  expect(await player.evaluate((el: HTMLAudioElement) => el.error)).toBeNull();
}

test('a long recording streams through core and a seek to the middle is a Range request that plays', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  // Ten seconds of real Opus from this Chromium, looped into a 20-minute call (≈ 9.6 MB).
  const recording: WebmRecording = muxWebmOpus(await encodeOpusInPage(page, 10), 20 * 60_000);
  // Streamed: it plays long before a 9.6 MB file could be base64'd into one message.
  const { player, mediaRequests } = await playUploaded(page, recording.data, recording.durationMs, 'Call with a long recording');
  expect(await player.evaluate((el: HTMLAudioElement) => el.duration)).toBeCloseTo(recording.durationMs / 1000, 0);
  const middleCluster = recording.clusters.find((c) => c.atMs >= recording.durationMs / 2 - 5_000)!;
  await expectSeekToMiddle(player, mediaRequests, recording.durationMs, middleCluster.offset, recording.data.length);
});

test('a recording as MediaRecorder streams it (no Duration, no Cues) shows its length and seeks by Range', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  const recording = muxWebmOpus(await encodeOpusInPage(page, 10), 20 * 60_000, { layout: 'media-recorder' });
  const { recordingId, player, mediaRequests } = await playUploaded(page, recording.data, recording.durationMs, 'Call recorded by the softphone');
  // Without the server's index the element would say Infinity.
  expect(await player.evaluate((el: HTMLAudioElement) => el.duration)).toBeCloseTo(recording.durationMs / 1000, 0);
  // Where the middle cluster is in the file as the server now serves it (indexed, so shifted).
  const served = await fetch(`${SERVER_URL}/api/v1/recordings/${recordingId}/audio`, {
    headers: { authorization: `Bearer ${await serverLogin('agent1', 'agent1-pass')}` },
  });
  const file = Buffer.from(await served.arrayBuffer());
  const index = readFinishedWebm(file);
  const middleCluster = index.clusters.find((c) => c.timecodeMs >= recording.durationMs / 2 - 1_000)!;
  await expectSeekToMiddle(player, mediaRequests, recording.durationMs, middleCluster.offset, file.length);
});

test("a real MediaRecorder recording shows its length and plays to the end", async ({ page, desktop }) => {
  await page.goto(desktop.url);
  const data = await recordInPage(page, 4);
  const { player } = await playUploaded(page, data, 4_000, 'Call recorded by MediaRecorder');
  expect(await player.evaluate((el: HTMLAudioElement) => el.duration)).toBeCloseTo(4, 0);
  await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.ended), { timeout: 15_000 }).toBe(true);
  expect(await player.evaluate((el: HTMLAudioElement) => el.error)).toBeNull();
});

test("another agent's recording is refused with a clear message", async ({ page, desktop }) => {
  await page.goto(desktop.url);
  const recording = muxWebmOpus(await encodeOpusInPage(page, 2), 30_000);
  const recordingId = randomUUID();
  await uploadRecording(SERVER_URL, await serverLogin('agent2', 'agent2-pass'), recordingId, recording.data, recording.durationMs);
  const subject = `Call of another agent ${recordingId.slice(0, 8)}`;
  const customer = await callWithRecording(recordingId, subject);
  const entry = await openCall(page, customer, subject, 'en');
  await entry.getByRole('button', { name: 'Play recording' }).click();
  await expect(entry.getByRole('alert')).toHaveText(
    'You are not allowed to hear this recording (only the agent on the call, team leads and administrators).');
  await expect(entry.getByLabel('Call recording')).toHaveCount(0);
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('a recording the server does not have says so', async ({ page, desktop }) => {
    await page.goto(desktop.url);
    const subject = `Panggilan tanpa rekaman ${randomUUID().slice(0, 8)}`;
    const customer = await callWithRecording(randomUUID(), subject);
    const entry = await openCall(page, customer, subject, 'id');
    await entry.getByRole('button', { name: 'Putar rekaman' }).click();
    await expect(entry.getByRole('alert')).toHaveText('Rekaman ini tidak ada di server.');
  });
});
