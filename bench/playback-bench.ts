// npm run bench:playback — streamed playback of a 60-minute call recording through core's
// local URL, in Chromium, against the real server (on the local PostgreSQL, a database of
// its own made and dropped) and the real browser host + core, as separate processes.
// Prints JSON on stdout (progress on stderr).
//   timeToFirstAudioMs  the agent's "Play" → the element's `playing` event: the
//                       recording.playbackUrl call over the host's WebSocket (core asks the
//                       server, mints a link), the element's first Range request through
//                       core to the server, demuxing and the first decoded audio
//   timeToCanPlayMs     the same start → `canplay`
//   firstByteMs         a Range request `bytes=0-` of the local URL → its first body chunk
//   seekMs              a seek to a random point while playing → `seeked` (a Range request
//                       from that point's cluster, found through the file's Cues)
//   wholeFileReadMs     reading all of the file through the local URL at full speed
//   coreRss             core's resident memory (the browser host process, sampled every
//                       20 ms from /proc) before, and its peak during, playback and the
//                       whole-file reads, beside the file size: streamed, it stays flat
// Each figure is taken for every recording length in BENCH_MINUTES (default "10,60"), so
// memory can be read against file size. BENCH_RUNS (default 20) plays, BENCH_SEEKS
// (default 20) seeks, BENCH_READS (default 3) whole-file reads per length.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import pg from 'pg';
import { freePort, runScript, startProcess, type Running } from '../tests/e2e/support/processes.js';
import { uploadRecording } from '../tests/support/recording-upload.js';
import { encodeOpusInPage, muxWebmOpus } from '../tests/support/webm-opus.js';
import { percentiles, rng } from './stats.js';
import { desktopKeyEnv } from '../tests/support/desktop-key.js';

const MINUTES = (process.env.BENCH_MINUTES ?? '10,60').split(',').map(Number).filter((m) => m > 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SEEKS = Number(process.env.BENCH_SEEKS ?? 20);
const READS = Number(process.env.BENCH_READS ?? 3);
const TARGET_FIRST_AUDIO_MS = 1000;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Resident and peak-resident bytes of a process, from /proc. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** tsx runs the entry point in a child of its own: core is the deepest process under `pid`. */
function deepestDescendant(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  let current = pid;
  for (;;) {
    const child = [...parents].find(([, ppid]) => ppid === current)?.[0];
    if (child === undefined) return current;
    current = child;
  }
}

function sampler(pid: number) {
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, memoryOf(pid).rss); }, 20);
  return { stop() { clearInterval(timer); return Math.max(peak, memoryOf(pid).rss); } };
}

/** A WebSocket client of the host's API in the page, as the renderer's transport is. */
const PAGE_API = `
  window.benchApi = (() => {
    const ws = new WebSocket(location.origin.replace('http', 'ws') + '/sapa');
    const pending = new Map();
    let next = 1;
    const open = new Promise((resolve) => ws.addEventListener('open', resolve));
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.kind === 'result') waiter.resolve(message.output); else waiter.reject(new Error(message.error.code + ': ' + message.error.message));
    });
    return async (method, input) => {
      await open;
      const id = next++;
      ws.send(JSON.stringify({ id, method, input }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    };
  })();
`;

interface PlayTiming { canplay: number; playing: number }

async function playOnce(page: Page, recordingId: string): Promise<PlayTiming> {
  return page.evaluate(async (id) => {
    const api = (window as unknown as { benchApi(m: string, i: unknown): Promise<{ url: string }> }).benchApi;
    const start = performance.now();
    const { url } = await api('recording.playbackUrl', { recordingId: id });
    const audio = new Audio();
    audio.muted = true;
    let canplay = 0;
    audio.addEventListener('canplay', () => { canplay = canplay || performance.now() - start; });
    const playing = new Promise<number>((resolve, reject) => {
      audio.addEventListener('playing', () => resolve(performance.now() - start), { once: true });
      audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
    });
    audio.src = url;
    void audio.play();
    const result = { playing: await playing, canplay };
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
    return result;
  }, recordingId);
}

async function seeks(page: Page, recordingId: string, points: number[]): Promise<number[]> {
  return page.evaluate(async ({ id, points }) => {
    const api = (window as unknown as { benchApi(m: string, i: unknown): Promise<{ url: string }> }).benchApi;
    const { url } = await api('recording.playbackUrl', { recordingId: id });
    const audio = new Audio(url);
    audio.muted = true;
    await audio.play();
    const out: number[] = [];
    for (const at of points) {
      const start = performance.now();
      const resumed = new Promise<void>((resolve) => {
        audio.addEventListener('seeked', () => resolve(), { once: true });
      });
      audio.currentTime = at;
      await resumed;
      if (audio.paused) await audio.play();
      out.push(performance.now() - start);
    }
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
    return out;
  }, { id: recordingId, points });
}

async function firstByteAndWholeRead(page: Page, recordingId: string): Promise<{ firstByte: number; whole: number; bytes: number }> {
  return page.evaluate(async (id) => {
    const api = (window as unknown as { benchApi(m: string, i: unknown): Promise<{ url: string }> }).benchApi;
    const { url } = await api('recording.playbackUrl', { recordingId: id });
    const start = performance.now();
    const res = await fetch(url, { headers: { range: 'bytes=0-' } });
    const reader = res.body!.getReader();
    let first = 0;
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!first) first = performance.now() - start;
      bytes += value.byteLength;
    }
    return { firstByte: first, whole: performance.now() - start, bytes };
  }, recordingId);
}

