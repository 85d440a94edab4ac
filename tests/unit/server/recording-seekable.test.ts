// The server's rewrite of a finished recording into a seekable WebM: real MediaRecorder
// output (a file recorded by Chromium) and long files laid out the same way get a Duration
// and one cue per cluster at the cluster's real offset, with the audio copied byte for
// byte; a file it cannot read, or one already indexed, is left exactly as it was; and a
// rewrite killed half-way leaves the original in place.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWebmSeekable, rewriteTempPath } from '../../../src/server/recordings/webm/rewrite.js';
import { muxWebmOpus, silentOpusPackets } from '../../support/webm-opus.js';
import { readFinishedWebm } from '../../support/webm-read.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-seekable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REAL = readFileSync(path.join(import.meta.dirname, '../../support/recordings/media-recorder-6s.webm'));
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75];
const UNKNOWN = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/**
 * Runs `body` in a new Node process with `rewrite()` (the rewrite of `file`), `open` and
 * `report(value)` in scope; resolves with the first reported value (or at `until`, when it
 * is reported), the child still running in that case.
 */
async function runRewriteInChild(file: string, body: string, until?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    import { open } from 'node:fs/promises';
    import { makeWebmSeekable } from ${JSON.stringify(path.resolve('src/server/recordings/webm/rewrite.ts'))};
    const file = ${JSON.stringify(file)};
    const rewrite = () => makeWebmSeekable(file);
    const report = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
    ${body}
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const out = await new Promise<unknown>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before it reported`)));
  });
  if (until !== undefined && out !== until) throw new Error(`the child reported ${JSON.stringify(out)}, not ${until}`);
  return { child, out };
}

let n = 0;
function fileWith(data: Buffer): string {
  const file = path.join(dir, `recording-${n++}`);
  writeFileSync(file, data);
  return file;
}

/** Every cue names a cluster that starts at exactly that offset, with that time. */
function expectCuesAtClusters(data: Buffer): ReturnType<typeof readFinishedWebm> {
  const read = readFinishedWebm(data);
  expect(read.cues.length).toBe(read.clusters.length);
  read.cues.forEach((cue, i) => {
    const offset = read.segmentDataStart + cue.position;
    expect([...data.subarray(offset, offset + 4)]).toEqual(CLUSTER);
    expect(offset).toBe(read.clusters[i]!.offset);
    expect(cue.timeMs).toBe(read.clusters[i]!.timecodeMs);
    expect(cue.track).toBe(1);
  });
  // The SeekHead points at Info, Tracks and Cues.
  for (const seek of read.seeks) {
    const at = read.segmentDataStart + seek.position;
    expect(data.readUInt32BE(at)).toBe(seek.id);
  }
  expect(read.seeks.map((s) => s.id).sort()).toEqual([0x1549a966, 0x1654ae6b, 0x1c53bb6b].sort());
  return read;
}

describe('a recording from Chromium\'s MediaRecorder', () => {
  it('gets a Duration and one cue per cluster, and keeps its audio byte for byte', async () => {
    // As recorded: unknown-size Segment and Clusters, no Duration, no Cues.
    expect(() => readFinishedWebm(REAL)).toThrow();
    const file = fileWith(REAL);
    const outcome = await makeWebmSeekable(file);
    const data = readFileSync(file);
    expect(outcome).toMatchObject({ status: 'rewritten', sizeBytes: data.length });
    const read = expectCuesAtClusters(data);
    expect(read.segmentSize).toBe(data.length - read.segmentDataStart);
    // Six seconds were recorded; the last 60 ms packet ends just before.
    expect(read.durationMs).toBeGreaterThan(5_800);
    expect(read.durationMs).toBeLessThanOrEqual(6_100);
    expect(read.clusters.length).toBeGreaterThanOrEqual(5);
    // The original's clusters, from the first one on, are the rewritten payloads behind
    // MediaRecorder's unknown-size headers.
    const asRecorded = Buffer.concat(read.clusters.flatMap((c) => [Buffer.from([...CLUSTER, ...UNKNOWN]), c.payload]));
    expect(asRecorded.equals(REAL.subarray(REAL.length - asRecorded.length))).toBe(true);
    expect(existsSync(rewriteTempPath(file))).toBe(false);
  });

  it('is left alone the second time (already seekable)', async () => {
    const file = fileWith(REAL);
    await makeWebmSeekable(file);
    const once = readFileSync(file);
    expect(await makeWebmSeekable(file)).toEqual({ status: 'already-seekable' });
    expect(readFileSync(file).equals(once)).toBe(true);
  });
});

describe('a long recording laid out as MediaRecorder streams it', () => {
  const recording = muxWebmOpus(silentOpusPackets(250), 20 * 60_000, { layout: 'media-recorder' });

  it('is indexed at every cluster, with its exact length', async () => {
    const file = fileWith(recording.data);
    const outcome = await makeWebmSeekable(file);
    expect(outcome).toMatchObject({ status: 'rewritten', durationMs: recording.durationMs, cues: recording.clusters.length });
    const data = readFileSync(file);
    const read = expectCuesAtClusters(data);
    expect(read.durationMs).toBe(recording.durationMs);
    expect(read.clusters.map((c) => c.timecodeMs)).toEqual(recording.clusters.map((c) => c.atMs));
    // Each cluster's payload is the original's, from behind its 12-byte unknown-size header.
    read.clusters.forEach((c, i) => {
      const from = recording.clusters[i]!.offset + 12;
      expect(c.payload.equals(recording.data.subarray(from, from + c.payload.length))).toBe(true);
    });
    // Info, Tracks and Cues come before the first cluster, so a player finds them at once.
    expect(read.order.slice(0, 4)).toEqual([0x114d9b74, 0x1549a966, 0x1654ae6b, 0x1c53bb6b]);
  });

  it('needs memory for a buffer, not for the file (a 60-minute recording)', async () => {
    const hour = muxWebmOpus(silentOpusPackets(250), 60 * 60_000, { layout: 'media-recorder' });
    expect(hour.data.length).toBeGreaterThan(25 * 1024 * 1024);
    const file = fileWith(hour.data);
    // In a fresh process, so the figure is the rewrite's alone (not this worker's garbage).
    const { out } = await runRewriteInChild(file, `
      const before = process.memoryUsage().arrayBuffers;
      let peak = 0;
      const sample = () => { peak = Math.max(peak, process.memoryUsage().arrayBuffers - before); };
      const sampler = setInterval(sample, 1);
      const outcome = await rewrite();
      sample();
      clearInterval(sampler);
      report({ outcome, peak });
    `);
    const { outcome, peak } = out as { outcome: { status: string; cues: number }; peak: number };
    expect(outcome).toMatchObject({ status: 'rewritten', cues: hour.clusters.length });
    // One copy of the file would be > 25 MB of buffers; the rewrite holds a read window and a copy buffer.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('a file that is not a WebM it can index is left exactly as it was', () => {
  const cases: [string, Buffer][] = [
    ['an empty file', Buffer.alloc(0)],
    ['not WebM (a text file)', Buffer.from('RIFF this is not a recording at all\n'.repeat(50))],
    ['not WebM (bytes that are no EBML)', Buffer.from(Array.from({ length: 700 * 1024 }, (_, i) => (i * 31) % 251))],
    ['cut inside the EBML header', REAL.subarray(0, 20)],
    ['cut inside Tracks', REAL.subarray(0, 120)],
    ['cut inside a cluster (the last block half there)', REAL.subarray(0, REAL.length - 37)],
    ['an empty Segment (no Info, no audio track)', Buffer.concat([REAL.subarray(0, 0x24), Buffer.from([0x18, 0x53, 0x80, 0x67, 0x80])])],
  ];
  for (const [what, data] of cases) {
    it(what, async () => {
      const file = fileWith(data);
      const outcome = await makeWebmSeekable(file);
      expect(outcome.status).toBe('left-as-is');
      expect(outcome.status === 'left-as-is' && outcome.reason.length).toBeGreaterThan(5);
      expect(readFileSync(file).equals(data)).toBe(true);
      expect(existsSync(rewriteTempPath(file))).toBe(false);
    });
  }
});

it('a rewrite killed before its rename leaves the original, and the next one finishes', async () => {
  const recording = muxWebmOpus(silentOpusPackets(250), 10 * 60_000, { layout: 'media-recorder' });
  const file = fileWith(recording.data);
  // A child process that stops for ever at the fsync (all bytes written, not yet renamed)…
  const { child } = await runRewriteInChild(file, `
    const probe = await open(file, 'r');
    const proto = Object.getPrototypeOf(probe);
    await probe.close();
    proto.sync = () => { report('syncing'); return new Promise(() => {}); };
    await rewrite();
  `, 'syncing');
  // …is killed there, as a crash would.
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  expect(readFileSync(file).equals(recording.data)).toBe(true);
  expect(existsSync(rewriteTempPath(file))).toBe(true);

  expect(await makeWebmSeekable(file)).toMatchObject({ status: 'rewritten' });
  expectCuesAtClusters(readFileSync(file));
  expect(readdirSync(dir).filter((f) => f.includes('seekable-tmp'))).toEqual([]);
});
