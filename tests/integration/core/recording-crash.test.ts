// A call recording survives a desktop crash: a core in its own process spools a
// few chunks and a pause, is killed with SIGKILL mid-call (no finish), and a new core on the
// same data folder closes the recording and uploads it; the server then holds exactly the
// spooled bytes, marked recovered, with the pause in its metadata and left out of its
// duration. Pause marks with bad input are refused through the core API. A garbage state
// file does not stop core and costs no audio. The audio is sealed at rest throughout
// (AES-256-GCM records) and uploaded decrypted.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { deriveKey } from '../../../src/main/core/at-rest/keys.js';
import { readSealedFile } from '../../../src/main/core/at-rest/sealed-file.js';
import { spawnCore, type CoreProcess } from '../../faults/processes.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../sync/harness.js';

process.env.SAPA_RECORDINGS_DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-crash-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Meta {
  complete: boolean; sizeBytes: number; durationMs: number; pauses: { atMs: number; resumedAtMs: number | null }[];
  recovered: boolean;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-recording-crash-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startCore(dir: string, url: string): Promise<CoreProcess> {
  const core = await spawnCore(dir, [url]);
  cleanup.push(() => core.kill());
  await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  return core;
}

async function uploaded(server: TestServer, token: string, id: string): Promise<Meta> {
  return waitFor(`recording ${id} complete on the server`, async () => {
    const res = await server.api(`/recordings/${id}`, { token });
    return res.status === 200 && (res.body as Meta).complete ? res.body as Meta : false;
  }, 30_000, 200);
}

async function audioOf(server: TestServer, token: string, id: string): Promise<Buffer> {
  const res = await fetch(`${server.server.url}/api/v1/recordings/${id}/audio`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

forEachDatabase('recording cut off by a desktop crash', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 20, seed: 7 } });

  it('kill -9 mid-call: the next core uploads the spooled bytes, marked recovered, with its pause; duration ≈ chunk span − pause', async () => {
    const dir = dataDir();
    let core = await startCore(dir, s.current.server.url);
    const id = randomUUID();
    const chunks = [randomBytes(48_000), randomBytes(48_000), randomBytes(48_000), randomBytes(9_000)];
    const beganAt = Date.now();
    await core.call('recording.begin', { recordingId: id, mime: 'audio/webm' });
    const begunAt = Date.now();
    let lastSentAt = 0;
    // Call time as the renderer counts it: from just before begin (core's clock starts a little later).
    const callMs = () => Date.now() - beganAt;
    let pause = { atMs: 0, resumedAtMs: 0 };
    for (const [seq, chunk] of chunks.entries()) {
      if (seq === 2) { // the agent pauses while a card number is read (no chunks meanwhile), then resumes
        const atMs = callMs();
        expect(await core.call('recording.mark', { recordingId: id, kind: 'pause', atMs })).toMatchObject({ paused: true });
        await sleep(900);
        const resumedAtMs = callMs();
        expect(await core.call('recording.mark', { recordingId: id, kind: 'resume', atMs: resumedAtMs }))
          .toMatchObject({ paused: false, pauses: [{ atMs, resumedAtMs }] });
        pause = { atMs, resumedAtMs };
      }
      await sleep(400); // a chunk every 0.4 s, like MediaRecorder's timeslice
      lastSentAt = Date.now();
      await core.call('recording.chunk', { recordingId: id, seq, data: chunk.toString('base64') });
    }
    const pausedMs = pause.resumedAtMs - pause.atMs;
    expect(pausedMs).toBeGreaterThanOrEqual(900);
    const lastAckAt = Date.now();
    await core.kill(); // SIGKILL: no finish, no clean shutdown
    const spoolFile = (ext: string) => path.join(dir, 'recordings', `${id}.${ext}`);
    expect(JSON.parse(readFileSync(spoolFile('json'), 'utf8'))).toMatchObject({ state: 'recording', pauses: [pause] });
    // Sealed at rest: no chunk's bytes on disk in clear; the upload sends them decrypted.
    const sealed = readFileSync(spoolFile('sealed'));
    for (const chunk of chunks) expect(sealed.includes(chunk.subarray(0, 32))).toBe(false);
    const spooled = Buffer.concat(chunks);

    core = await startCore(dir, s.current.server.url);
    const token = await s.current.login('agent1', 'agent1-pass');
    const meta = await uploaded(s.current, token, id);
    expect(meta).toMatchObject({ sizeBytes: spooled.length, recovered: true, pauses: [pause] });
    // Core stamped begin and the last chunk between these two moments of ours; the pause
    // lies well inside that span, so all of it is left out.
    expect(meta.durationMs).toBeGreaterThanOrEqual(lastSentAt - begunAt - pausedMs);
    expect(meta.durationMs).toBeLessThanOrEqual(lastAckAt - beganAt - pausedMs);
    expect((await audioOf(s.current, token, id)).equals(spooled)).toBe(true);
    const [row] = await s.current.server.db.query<{ recovered: boolean }>('SELECT recovered FROM recordings WHERE id = $1', [id]);
    expect(row?.recovered).toBe(true);

    // The renderer, if it outlived core (browser host), gets a clear refusal for more chunks and marks.
    const refusal = await core.call('recording.chunk', { recordingId: id, seq: chunks.length, data: 'eA==' }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/closed when the desktop restarted/) });
    const lateMark = await core.call('recording.mark', { recordingId: id, kind: 'pause', atMs: callMs() }).catch((e: unknown) => e);
    expect(lateMark).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/closed when the desktop restarted/) });
    await waitFor('uploaded on the desktop', async () =>
      (await core.call<{ state: string }>('recording.status', { recordingId: id })).state === 'uploaded');
  });

  it('recording.mark refuses bad input: wrong order, negative / fractional / huge times, unknown or finished recordings', async () => {
    const core = await startCore(dataDir(), s.current.server.url);
    const id = randomUUID();
    const mark = (input: unknown) => core.call('recording.mark', input).catch((e: unknown) => e);
    await core.call('recording.begin', { recordingId: id, mime: 'audio/webm' });
    await core.call('recording.chunk', { recordingId: id, seq: 0, data: randomBytes(2_000).toString('base64') });

    for (const atMs of [-1, 1.5, 86_400_001, null, '10']) {
      expect(await mark({ recordingId: id, kind: 'pause', atMs })).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await mark({ recordingId: id, kind: 'stop', atMs: 10 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await mark({ recordingId: 'not-a-uuid', kind: 'pause', atMs: 10 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await mark({ recordingId: id, kind: 'resume', atMs: 10 })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not paused/) });
    expect(await mark({ recordingId: randomUUID(), kind: 'pause', atMs: 10 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await mark({ recordingId: id, kind: 'pause', atMs: 10 })).toMatchObject({ paused: true });
    expect(await mark({ recordingId: id, kind: 'pause', atMs: 20 })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already paused/) });
    expect(await mark({ recordingId: id, kind: 'resume', atMs: 5 })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/before its pause/) });
    // Hours ahead of a recording begun a moment ago.
    expect(await mark({ recordingId: id, kind: 'resume', atMs: 3_600_000 })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/later than/) });
    expect(await mark({ recordingId: id, kind: 'resume', atMs: 30 })).toMatchObject({ paused: false, pauses: [{ atMs: 10, resumedAtMs: 30 }] });

    // The finish's list is the one uploaded; a mark after it is refused.
    await core.call('recording.finish', { recordingId: id, durationMs: 400, pauses: [{ atMs: 12, resumedAtMs: 31 }] });
    expect(await mark({ recordingId: id, kind: 'pause', atMs: 40 })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already finished/) });
    const token = await s.current.login('agent1', 'agent1-pass');
    expect(await uploaded(s.current, token, id)).toMatchObject({ durationMs: 400, pauses: [{ atMs: 12, resumedAtMs: 31 }], recovered: false });
  });

  it('a garbage state file does not stop core; its audio stays; an old-format orphan beside it is uploaded', async () => {
    const dir = dataDir();
    const spool = path.join(dir, 'recordings');
    mkdirSync(spool, { recursive: true });
    const bad = randomUUID();
    const badAudio = randomBytes(20_000);
    writeFileSync(path.join(spool, `${bad}.webm`), badAudio);
    writeFileSync(path.join(spool, `${bad}.json`), `{"recordingId":"${bad}","mime":"audio/we`); // cut off mid-write
    writeFileSync(path.join(spool, `${randomUUID()}.json.tmp`), '{"recordingId":');
    // A recording left open by a core from before crash recovery (no start / last-chunk times).
    const old = randomUUID();
    const oldAudio = randomBytes(30_000);
    writeFileSync(path.join(spool, `${old}.webm`), oldAudio);
    writeFileSync(path.join(spool, `${old}.json`), JSON.stringify({
      recordingId: old, mime: 'audio/webm', state: 'recording', nextSeq: 3, durationMs: null, pauses: [],
      uploadUrl: null, uploadedBytes: 0, lastError: null,
    }));

    const core = await startCore(dir, s.current.server.url);
    const token = await s.current.login('agent1', 'agent1-pass');
    const meta = await uploaded(s.current, token, old);
    expect(meta).toMatchObject({ sizeBytes: oldAudio.length, recovered: true });
    expect((await audioOf(s.current, token, old)).equals(oldAudio)).toBe(true);

    const unreadable = await core.call('recording.status', { recordingId: bad }).catch((e: unknown) => e);
    expect(unreadable).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/unreadable; its audio is kept/) });
    // Kept, and sealed at rest like every spooled recording (an older build left it in clear).
    expect(existsSync(path.join(spool, `${bad}.webm`))).toBe(false);
    expect(readSealedFile(path.join(spool, `${bad}.sealed`), deriveKey(desktopKeyFor(dir), 'spool')).equals(badAudio)).toBe(true);
    expect((await s.current.api(`/recordings/${bad}`, { token })).status).toBe(404);
    // Core is still alive and serving.
    expect(await core.call<{ user: { username: string } | null }>('auth.session')).toMatchObject({ user: { username: 'agent1' } });
  });
});