const PG_ADMIN_URL = process.env.SAPA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `sapa_bench_playback_${process.pid}`;
let databaseCreated = false;
const work = mkdtempSync(path.join(os.tmpdir(), 'sapa-playback-bench-'));
const rendererDir = path.join(work, 'renderer');
const running: Running[] = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const loadAtStart = os.loadavg();
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>playback bench</title>');

  log('starting the server (PostgreSQL) and the browser host…');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  databaseCreated = true;
  const databaseUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${DATABASE}`);
  await runScript('src/server/seed/cli.ts', ['--customers', '20', '--seed', '42'], { DATABASE_URL: databaseUrl, SAPA_DEMO: '1' });
  const serverPort = await freePort();
  const server = await startProcess('src/server/main.ts', {
    DATABASE_URL: databaseUrl, PORT: String(serverPort), HOST: '127.0.0.1', SAPA_RECORDINGS_DIR: path.join(work, 'recordings'), LOG_LEVEL: 'warn',
  }, `http://127.0.0.1:${serverPort}/api/v1/health`, 'server');
  running.push(server);
  const hostPort = await freePort();
  const host = await startProcess('src/main/host/cli.ts', {
    SAPA_SERVER_URLS: server.url, SAPA_DESKTOP_DATA_DIR: path.join(work, 'desktop'), ...desktopKeyEnv(path.join(work, 'desktop')), SAPA_HOST_PORT: String(hostPort),
    SAPA_RENDERER_DIR: rendererDir,
  }, `http://127.0.0.1:${hostPort}/`, 'browser host');
  running.push(host);
  const corePid = deepestDescendant(host.child.pid ?? 0);

  const page = await browser.newPage();
  await page.goto(`${host.url}/`);
  log('encoding 20 s of Opus in Chromium…');
  const opus = await encodeOpusInPage(page, 20);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
  });
  const serverToken = ((await login.json()) as { token: string }).token;

  await page.evaluate(PAGE_API);
  await page.evaluate(() => (window as unknown as { benchApi(m: string, i: unknown): Promise<unknown> })
    .benchApi('auth.login', { username: 'agent1', password: 'agent1-pass' }));
  // Let the first sync settle so its work is not counted as playback memory.
  await page.evaluate(async () => {
    const api = (window as unknown as { benchApi(m: string, i: unknown): Promise<{ state: string }> }).benchApi;
    for (let i = 0; i < 600; i++) {
      if ((await api('sync.status', {})).state === 'idle') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  // A warm-up round on a one-minute recording, not counted: the first plays grow core's heap
  // (compiled code, connection pools) whatever the file's size.
  const warmUpId = randomUUID();
  const warmUp = muxWebmOpus(opus, 60_000);
  await uploadRecording(server.url, serverToken, warmUpId, warmUp.data, warmUp.durationMs);
  for (let i = 0; i < 3; i++) await playOnce(page, warmUpId);
  await seeks(page, warmUpId, [30, 10, 50]);
  await firstByteAndWholeRead(page, warmUpId);

  const recordings = [];
  for (const minutes of MINUTES) {
    log(`muxing and uploading a ${minutes}-minute recording…`);
    let recording: ReturnType<typeof muxWebmOpus> | null = muxWebmOpus(opus, minutes * 60_000);
    const recordingId = randomUUID();
    await uploadRecording(server.url, serverToken, recordingId, recording.data, recording.durationMs);
    const size = recording.data.length;
    const { durationMs, clusters } = recording;
    recording = null; // the bench's own copy is not core's memory, but keep the machine's small
    await new Promise((r) => setTimeout(r, 1000));
    const before = memoryOf(corePid);

    log(`${RUNS} plays, ${SEEKS} seeks, ${READS} whole-file reads of ${mb(size)} MB…`);
    const playSampler = sampler(corePid);
    const plays: PlayTiming[] = [];
    for (let i = 0; i < RUNS; i++) plays.push(await playOnce(page, recordingId));
    const random = rng(7);
    const points = Array.from({ length: SEEKS }, () => random() * (durationMs / 1000 - 5));
    const seekMs = await seeks(page, recordingId, points);
    const peakPlaying = playSampler.stop();

    const readSampler = sampler(corePid);
    const reads = [];
    for (let i = 0; i < READS; i++) reads.push(await firstByteAndWholeRead(page, recordingId));
    const peakReading = readSampler.stop();
    if (reads.some((r) => r.bytes !== size)) throw new Error('a whole-file read came back short');

    const firstAudio = percentiles(plays.map((p) => p.playing));
    recordings.push({
      recording: { minutes, sizeMB: mb(size), bitrateKbps: Math.round((size * 8) / durationMs), clusters: clusters.length },
      timeToFirstAudioMs: { ...firstAudio, target: `< ${TARGET_FIRST_AUDIO_MS} ms`, met: firstAudio.p99 < TARGET_FIRST_AUDIO_MS },
      timeToCanPlayMs: percentiles(plays.map((p) => p.canplay)),
      firstByteMs: percentiles(reads.map((r) => r.firstByte)),
      seekMs: percentiles(seekMs),
      wholeFileReadMs: percentiles(reads.map((r) => r.whole)),
      coreRss: {
        beforeMB: mb(before.rss),
        peakWhilePlayingAndSeekingMB: mb(peakPlaying),
        peakWhileReadingWholeFileMB: mb(peakReading),
        growthMB: mb(Math.max(peakPlaying, peakReading) - before.rss),
        fileSizeMB: mb(size),
      },
    });
  }
  const report = {
    bench: 'playback',
    at: new Date().toISOString(),
    machine: { nproc: os.cpus().length, loadAverageAtStart: loadAtStart.map(round) },
    recordings,
    corePeakRssSinceStartMB: mb(memoryOf(corePid).hwm),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await browser.close();
  for (const r of running.reverse()) await r.stop();
  if (databaseCreated) {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
}
