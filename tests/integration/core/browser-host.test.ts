// The browser host end to end: static renderer with CSP, the WebSocket round trip to a real
// core on a real server (including events), and refusal of foreign origins.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type WireMessage } from '../../../src/shared/api.js';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startBrowserHost, type BrowserHost } from '../../../src/main/host/browser-host.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dirs: string[] = [];
let server: RunningServer;
let core: Core;
let host: BrowserHost;

beforeAll(async () => {
  const [serverDir, dataDir, rendererDir] = await Promise.all(
    ['server', 'data', 'renderer'].map((n) => mkdtemp(join(tmpdir(), `sapa-host-${n}-`))));
  dirs = [serverDir ?? '', dataDir ?? '', rendererDir ?? ''];
  await mkdir(join(rendererDir ?? '', 'assets'));
  await writeFile(join(rendererDir ?? '', 'index.html'), '<!doctype html><title>Sapa test</title>');
  await writeFile(join(rendererDir ?? '', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dataDir ?? '', 'secret.txt'), 'do not serve');
  server = await startServer({ dataDir: serverDir, seedDemo: { customers: 5 } });
  // This desktop replicates every customer (no working-set limit): allowed for every role.
  await allowFullReplication(server.db);
  core = createCore({
    dataDir: dataDir ?? '', desktopKey: desktopKeyFor(dataDir ?? ''), serverUrls: [server.url], appVersion: 'test', host: 'browser', systemLocale: 'en-US',
    syncIntervalSeconds: 3600,
  });
  host = await startBrowserHost({ core, port: 0, rendererDir: rendererDir ?? '' });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function open(origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}sapa`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser host', () => {
  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const index = await fetch(host.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('Sapa test');
    const js = await fetch(`${host.url}assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${host.url}..%2fdata%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}assets/missing.js`)).status).toBe(404);
  });

  it('carries calls and events over the WebSocket', async () => {
    const ws = await open(host.url.replace(/\/$/, ''));
    const messages: WireMessage[] = [];
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as WireMessage));
    const answer = (id: number) => new Promise<WireMessage>((resolve) => {
      const timer = setInterval(() => {
        const found = messages.find((m) => m.kind !== 'event' && m.id === id);
        if (found) {
          clearInterval(timer);
          resolve(found);
        }
      }, 10);
    });
    ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    expect(await answer(1)).toMatchObject({ kind: 'result', output: { host: 'browser', version: 'test' } });
    ws.send(JSON.stringify({ id: 2, method: 'customers.search', input: { query: 'budi' } }));
    expect(await answer(2)).toMatchObject({ kind: 'error', error: { code: 'UNAUTHENTICATED' } });
    ws.send(JSON.stringify({ id: 3, method: 'auth.login', input: { username: 'agent1', password: 'agent1-pass' } }));
    expect(await answer(3)).toMatchObject({ kind: 'result', output: { username: 'agent1' } });
    ws.send(JSON.stringify({ id: 4, method: 'sync.now', input: {} }));
    expect(await answer(4)).toMatchObject({ kind: 'result', output: { state: 'idle' } });
    ws.send(JSON.stringify({ id: 5, method: 'customers.lookupByPhone', input: { phone: '0812 3456 7890' } }));
    expect(await answer(5)).toMatchObject({ kind: 'result', output: { source: 'cache', customers: [{ fullName: 'Budi Santoso' }] } });
    const events = messages.filter((m) => m.kind === 'event').map((m) => (m.kind === 'event' ? m.event : ''));
    expect(events).toContain('session.changed');
    expect(events).toContain('sync.status');
    ws.close();
  });

  it('refuses sockets from another origin', async () => {
    await expect(open('http://evil.example')).rejects.toThrow(/403/);
    await expect(open('null')).rejects.toThrow(/403/);
  });
});
