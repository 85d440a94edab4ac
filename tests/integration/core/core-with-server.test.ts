// Core against the real server (PGlite in a temp folder, demo data): sign-in, the full
// pull, lookups from cache and from the server, the chunked CSV import and access rules.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let serverDir: string;
let server: RunningServer;
const cores: { core: Core; dir: string }[] = [];

async function newCore(): Promise<Core> {
  const dir = await mkdtemp(join(tmpdir(), 'sapa-core-int-'));
  // A dead server first: every call must fail over to the live one.
  const core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: ['http://127.0.0.1:9', server.url], appVersion: 'test', host: 'browser',
    systemLocale: 'id-ID', syncIntervalSeconds: 3600, pullLimit: 500,
  });
  cores.push({ core, dir });
  return core;
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: unknown };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'sapa-server-int-'));
  server = await startServer({ dataDir: serverDir, seedDemo: { customers: 40 } });
  // This desktop replicates every customer (no working-set limit): allowed for every role.
  await allowFullReplication(server.db);
});

afterAll(async () => {
  for (const { core, dir } of cores) {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  }
  await server?.close();
  await rm(serverDir, { recursive: true, force: true });
});

describe('core with the real server', () => {
  let admin: Core;

  it('refuses a wrong password with BAD_CREDENTIALS and stays signed out', async () => {
    admin = await newCore();
    const error = await failure(admin.call('auth.login', { username: 'admin1', password: 'wrong' }));
    expect(error.code).toBe('BAD_CREDENTIALS');
    await expect(admin.call('auth.session', {})).resolves.toEqual({ user: null });
  });

  it('signs in, pulls everything, and finds Budi in the cache by any phone form', async () => {
    const changes: unknown[] = [];
    admin.on('session.changed', (p) => changes.push(p));
    const user = await admin.call('auth.login', { username: 'admin1', password: 'admin1-pass' });
    expect(user).toMatchObject({ username: 'admin1', role: 'admin' });
    expect(changes).toEqual([{ user }]);

    const status = await admin.call('sync.now', {});
    expect(status.state).toBe('idle');
    expect(status.lastError).toBeNull();
    expect(status.cachedCustomers).toBeGreaterThanOrEqual(40);
    expect(status.cursor).toBe(status.headVersion);

    for (const phone of ['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '(021) 5550123']) {
      const found = await admin.call('customers.lookupByPhone', { phone });
      expect(found.source).toBe('cache');
      expect(found.customers.map((c) => c.fullName)).toEqual(['Budi Santoso']);
    }
    const [budi] = (await admin.call('customers.search', { query: 'budi sant', limit: 20 })).results;
    expect(budi?.fullName).toBe('Budi Santoso');
    const view = await admin.call('customers.get360', { customerId: budi?.id ?? '' });
    expect(view.customer.tier).toBe('platinum');
    expect(view.interactionsTotal).toBe(12);
    expect(view.recentInteractions).toHaveLength(12);
  });

  it('imports a CSV sent in chunks, and finds a new caller on the server before the next pull', async () => {
    const csv = 'external_id,full_name,phones,emails,tier,segment,city,customer_since\n' +
      'EXT-NEW-1,Rina Wijaya,0813 9999 0001,rina@contoh.id,gold,retail,Bandung,2021-03-04\n' +
      'EXT-BAD-1,,0813 9999 0002,,silver,retail,Bandung,2021-03-04\n';
    const { uploadId } = await admin.call('admin.import.begin', { fileName: 'new.csv', size: Buffer.byteLength(csv) });
    await admin.call('admin.import.chunk', { uploadId, data: csv.slice(0, 70) });
    const { bytesReceived } = await admin.call('admin.import.chunk', { uploadId, data: csv.slice(70) });
    expect(bytesReceived).toBe(Buffer.byteLength(csv));
    let status = await admin.call('admin.import.finish', { uploadId });
    for (let i = 0; i < 100 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await admin.call('admin.import.status', { importId: status.id });
    }
    expect(status).toMatchObject({ state: 'done', rowsInserted: 1, rowsRejected: 1 });
    const rejects = await admin.call('admin.import.rejectsCsv', { importId: status.id });
    expect(rejects.csv).toContain('EXT-BAD-1');
    // The temp file is gone.
    const dir = cores[0]?.dir ?? '';
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);

    const miss = await admin.call('customers.lookupByPhone', { phone: '0813-9999-0001' });
    expect(miss.source).toBe('server');
    expect(miss.customers.map((c) => c.fullName)).toEqual(['Rina Wijaya']);
    const view = await admin.call('customers.get360', { customerId: miss.customers[0]?.id ?? '' });
    expect(view.customer.city).toBe('Bandung');

    await admin.call('sync.now', {});
    const hit = await admin.call('customers.lookupByPhone', { phone: '+6281399990001' });
    expect(hit.source).toBe('cache');
  });

  it('keeps agents out of the admin import, in core already', async () => {
    const agent = await newCore();
    await agent.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const error = await failure(agent.call('admin.import.begin', { fileName: 'x.csv', size: 10 }));
    expect(error.code).toBe('FORBIDDEN');
    await agent.call('auth.logout', {});
    await expect(agent.call('auth.session', {})).resolves.toEqual({ user: null });
    expect((await failure(agent.call('customers.search', { query: 'budi' }))).code).toBe('UNAUTHENTICATED');
  });

  it('answers source none when the server is unreachable, and reports sync offline', async () => {
    await server.close();
    const miss = await admin.call('customers.lookupByPhone', { phone: '0819 0000 0000' });
    expect(miss).toEqual({ e164: '+6281900000000', source: 'none', customers: [] });
    // The cache still answers.
    expect((await admin.call('customers.lookupByPhone', { phone: '0812 3456 7890' })).source).toBe('cache');
    const status = await admin.call('sync.now', {});
    expect(status.state).toBe('offline');
    expect(status.lastError).toMatch(/cannot be reached/);
  });
});
