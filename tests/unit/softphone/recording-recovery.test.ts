// The recording spool after a crash, without a network: a recording left `recording` is
// closed when the spool opens again (its pause marks kept, paused time out of its duration),
// the rules for pause marks, old state files still work, and a half-written state file
// neither stops the spool nor costs its audio. The kill -9 test with a real server is
// tests/integration/core/recording-crash.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/core/logger.js';
import { RecordingSpool } from '../../../src/main/core/recordings/spool.js';
import { pausedWithin } from '../../../src/main/core/recordings/spool-state.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const ID = '0193a5e0-0000-7000-8000-000000000101';
const OTHER = '0193a5e0-0000-7000-8000-000000000102';
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-spool-recovery-'));
  dirs.push(dir);
  return dir;
}
const open = (dir: string) => new RecordingSpool(dir, createLogger('test', 'error'), desktopKeyFor(dir));
const state = (dir: string, id = ID) => JSON.parse(readFileSync(path.join(dir, 'recordings', `${id}.json`), 'utf8')) as Record<string, unknown>;
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A spool with recording ID begun at wall-clock `startMs`; `at(ms)` moves the clock on. */
function begunAt(dir: string, startMs: number) {
  const now = vi.spyOn(Date, 'now').mockReturnValue(startMs);
  const spool = open(dir);
  spool.begin(ID, 'audio/webm');
  return { spool, at: (ms: number) => { now.mockReturnValue(ms); } };
}

