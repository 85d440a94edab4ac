// The first start through core's front door: no server set → the screen's status; a typed
// address is checked (rules, then GET /api/v1/health) before it is saved and used; the
// choice survives a restart; IT's policy file wins and a broken one is reported, not thrown.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../src/main/core/index.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dir: string;
let core: Core | null = null;
let server: Server;
let serverUrl: string;
let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ ok: true, engine: 'pglite' }) };
const asked: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-setup-'));
  asked.length = 0;
  answer = { status: 200, body: JSON.stringify({ ok: true, engine: 'pglite' }) };
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  await core?.close();
  core = null;
  server.close();
  await rm(dir, { recursive: true, force: true });
});

function start(extra: Partial<CoreOptions> = {}): Core {
  core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [], appVersion: '1', host: 'browser', systemLocale: 'id-ID', live: false, ...extra,
  });
  return core;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; details?: { reason?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: { reason?: string } };
  }
  throw new Error('expected a refusal');
}

describe('first start without a server', () => {
  it('starts, says no server is set, and refuses a sign-in with OFFLINE instead of crashing', async () => {
    const c = start();
    await expect(c.call('server.setup.status', {})).resolves.toEqual({ source: 'none', serverUrls: [], policyFile: null, policyError: null, updateMirror: null });
    const error = await refusal(c.call('auth.login', { username: 'agent1', password: 'x' }));
    expect(error).toMatchObject({ code: 'OFFLINE', details: { reason: 'server_not_configured' } });
  });

  it('refuses a bad address, an http:// one to another machine, and one with a password, before asking anything', async () => {
    const c = start();
    expect(await refusal(c.call('server.setup.connect', { address: 'https://sapa bank' }))).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'not_a_url' } });
    expect(await refusal(c.call('server.setup.connect', { address: 'http://sapa.bank.co.id' }))).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'http_remote' } });
    expect(await refusal(c.call('server.setup.connect', { address: 'https://it:pw@sapa.bank.co.id' }))).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'has_credentials' } });
    expect(await refusal(c.call('server.setup.connect', { address: '   ' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(asked).toEqual([]);
    await expect(c.call('server.setup.status', {})).resolves.toMatchObject({ source: 'none' });
  });

  it('refuses an address nobody answers (OFFLINE) and one that answers but is not Sapa', async () => {
    const c = start();
    expect(await refusal(c.call('server.setup.connect', { address: 'http://127.0.0.1:9' }))).toMatchObject({ code: 'OFFLINE', details: { reason: 'unreachable' } });
    answer = { status: 200, body: '<html>Welcome to nginx</html>' };
    expect(await refusal(c.call('server.setup.connect', { address: serverUrl }))).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'not_sapa' } });
    answer = { status: 503, body: JSON.stringify({ ok: true, engine: 'pg' }) };
    expect(await refusal(c.call('server.setup.connect', { address: serverUrl }))).toMatchObject({ details: { reason: 'not_sapa' } });
    expect(asked).toEqual(['GET /api/v1/health', 'GET /api/v1/health']);
    await expect(c.call('server.setup.status', {})).resolves.toMatchObject({ source: 'none', serverUrls: [] });
  });

  it('keeps an address that answers as Sapa, uses it at once and after a restart, and will not replace it', async () => {
    const c = start();
    await expect(c.call('server.setup.connect', { address: `${serverUrl}/` })).resolves.toMatchObject({ source: 'saved', serverUrls: [serverUrl] });
    await expect(c.call('app.info', {})).resolves.toMatchObject({ serverUrls: [serverUrl] });
    // The sign-in now goes to that server (which answers the health body, not a session).
    answer = { status: 401, body: JSON.stringify({ code: 'BAD_CREDENTIALS', message: 'no' }) };
    expect(await refusal(c.call('auth.login', { username: 'agent1', password: 'x' }))).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(JSON.parse(await readFile(join(dir, 'server.json'), 'utf8'))).toMatchObject({ serverUrls: [serverUrl] });
    await c.close();
    const again = start();
    await expect(again.call('server.setup.status', {})).resolves.toMatchObject({ source: 'saved', serverUrls: [serverUrl] });
    expect(await refusal(again.call('server.setup.connect', { address: 'https://other.example.com' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'already_set' } });
  });
});

describe('the IT policy file', () => {
  it('wins over the saved choice, and the typed address cannot replace it', async () => {
    await writeFile(join(dir, 'server.json'), JSON.stringify({ serverUrls: ['https://mine.example.com'], savedAt: new Date().toISOString() }));
    const policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, JSON.stringify({ serverUrls: [serverUrl] }));
    const c = start({ policyFile });
    await expect(c.call('server.setup.status', {})).resolves.toEqual({ source: 'policy', serverUrls: [serverUrl], policyFile, policyError: null, updateMirror: null });
    expect(await refusal(c.call('server.setup.connect', { address: 'https://mine.example.com' }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('that is broken: core still starts, with no server and the reason for the screen, at every start', async () => {
    const policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, '{"serverUrls": ["http://sapa.bank.co.id"]}');
    for (let run = 0; run < 2; run += 1) {
      const c = start({ policyFile, serverUrls: ['http://127.0.0.1:4010'] });
      const status = await c.call('server.setup.status', {});
      expect(status).toMatchObject({ source: 'policy', serverUrls: [], policyError: { reason: 'invalid' } });
      expect(status.policyError?.message).toMatch(/serverUrls\.0: Refusing plain http:\/\/ to sapa\.bank\.co\.id/);
      expect(await refusal(c.call('server.setup.connect', { address: serverUrl }))).toMatchObject({ code: 'CONFLICT' });
      await c.close();
      core = null;
    }
  });
});
