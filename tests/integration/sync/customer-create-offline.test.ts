// On PGlite: a desktop creates a customer from an unknown caller while the server is away.
// The caller is found in the cache at once (screen pop, search), the wrap-up is saved on
// them, and when the server returns both arrive exactly once: the customer with a number
// the server assigned, the call interaction on that customer.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { buildServer, startServer, type RunningServer } from '../../../src/server/app.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let server: RunningServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  server = await startServer({ seedDemo: { customers: 10, interactionsMean: 1, seed: 5 } });
  // This desktop replicates every customer (no working-set limit): allowed for every role.
  await allowFullReplication(server.db);
  dir = await mkdtemp(join(tmpdir(), 'sapa-customer-create-'));
  core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [server.url], appVersion: 'test', host: 'browser', systemLocale: 'id-ID',
    syncIntervalSeconds: 3600, live: false,
  });
});

afterAll(async () => {
  await core?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('customer.create offline', () => {
  it('pops from the cache at once, takes the wrap-up, and reaches the server once with a server number', async () => {
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await core.call('sync.now', {});
    const port = Number(new URL(server.url).port);
    await server.app.close();

    await expect(core.call('softphone.createCustomer', { fullName: 'Sari', phone: '12' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.call('softphone.createCustomer', { fullName: '  ', phone: '085799990001' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.call('softphone.createCustomer', { fullName: 'Sari', phone: '085799990001', email: 'x@' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const created = await core.call('softphone.createCustomer', {
      salutation: 'Ibu', fullName: 'Sari Wulandari', phone: '0857-9999-0001', email: 'sari@example.co.id',
    });
    expect(created).toMatchObject({ fullName: 'Sari Wulandari', tier: 'regular', phones: [{ e164: '+6285799990001' }] });
    const pop = await core.call('customers.lookupByPhone', { phone: '+6285799990001' });
    expect(pop).toMatchObject({ source: 'cache', customers: [{ id: created.id, customerNo: '…' }] });
    expect((await core.call('customers.search', { query: 'Wulandari', limit: 5 })).results.map((c) => c.id)).toContain(created.id);

    const interactionId = randomUUID();
    const now = Date.now();
    await core.call('softphone.saveWrapUp', {
      id: interactionId, customerId: created.id, direction: 'inbound', number: '+6285799990001',
      startedAt: new Date(now - 60_000).toISOString(), answeredAt: new Date(now - 55_000).toISOString(),
      endedAt: new Date(now).toISOString(), talkSec: 55, holdSec: 0, acwSec: 3, disposition: 'resolved',
      notes: 'pelanggan baru', followUpAt: null, recordingId: null,
    });
    expect((await core.call('sync.now', {})).state).toBe('offline');
    expect((await core.call('sync.status', {})).pending).toBe(4); // customer, interaction, call details, the wrap-up saved event

    // The server returns on the same database.
    const db = server.db;
    const app = buildServer({ db, config: { logLevel: false } });
    await app.listen({ port, host: '127.0.0.1' });
    server = { ...server, app, close: async () => { await app.close(); await db.close(); } };
    await core.call('sync.now', {});
    await core.call('sync.now', {});
    expect((await core.call('sync.status', {})).pending).toBe(0);

    const rows = await db.query<{ customer_no: string; n: number }>(
      'SELECT min(customer_no) AS customer_no, count(*)::int AS n FROM customers WHERE id = $1', [created.id]);
    expect(rows[0]?.n).toBe(1);
    expect(rows[0]?.customer_no).toMatch(/^C\d{8}$/);
    const [interaction] = await db.query<{ customer_id: string }>('SELECT customer_id::text FROM interactions WHERE id = $1', [interactionId]);
    expect(interaction?.customer_id).toBe(created.id);
    // The cache now holds the server's row (its number replaces "…").
    const after = await core.call('customers.lookupByPhone', { phone: '085799990001' });
    expect(after.customers[0]?.customerNo).toBe(rows[0]?.customer_no);
  });
});