describe('recording spool after a crash', () => {
  it('closes a recording left open: queued, recovered, duration from begin to the last chunk, no more chunks', () => {
    const dir = dataDir();
    const { spool: crashed, at } = begunAt(dir, 1_000_000);
    at(1_001_000);
    crashed.chunk(ID, 0, b64('abc'));
    at(1_002_500);
    crashed.chunk(ID, 1, b64('de'));
    at(1_060_000); // the restart comes much later: it must not count

    const restarted = open(dir);
    expect(restarted.status(ID)).toMatchObject({ state: 'queued', spooledBytes: 5 });
    expect(state(dir)).toMatchObject({ durationMs: 2_500, pauses: [], recovered: true });
    expect(() => restarted.chunk(ID, 2, b64('f'))).toThrow(/already finished: it was closed when the desktop restarted/);
    // The renderer's own finish (a browser tab that outlived core) changes nothing.
    expect(restarted.finish(ID, 99_000, [{ atMs: 1, resumedAtMs: 2 }], null).state).toBe('queued');
    expect(state(dir)).toMatchObject({ durationMs: 2_500, recovered: true });
  });

  it('keeps the pause marks made before the crash and leaves the paused time out of the duration', () => {
    const dir = dataDir();
    const { spool: crashed, at } = begunAt(dir, 1_000_000);
    at(1_001_000);
    crashed.chunk(ID, 0, b64('abc'));
    at(1_001_500);
    expect(crashed.mark(ID, 'pause', 1_500)).toMatchObject({ paused: true, pauses: [{ atMs: 1_500, resumedAtMs: null }] });
    at(1_004_000);
    expect(crashed.mark(ID, 'resume', 4_000)).toMatchObject({ paused: false, pauses: [{ atMs: 1_500, resumedAtMs: 4_000 }] });
    // On disk at once: the crash comes before any finish.
    expect(state(dir)).toMatchObject({ state: 'recording', pauses: [{ atMs: 1_500, resumedAtMs: 4_000 }] });
    at(1_005_000);
    crashed.chunk(ID, 1, b64('de'));
    at(1_090_000);

    open(dir);
    // 5 000 ms from begin to the last chunk, 2 500 of them paused.
    expect(state(dir)).toMatchObject({
      state: 'queued', recovered: true, durationMs: 2_500, pauses: [{ atMs: 1_500, resumedAtMs: 4_000 }],
    });
  });

  it('ends a pause still open at the crash at the last chunk (it stays open in the metadata)', () => {
    const dir = dataDir();
    const { spool: crashed, at } = begunAt(dir, 2_000_000);
    crashed.mark(ID, 'pause', 200);
    crashed.mark(ID, 'resume', 700);
    at(2_001_000);
    crashed.chunk(ID, 0, b64('abc'));
    at(2_001_200);
    crashed.mark(ID, 'pause', 1_200);
    at(2_001_400);
    crashed.chunk(ID, 1, b64('d')); // the timeslice cut by the pause comes in just after it
    at(2_030_000); // paused until the crash: none of this counts

    open(dir);
    expect(state(dir)).toMatchObject({
      durationMs: 1_400 - 500 - 200, recovered: true,
      pauses: [{ atMs: 200, resumedAtMs: 700 }, { atMs: 1_200, resumedAtMs: null }],
    });
  });

  it('leaves finished recordings as they were', () => {
    const dir = dataDir();
    const s = open(dir);
    s.begin(ID, 'audio/webm');
    s.chunk(ID, 0, b64('x'));
    s.finish(ID, 1234, [{ atMs: 10, resumedAtMs: 20 }], null);
    open(dir);
    expect(state(dir)).toMatchObject({ state: 'queued', durationMs: 1234, pauses: [{ atMs: 10, resumedAtMs: 20 }] });
    expect(state(dir).recovered).toBeUndefined();
  });

  it('reads a state file written before crash recovery existed (no times): closed from the audio file times', () => {
    const dir = dataDir();
    mkdirSync(path.join(dir, 'recordings'));
    const audio = path.join(dir, 'recordings', `${ID}.webm`);
    writeFileSync(audio, 'old audio');
    const lastWrite = new Date(Date.now() - 1000);
    utimesSync(audio, lastWrite, lastWrite);
    writeFileSync(path.join(dir, 'recordings', `${ID}.json`), JSON.stringify({
      recordingId: ID, mime: 'audio/webm', state: 'recording', nextSeq: 1, durationMs: null, pauses: [],
      uploadUrl: null, uploadedBytes: 0, lastError: null,
    }));
    const s = open(dir);
    expect(s.status(ID)).toMatchObject({ state: 'queued', spooledBytes: 9 });
    const durationMs = state(dir).durationMs as number;
    expect(Number.isInteger(durationMs) && durationMs >= 0).toBe(true);
    expect(state(dir).recovered).toBe(true);
  });

  it('skips a half-written state file and a stray .tmp: the spool opens, other recordings recover, audio stays', () => {
    const dir = dataDir();
    const first = open(dir);
    first.begin(OTHER, 'audio/webm');
    first.chunk(OTHER, 0, b64('good'));
    const rec = path.join(dir, 'recordings');
    writeFileSync(path.join(rec, `${ID}.webm`), 'precious audio');
    writeFileSync(path.join(rec, `${ID}.json`), '{"recordingId":"0193a5e0-0000-7000-8000-0000000');
    writeFileSync(path.join(rec, `${OTHER}.json.tmp`), '{"recordingId":');

    const s = open(dir);
    expect(s.status(OTHER)).toMatchObject({ state: 'queued', spooledBytes: 4 });
    expect(() => s.status(ID)).toThrow(/unreadable; its audio is kept/);
    expect(s.pendingCount()).toBe(1);
    const again = open(dir); // another start tidies the spool (uploads with a garbage neighbour: tests/integration/core/recording-crash.test.ts)
    // The plain audio an older build spooled is sealed at rest, and kept.
    expect(again.audio(ID).toString('utf8')).toBe('precious audio');
    expect(existsSync(path.join(rec, `${ID}.webm`))).toBe(false);
    expect(existsSync(path.join(rec, `${ID}.json`))).toBe(true);
  });
});

