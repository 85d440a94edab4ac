// The recording spool after a crash, without a network: a recording left `recording` is
// closed when the spool opens again, old state files still work, and a half-written state
// file neither stops the spool nor costs its audio. The kill -9 test with a real server is
// tests/integration/core/recording-crash.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/core/logger.js';
import { RecordingSpool } from '../../../src/main/core/recordings/spool.js';

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
const open = (dir: string) => new RecordingSpool(dir, createLogger('test', 'error'));
const state = (dir: string, id = ID) => JSON.parse(readFileSync(path.join(dir, 'recordings', `${id}.json`), 'utf8')) as Record<string, unknown>;
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('recording spool after a crash', () => {
  it('closes a recording left open: queued, recovered, duration from begin to the last chunk, no more chunks', () => {
    const dir = dataDir();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const crashed = open(dir);
    crashed.begin(ID, 'audio/webm');
    now.mockReturnValue(1_001_000);
    crashed.chunk(ID, 0, b64('abc'));
    now.mockReturnValue(1_002_500);
    crashed.chunk(ID, 1, b64('de'));
    now.mockReturnValue(1_060_000); // the restart comes much later: it must not count

    const restarted = open(dir);
    expect(restarted.status(ID)).toMatchObject({ state: 'queued', spooledBytes: 5 });
    expect(state(dir)).toMatchObject({ durationMs: 2_500, pauses: [], recovered: true });
    expect(() => restarted.chunk(ID, 2, b64('f'))).toThrow(/already finished: it was closed when the desktop restarted/);
    // The renderer's own finish (a browser tab that outlived core) changes nothing.
    expect(restarted.finish(ID, 99_000, [{ atMs: 1, resumedAtMs: 2 }], null).state).toBe('queued');
    expect(state(dir)).toMatchObject({ durationMs: 2_500, recovered: true });
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
    s.prune(); // uploads with a garbage neighbour: tests/integration/core/recording-crash.test.ts
    expect(readFileSync(path.join(rec, `${ID}.webm`), 'utf8')).toBe('precious audio');
    expect(existsSync(path.join(rec, `${ID}.json`))).toBe(true);
  });
});
