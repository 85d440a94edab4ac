// A screen pop for a caller the cache does not hold, as the renderer runs it: core looks the
// number up on the server (and starts fetching the 360 in the background), then the pop
// opens the single match's 360 and history. The server must be asked for that 360 once.
// Between core and the real server sits a small HTTP proxy that counts requests by path,
// holds back the pull (so the cache stays empty and the lookup is a miss) and slows the
// 360 down a little, as a real network does.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const SLOW_360_MS = 150;

interface CountingProxy { url: string; count(pattern: RegExp): number; close(): Promise<void> }

async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push(`${req.method ?? 'GET'} ${path}`);
    if (path.includes('/sync/pull')) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"OFFLINE","message":"held back by the test"}}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = async () => {
        if (/\/360$/.test(path)) await new Promise((r) => setTimeout(r, SLOW_360_MS));
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers.set(k, v);
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${upstream}${path}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
        const out = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' }).end(out);
      };
      forward().catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: (pattern) => seen.filter((line) => pattern.test(line)).length,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

let serverDir: string;
let coreDir: string;
let server: RunningServer;
let proxy: CountingProxy;
let core: Core;

beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'sapa-pop-server-'));
  coreDir = await mkdtemp(join(tmpdir(), 'sapa-pop-core-'));
  server = await startServer({ dataDir: serverDir, seedDemo: { customers: 10 } });
  // This desktop replicates every customer (no working-set limit): allowed for every role.
  await allowFullReplication(server.db);
  proxy = await startCountingProxy(server.url);
  core = createCore({
    dataDir: coreDir, desktopKey: desktopKeyFor(coreDir), serverUrls: [proxy.url], appVersion: 'test', host: 'browser', systemLocale: 'id-ID',
    syncIntervalSeconds: 3600, live: false,
  });
  await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await server?.close();
  await rm(serverDir, { recursive: true, force: true });
  await rm(coreDir, { recursive: true, force: true });
});

describe('screen pop of a caller the cache does not hold', () => {
  it('fetches the caller\'s 360 from the server once, and the next open is local', async () => {
    const lookup = await core.call('customers.lookupByPhone', { phone: '0812 3456 7890' });
    expect(lookup.source).toBe('server');
    expect(lookup.customers.map((c) => c.fullName)).toEqual(['Budi Santoso']);
    const budi = lookup.customers[0]?.id ?? '';

    // What the pop does once painted (screen-pop.ts afterPopShown): 360 and history together.
    const [view] = await Promise.all([
      core.call('customers.get360', { customerId: budi }),
      core.call('customers.history', { customerId: budi, limit: 100 }),
    ]);
    expect(view.customer.fullName).toBe('Budi Santoso');
    expect(proxy.count(/\/customers\/[^/]+\/360$/)).toBe(1);

    // The prefetched 360 is in the cache now: opening Budi again asks the server nothing.
    await core.call('customers.get360', { customerId: budi });
    expect(proxy.count(/\/customers\/[^/]+\/360$/)).toBe(1);
    expect(proxy.count(/\/sync\/pull/)).toBeGreaterThan(0); // the pull was tried and held back
  });
});