describe('recording spool at start', () => {
  it('removes the local copy of a recording the server already has, and keeps the others', () => {
    const dir = dataDir();
    const first = open(dir);
    for (const id of [ID, OTHER]) {
      first.begin(id, 'audio/webm');
      first.chunk(id, 0, b64('audio'));
      first.finish(id, 1_000, [], null);
    }
    const rec = path.join(dir, 'recordings');
    writeFileSync(path.join(rec, `${ID}.json`), JSON.stringify({ ...state(dir), state: 'uploaded', uploadedBytes: 5 }));

    const s = open(dir);
    expect(existsSync(path.join(rec, `${ID}.webm`))).toBe(false);
    expect(existsSync(path.join(rec, `${ID}.json`))).toBe(false);
    expect(s.status(OTHER)).toMatchObject({ state: 'queued', spooledBytes: 5 });
    expect(s.pendingCount()).toBe(1);
  });
});

describe('recording pause marks', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error('expected a refusal');
  };

  it('alternate pause/resume in time order; a repeat of the last mark changes nothing', () => {
    const dir = dataDir();
    const { spool: s, at } = begunAt(dir, 3_000_000);
    at(3_010_000);
    expect(refusal(() => s.mark(ID, 'resume', 100))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not paused/) });
    s.mark(ID, 'pause', 1_000);
    expect(s.mark(ID, 'pause', 1_000).pauses).toEqual([{ atMs: 1_000, resumedAtMs: null }]); // a retried call
    expect(refusal(() => s.mark(ID, 'pause', 2_000))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already paused/) });
    expect(refusal(() => s.mark(ID, 'resume', 999))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/before its pause/) });
    s.mark(ID, 'resume', 3_000);
    expect(s.mark(ID, 'resume', 3_000).paused).toBe(false);
    expect(refusal(() => s.mark(ID, 'resume', 4_000))).toMatchObject({ code: 'CONFLICT' });
    expect(refusal(() => s.mark(ID, 'pause', 2_999))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/before the last resume/) });
    // Far beyond what core has seen of the recording (10 s): a broken clock, not a pause.
    expect(refusal(() => s.mark(ID, 'pause', 10_000 + 60_001))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/later than/) });
    s.mark(ID, 'pause', 3_000); // a pause right at the last resume is fine
    expect(state(dir).pauses).toEqual([{ atMs: 1_000, resumedAtMs: 3_000 }, { atMs: 3_000, resumedAtMs: null }]);
    // The finish's list is authoritative and replaces the marks.
    s.finish(ID, 5_000, [{ atMs: 1_001, resumedAtMs: 3_001 }], null);
    expect(state(dir)).toMatchObject({ durationMs: 5_000, pauses: [{ atMs: 1_001, resumedAtMs: 3_001 }] });
  });

  it('are refused for a finished, a recovered or an unknown recording, and beyond the server\'s 1000 pauses', () => {
    const dir = dataDir();
    const s = open(dir);
    s.begin(ID, 'audio/webm');
    s.finish(ID, 10, [], null);
    expect(refusal(() => s.mark(ID, 'pause', 1))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already finished$/) });
    expect(refusal(() => s.mark(OTHER, 'pause', 1))).toMatchObject({ code: 'NOT_FOUND' });
    s.begin(OTHER, 'audio/webm');
    open(dir); // the crash closes OTHER
    expect(refusal(() => s.mark(OTHER, 'pause', 1))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/closed when the desktop restarted/) });

    const full = '0193a5e0-0000-7000-8000-000000000103';
    s.begin(full, 'audio/webm');
    const file = path.join(dir, 'recordings', `${full}.json`);
    const thousand = Array.from({ length: 1000 }, (_, i) => ({ atMs: i * 2, resumedAtMs: i * 2 + 1 }));
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), startedAt: Date.now() - 10_000, pauses: thousand }));
    expect(refusal(() => s.mark(full, 'pause', 5_000))).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('paused time is clipped to the recorded span', () => {
    expect(pausedWithin([], 1_000)).toBe(0);
    expect(pausedWithin([{ atMs: 100, resumedAtMs: 300 }, { atMs: 900, resumedAtMs: 1_500 }], 1_000)).toBe(300);
    expect(pausedWithin([{ atMs: 1_200, resumedAtMs: null }], 1_000)).toBe(0); // marked after the last chunk
    expect(pausedWithin([{ atMs: 400, resumedAtMs: null }], 1_000)).toBe(600);
  });
});
