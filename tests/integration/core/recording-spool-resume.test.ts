// The desktop's upload path against a server that creates a recording only once: core's
// spool (src/main/core/recordings/spool.ts) uploads a finished recording, and one whose
// upload URL was lost (core died between the create and writing its answer down) resumes
// with HEAD + PATCH at the recording's URL instead of creating it again (which is refused).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/core/logger.js';
import { RecordingSpool } from '../../../src/main/core/recordings/spool.js';
import { tusRequest } from '../../support/recording-upload.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { waitFor } from '../sync/harness.js';

process.env.SAPA_RECORDINGS_DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-spool-'));
const desktops: string[] = [];
afterAll(() => { for (const d of desktops) rmSync(d, { recursive: true, force: true }); });

forEachDatabase('the recording spool against an append-only server', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3 } });

  function spooled(id: string, chunks: Buffer[]): RecordingSpool {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-spool-desktop-'));
    desktops.push(dir);
    const spool = new RecordingSpool(dir, createLogger('test', 'error'));
    spool.begin(id, 'audio/webm');
    chunks.forEach((c, seq) => spool.chunk(id, seq, c.toString('base64')));
    spool.finish(id, 5000, [], null); // finished while offline: queued
    return spool;
  }
  const served = async (token: string, id: string) => {
    const res = await fetch(`${s.current.server.url}/api/v1/recordings/${id}/audio`, { headers: { authorization: `Bearer ${token}` } });
    return Buffer.from(await res.arrayBuffer());
  };

  it('uploads a queued recording; one whose upload URL was lost resumes from the server\'s offset', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const target = { serverUrl: s.current.server.url, token };
    const chunks = [randomBytes(300 * 1024), randomBytes(200 * 1024)];
    const whole = Buffer.concat(chunks);

    const fresh = randomUUID();
    const first = spooled(fresh, chunks);
    first.resumeAll(target);
    await waitFor('fresh upload done', async () => first.status(fresh).state === 'uploaded', 20_000, 100);
    expect((await served(token, fresh)).equals(whole)).toBe(true);

    // The server already holds the first 100 KiB of this one; the desktop's state has no URL.
    const lost = randomUUID();
    expect((await tusRequest(target.serverUrl, token, 'POST', { recordingId: lost, length: whole.length })).status).toBe(201);
    expect((await tusRequest(target.serverUrl, token, 'PATCH', { recordingId: lost, offset: 0, body: whole.subarray(0, 100 * 1024) })).status).toBe(204);
    const second = spooled(lost, chunks);
    second.resumeAll(target);
    await waitFor('resumed upload done', async () => {
      const st = second.status(lost);
      if (st.state === 'failed') throw new Error(`upload failed: ${st.lastError}`);
      return st.state === 'uploaded';
    }, 20_000, 100);
    expect((await served(token, lost)).equals(whole)).toBe(true);
    expect((await s.current.api(`/recordings/${lost}`, { token })).body).toMatchObject({ complete: true, sizeBytes: whole.length });
  });
});
