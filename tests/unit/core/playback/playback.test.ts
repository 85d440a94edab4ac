// core's playback forwarding against a stand-in server on loopback: what reaches the
// server (Range, the session), what the element gets back, and every refusal.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StoredSession } from '../../../../src/main/core/cache/local-state.js';
import { createLogger } from '../../../../src/main/core/logger.js';
import { createRecordingPlayback } from '../../../../src/main/core/recordings/playback/playback.js';
import { createServerClient } from '../../../../src/main/core/remote/server-client.js';

const RECORDING = '0194a3b0-0000-7000-8000-0000000000aa';
const FILE = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
let upstream: Server;
let base = '';
let seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
let audioStatus = 206;
let intact: boolean | undefined;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (req.url === `/api/v1/recordings/${RECORDING}`) {
      // The whole answer of GET /recordings/:id as src/shared/routes.ts promises it.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: RECORDING, mime: 'audio/webm', durationMs: 60_000, sizeBytes: 1000, pauses: [], recovered: false, complete: true,
        ...(intact === undefined ? {} : { intact }), // absent from servers before recording checksums
      }));
      return;
    }
    if (audioStatus !== 206) {
      res.writeHead(audioStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'FORBIDDEN', message: 'Not yours' }));
      return;
    }
    const [start, end] = (/bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '') ?? []).slice(1).map(Number);
    const from = start ?? 0;
    const to = end ?? FILE.length - 1;
    res.writeHead(206, {
      'content-type': 'audio/webm', 'content-length': to - from + 1, 'content-range': `bytes ${from}-${to}/${FILE.length}`,
      'accept-ranges': 'bytes', 'set-cookie': 'server=1',
    });
    res.end(req.method === 'HEAD' ? undefined : FILE.subarray(from, to + 1));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
beforeEach(() => { seen = []; audioStatus = 206; intact = undefined; });

function sessionOf(userId: string): StoredSession {
  return {
    token: `session-of-${userId}`, expiresAt: '2099-01-01T00:00:00.000Z', serverUrl: base,
    user: { id: userId, username: userId, displayName: userId, role: 'agent' },
  } as StoredSession;
}

function playbackOn(url: string, session: () => StoredSession | null) {
  const logger = createLogger('test', 'error');
  return createRecordingPlayback({ server: createServerClient([url], logger), session, logger, baseUrl: '/media/recordings/' });
}

const tokenOf = (url: string) => url.slice('/media/recordings/'.length);

describe('recording playback forwarding', () => {
  it('forwards the Range with the session and streams the bytes back', async () => {
    const playback = playbackOn(base, () => sessionOf('agent-1'));
    const link = await playback.link(RECORDING);
    expect(link).toMatchObject({ mime: 'audio/webm', durationMs: 60_000 });
    expect(link.url).toMatch(/^\/media\/recordings\/[A-Za-z0-9_-]{43}$/);
    expect(link.url).not.toContain('session-of');

    const answer = await playback.open({ method: 'GET', token: tokenOf(link.url), range: 'bytes=1000-1999', fetchSite: 'same-origin' });
    expect(answer.status).toBe(206);
    expect(answer.headers).toMatchObject({ 'content-range': 'bytes 1000-1999/5000', 'content-length': '1000', 'accept-ranges': 'bytes' });
    expect(answer.headers['set-cookie']).toBeUndefined();
    const bytes = Buffer.from(await new Response(answer.body).arrayBuffer());
    expect(bytes.equals(FILE.subarray(1000, 2000))).toBe(true);
    const audio = seen.find((r) => r.url.endsWith('/audio'));
    expect(audio?.headers).toMatchObject({ authorization: 'Bearer session-of-agent-1', range: 'bytes=1000-1999' });
  });

  it('refuses the link of a recording the server says failed its integrity check', async () => {
    intact = false;
    const playback = playbackOn(base, () => sessionOf('agent-1'));
    await expect(playback.link(RECORDING)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/integrity check/) });
    intact = true;
    await expect(playback.link(RECORDING)).resolves.toMatchObject({ mime: 'audio/webm' });
  });

  it('answers HEAD without a body', async () => {
    const playback = playbackOn(base, () => sessionOf('agent-1'));
    const token = tokenOf((await playback.link(RECORDING)).url);
    const answer = await playback.open({ method: 'HEAD', token, range: 'bytes=0-99' });
    expect(answer.status).toBe(206);
    expect(answer.body).toBeNull();
  });

  it('refuses an unknown token (404), a foreign page (403), another method (405) and a changed user (401)', async () => {
    let session: StoredSession | null = sessionOf('agent-1');
    const playback = playbackOn(base, () => session);
    const token = tokenOf((await playback.link(RECORDING)).url);
    expect((await playback.open({ method: 'GET', token: 'A'.repeat(43) })).status).toBe(404);
    expect((await playback.open({ method: 'GET', token, fetchSite: 'cross-site' })).status).toBe(403);
    const post = await playback.open({ method: 'POST', token });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    session = sessionOf('agent-2');
    expect((await playback.open({ method: 'GET', token })).status).toBe(401);
    session = null;
    expect((await playback.open({ method: 'GET', token })).status).toBe(401);
    expect(seen.filter((r) => r.url.endsWith('/audio'))).toHaveLength(0); // none reached the server
    playback.forgetLinks();
    session = sessionOf('agent-1');
    expect((await playback.open({ method: 'GET', token })).status).toBe(404);
  });

  it("passes the server's refusal through with its message", async () => {
    const playback = playbackOn(base, () => sessionOf('agent-1'));
    const token = tokenOf((await playback.link(RECORDING)).url);
    audioStatus = 403;
    const answer = await playback.open({ method: 'GET', token, range: 'bytes=0-' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(String(answer.body))).toEqual({ code: 'FORBIDDEN', message: 'Not yours' });
  });

  it('answers 502 with a clear body when the server is down', async () => {
    const down = createRecordingPlayback({
      server: createServerClient(['http://127.0.0.1:9'], createLogger('test', 'error')),
      session: () => sessionOf('agent-1'), logger: createLogger('test', 'error'), baseUrl: '/media/recordings/',
    });
    await expect(down.link(RECORDING)).rejects.toMatchObject({ code: 'OFFLINE' });
    // A link minted while the server was up, played after it went away.
    const rebound = playbackOn(base, () => sessionOf('agent-1'));
    const live = tokenOf((await rebound.link(RECORDING)).url);
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    try {
      const answer = await rebound.open({ method: 'GET', token: live, range: 'bytes=0-' });
      expect(answer.status).toBe(502);
      const body = JSON.parse(String(answer.body)) as { code: string; message: string };
      expect(body.code).toBe('OFFLINE');
      expect(body.message).toMatch(/^The server cannot be reached \(.+\); the recording plays again once it answers$/);
    } finally {
      await new Promise<void>((resolve) => upstream.listen(Number(new URL(base).port), '127.0.0.1', resolve));
    }
  });
});
