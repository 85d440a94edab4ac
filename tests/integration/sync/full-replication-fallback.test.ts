// A desktop set up to replicate every customer (no working-set limit) whose user is not
// allowed full replication: the server serves it the working set, and core falls back to
// replicating by working set (it says so in the sync log) — customers it opens are joined
// and stay in the cache. A user whose role an admin allowed gets every customer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { insertTestUser } from '../helpers/users.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { createTestDatabase, forEachDatabase, type TestDatabase } from '../helpers/databases.js';

forEachDatabase('a desktop asking for every customer without the right', (engine) => {
  let database: TestDatabase;
  let server: RunningServer;
  const cleanup: (() => Promise<void>)[] = [];
  let all: string[] = [];

  async function desktop(username: string): Promise<Core> {
    const dir = await mkdtemp(join(tmpdir(), 'sapa-full-fallback-'));
    const core = createCore({
      dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [server.url], appVersion: 'test', host: 'browser', systemLocale: 'id-ID',
      syncIntervalSeconds: 3600, live: false,
    });
    cleanup.push(async () => {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    });
    await core.call('auth.login', { username, password: `${username}-pass` });
    return core;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await startServer({ ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}), seedDemo: { customers: 12, interactionsMean: 1, seed: 9 } });
    // No branch, queues, contacts or assignments: the working set is what this agent opens.
    await withWriteTransaction(server.db, (tx) => insertTestUser(tx, { username: 'fresh', password: 'fresh-pass', displayName: 'Fresh Agent', role: 'agent' }));
    all = (await server.db.query<{ id: string }>('SELECT id::text AS id FROM customers ORDER BY customer_no')).map((r) => r.id);
  });

  afterAll(async () => {
    for (const c of cleanup) await c();
    await server?.close();
    await database?.drop();
  });

  it('is served its working set, falls back to it and joins the customers it opens', async () => {
    const core = await desktop('fresh');
    const first = await core.call('sync.now', {});
    expect(first.state).toBe('idle');
    expect(first.cachedCustomers).toBe(0);
    const diagnostics = await core.call('sync.diagnostics', {});
    expect(diagnostics.recentErrors.map((e) => e.message)).toContain(
      'full replication is not allowed for this user or desktop: replicating the working set instead');

    const opened = all[3]!;
    expect((await core.call('customers.get360', { customerId: opened })).customer.id).toBe(opened);
    await core.call('sync.now', {});
    await core.call('sync.now', {});
    const joined = await server.db.query<{ customer_id: string }>(
      "SELECT w.customer_id::text AS customer_id FROM working_sets w JOIN users u ON u.id = w.user_id WHERE u.username = 'fresh'");
    expect(joined.map((r) => r.customer_id)).toEqual([opened]);
    expect((await core.call('sync.status', {})).cachedCustomers).toBe(1);
  });

  it('replicates every customer once an admin allows the role', async () => {
    const admin = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin1', password: 'admin1-pass' }),
    }).then(async (r) => (await r.json() as { token: string }).token);
    const put = await fetch(`${server.url}/api/v1/admin/data-access`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ fullReplicationRoles: ['lead'], fullReplicationDevices: [], lookupLimitPerHour: 60 }),
    });
    expect(put.status).toBe(200);
    const core = await desktop('lead1');
    expect((await core.call('sync.now', {})).cachedCustomers).toBe(all.length);
    expect((await core.call('sync.diagnostics', {})).recentErrors).toEqual([]);
  });
});
