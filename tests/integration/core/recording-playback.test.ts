// Streamed playback through the real stack: the browser host's local URL → core → the
// server's Range route, on both engines. A Range request answers 206 with exactly those
// bytes and the headers a player needs; unknown links, refusals and a dead server answer
// 404, 403 and 502 with a clear body.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startBrowserHost, type BrowserHost } from '../../../src/main/host/browser-host.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { uploadRecording } from '../../support/recording-upload.js';
import { muxWebmOpus, silentOpusPackets, type WebmRecording } from '../../support/webm-opus.js';
import { createTestDatabase, forEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

process.env.SAPA_RECORDINGS_DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-playback-'));
const dirs: string[] = [process.env.SAPA_RECORDINGS_DIR];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function login(serverUrl: string, username: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-pass` }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string };
  }
  throw new Error('expected the call to fail');
}

forEachDatabase('recording playback through the browser host', (engine) => {
  let database: TestDatabase;
  let server: RunningServer;
  let host: BrowserHost;
  const cores: Core[] = [];
  const recordingId = randomUUID();
  // Two minutes of Opus in WebM: ≈ 1 MB, 24 clusters.
  const recording: WebmRecording = muxWebmOpus(silentOpusPackets(500), 120_000);

  async function coreAs(username: string): Promise<Core> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sapa-playback-core-'));
    dirs.push(dataDir);
    const core = createCore({
      dataDir, desktopKey: desktopKeyFor(dataDir), serverUrls: [server.url], appVersion: 'test', host: 'browser', systemLocale: 'en', syncIntervalSeconds: 3600, live: false,
    });
    cores.push(core);
    await core.call('auth.login', { username, password: `${username}-pass` });
    return core;
  }
  const local = (url: string, init?: RequestInit) => fetch(new URL(url, host.url), init);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await startServer({ ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}), seedDemo: { customers: 5 } });
    // This desktop replicates every customer (no working-set limit): allowed for every role.
    await allowFullReplication(server.db);
    await uploadRecording(server.url, await login(server.url, 'agent1'), recordingId, recording.data, recording.durationMs);
    const core = await coreAs('agent1');
    host = await startBrowserHost({ core, port: 0, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'sapa-playback-renderer-')) });
  });

  afterAll(async () => {
    await host?.close();
    for (const core of cores) await core.close();
    await server?.close().catch(() => undefined);
    await database?.drop();
  });

  it('answers a Range request with 206, exactly those bytes and the headers a player needs', async () => {
    const core = cores[0]!;
    const link = await core.call('recording.playbackUrl', { recordingId });
    expect(link).toMatchObject({ mime: 'audio/webm', durationMs: recording.durationMs });
    expect(link.url).toMatch(/^\/media\/recordings\/[A-Za-z0-9_-]{43}$/);

    const size = recording.data.length;
    const ranged = await local(link.url, { headers: { range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${size}`);
    expect(ranged.headers.get('content-length')).toBe('1000');
    expect(ranged.headers.get('content-type')).toBe('audio/webm');
    expect(ranged.headers.get('accept-ranges')).toBe('bytes');
    expect(ranged.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(recording.data.subarray(1000, 2000))).toBe(true);

    // A seek to the middle: the element asks from the cluster's offset (from Cues) onwards.
    const middle = recording.clusters[Math.floor(recording.clusters.length / 2)]!;
    const fromMiddle = await local(link.url, { headers: { range: `bytes=${middle.offset}-` } });
    expect(fromMiddle.status).toBe(206);
    expect(fromMiddle.headers.get('content-range')).toBe(`bytes ${middle.offset}-${size - 1}/${size}`);
    const tail = Buffer.from(await fromMiddle.arrayBuffer());
    expect(tail.subarray(0, 4).toString('hex')).toBe('1f43b675'); // a Cluster starts there
    expect(tail.equals(recording.data.subarray(middle.offset))).toBe(true);

    const whole = await local(link.url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(recording.data)).toBe(true);
    const head = await local(link.url, { method: 'HEAD', headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    const beyond = await local(link.url, { headers: { range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('answers 404 for an unknown link or recording and 403 when the server refuses', async () => {
    const core = cores[0]!;
    const unknown = await local(`/media/recordings/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'NOT_FOUND', message: 'This playback link is unknown or has expired; open the recording again' });
    expect((await local('/media/recordings/not-a-token')).status).toBe(404);
    expect((await failure(core.call('recording.playbackUrl', { recordingId: randomUUID() }))).code).toBe('NOT_FOUND');

    // Another agent may not hear agent1's call: refused before any link is made.
    const other = await coreAs('agent2');
    expect((await failure(other.call('recording.playbackUrl', { recordingId }))).code).toBe('FORBIDDEN');

    // A page of another site that got hold of a link is refused.
    const link = await core.call('recording.playbackUrl', { recordingId });
    expect((await local(link.url, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);

    // The recording passes to another agent while the link is open: the server's 403 comes through.
    const [agent2] = await server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent2'");
    await server.db.query('UPDATE recordings SET agent_id = $1 WHERE id = $2', [agent2?.id ?? null, recordingId]);
    try {
      const refused = await local(link.url, { headers: { range: 'bytes=0-' } });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      const [agent1] = await server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent1'");
      await server.db.query('UPDATE recordings SET agent_id = $1 WHERE id = $2', [agent1?.id ?? null, recordingId]);
    }
  });

  it('answers 502 with a clear body when the server is down', async () => {
    const link = await cores[0]!.call('recording.playbackUrl', { recordingId });
    await server.close();
    const down = await local(link.url, { headers: { range: 'bytes=0-' } });
    expect(down.status).toBe(502);
    const body = (await down.json()) as { code: string; message: string };
    expect(body.code).toBe('OFFLINE');
    expect(body.message).toMatch(/^The server cannot be reached \(.+\); the recording plays again once it answers$/);
  });
});

