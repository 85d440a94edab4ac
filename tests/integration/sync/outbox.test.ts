// The outbox end to end on PostgreSQL: a note written on desktop A is in A's cache at once,
// reaches the server exactly once, appears on desktop B through a live poke, and leaves
// A's outbox only after it came back in a pull. Replays and rejections.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../../src/shared/http.js';
import { BUDI_ID, cacheHash, createSyncWorld, serverHash, waitFor, type Desktop, type SyncWorld } from './harness.js';

let world: SyncWorld;
let a: Desktop;
let b: Desktop;

beforeAll(async () => {
  world = await createSyncWorld();
  const server = await world.startServerInstance();
  a = await world.newDesktop([server.url], { syncIntervalSeconds: 3600 });
  b = await world.newDesktop([server.url], { syncIntervalSeconds: 3600 });
  await a.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await b.core.call('auth.login', { username: 'agent2', password: 'agent2-pass' });
  await waitFor('both live', () => a.core.call('sync.status', {}).then((s) => s.live && s.state === 'idle')
    .then((ok) => ok && b.core.call('sync.status', {}).then((s) => s.live && s.state === 'idle')));
});

afterAll(async () => world?.close());

describe('outbox', () => {
  it('a note shows locally at once, on B via a poke, and leaves A\'s outbox after the pull', async () => {
    const note = await a.core.call('notes.create', { customerId: BUDI_ID, body: 'Minta dihubungi sore' });
    expect(note.version).toBe(0);
    expect(note.authorName).toBeTruthy();
    const seenOnB = await waitFor('note on B', async () => {
      const { notes } = await b.core.call('notes.list', { customerId: BUDI_ID });
      return notes.find((n) => n.id === note.id);
    }, 5_000, 20);
    expect(seenOnB.version).toBeGreaterThan(0);
    await waitFor('A outbox empty', async () => (await a.core.call('sync.status', {})).pending === 0 &&
      (await a.core.call('sync.diagnostics', {})).outbox.length === 0);
    const rows = await world.servers[0]!.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes WHERE id = $1', [note.id]);
    expect(rows[0]?.n).toBe(1);
  });

  it('answers a replayed push with the first answer and applies nothing twice', async () => {
    const server = world.servers[0]!;
    const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const clientId = randomUUID();
    const mutation = {
      id: randomUUID(), name: 'note.create', baseVersions: {}, createdAt: new Date().toISOString(),
      args: { id: randomUUID(), customerId: BUDI_ID, body: 'dua kali dikirim', createdAt: new Date().toISOString() },
    };
    const push = () => fetch(`${server.url}${API_PREFIX}/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ clientId, mutations: [mutation] }),
    }).then((r) => r.json() as Promise<{ results: { status: string; version: number }[] }>);
    const [first, second, third] = await Promise.all([push(), push(), push()]);
    const statuses = [first, second, third].map((r) => r.results[0]?.status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(new Set([first, second, third].map((r) => r.results[0]?.version)).size).toBe(1);
    const rows = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes WHERE body = $1', ['dua kali dikirim']);
    expect(rows[0]?.n).toBe(1);
  });

  it('rejects a mutation on an unknown customer for good and reverts it locally', async () => {
    const missing = randomUUID();
    const note = await a.core.call('notes.create', { customerId: missing, body: 'salah pelanggan' });
    await waitFor('rejected', async () => (await a.core.call('sync.diagnostics', {})).outbox
      .find((e) => e.state === 'rejected' && e.lastError?.startsWith('NOT_FOUND')));
    const { notes } = await a.core.call('notes.list', { customerId: missing });
    expect(notes.find((n) => n.id === note.id)).toBeUndefined();
    expect((await a.core.call('sync.status', {})).pending).toBe(0);
  });

  it('refuses bad args with INVALID_INPUT before anything is stored', async () => {
    await expect(a.core.call('notes.create', { customerId: BUDI_ID, body: '   ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('records a lost field edit as a conflict with both values, for its author', async () => {
    const server = world.servers[0]!;
    const [row] = await server.db.query<{ city: string | null }>('SELECT city FROM customers WHERE id = $1', [BUDI_ID]);
    const seen = row?.city ?? null;
    // B's edit reaches the server first; A's was based on the old value.
    await b.core.call('sync.now', {});
    await a.core.call('sync.now', {});
    await pushEdit(b, seen, 'Surabaya');
    await waitFor('B edit applied', async () => (await server.db.query<{ city: string }>('SELECT city FROM customers WHERE id = $1', [BUDI_ID]))[0]?.city === 'Surabaya');
    await pushEdit(a, seen, 'Medan');
    const conflicts = await waitFor('conflict on A', async () => {
      const list = (await a.core.call('sync.conflicts', {})).conflicts;
      return list.length > 0 ? list : undefined;
    });
    expect(conflicts[0]).toMatchObject({ entity: 'customer', entityId: BUDI_ID, field: 'city', yourValue: 'Medan', serverValue: 'Surabaya' });
    expect((await b.core.call('sync.conflicts', {})).conflicts).toEqual([]);
    await waitFor('A converged', async () => (await a.core.call('customers.get360', { customerId: BUDI_ID })).customer.city === 'Surabaya');
  });

  it('every cache converges to the server', async () => {
    await a.core.call('sync.now', {});
    await b.core.call('sync.now', {});
    const expected = await serverHash(world.servers[0]!);
    await waitFor('hashes equal', () => cacheHash(a.dir) === expected && cacheHash(b.dir) === expected, 10_000);
  });
});

async function pushEdit(d: Desktop, from: string | null, to: string): Promise<void> {
  await d.core.call('customers.update', { customerId: BUDI_ID, fields: { city: { from, to } } });
}
