// On PGlite (one instance): offline attribution — an agent's pending changes are pushed
// only under that agent's session, never under a colleague's who signs in on the same
// desktop; an expired session keeps the outbox; an interaction from an unresolved number
// is attached to the customer the server resolves it to.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { BUDI_ID, waitFor } from './harness.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let server: RunningServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  server = await startServer({ seedDemo: { customers: 10, interactionsMean: 1, seed: 5 } });
  // This desktop replicates every customer (no working-set limit): allowed for every role.
  await allowFullReplication(server.db);
  dir = await mkdtemp(join(tmpdir(), 'sapa-offline-session-'));
  // The live channel is off: this desktop only syncs when asked, so the test controls when.
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

async function authorsOf(ids: string[]): Promise<Map<string, string>> {
  const rows = await server.db.query<{ id: string; author_name: string }>(
    'SELECT id::text AS id, author_name FROM notes WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.author_name]));
}

/** A run may be in flight from the sign-in; the one after it sees everything written. */
async function syncSettled(): Promise<void> {
  await core.call('sync.now', {});
  await core.call('sync.now', {});
}

describe('offline sessions and attribution', () => {
  it('pushes agent1\'s notes under agent1 only, even after agent2 used the same desktop', async () => {
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await core.call('sync.now', {});
    // The server goes away while agent1 writes: the notes wait in the outbox.
    const port = Number(new URL(server.url).port);
    await server.app.close();
    const mine = [
      (await core.call('notes.create', { customerId: BUDI_ID, body: 'ditulis agent1 saat offline' })).id,
      (await core.call('notes.create', { customerId: BUDI_ID, body: 'kedua dari agent1' })).id,
    ];
    expect((await core.call('sync.now', {})).state).toBe('offline');
    expect((await core.call('sync.status', {})).pending).toBe(2);
    // Signing out never drops the outbox (checked below: both are still pushed).
    await core.call('auth.logout', {});

    // The server returns (same database); agent2 signs in on this desktop and writes.
    const db = server.db;
    const { buildServer } = await import('../../../src/server/app.js');
    const app = buildServer({ db, config: { logLevel: false } });
    await app.listen({ port, host: '127.0.0.1' });
    server = { ...server, app, close: async () => { await app.close(); await db.close(); } };
    await core.call('auth.login', { username: 'agent2', password: 'agent2-pass' });
    const theirs = (await core.call('notes.create', { customerId: BUDI_ID, body: 'dari agent2' })).id;
    await syncSettled();
    expect((await authorsOf([...mine, theirs])).size).toBe(1);
    // agent1's two are still waiting: they are not agent2's to send.
    expect((await core.call('sync.status', {})).pending).toBe(2);

    // agent1 back: their notes go out under their name, once.
    await core.call('auth.logout', {});
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await syncSettled();
    const authors = await authorsOf(mine);
    expect(authors.size).toBe(2);
    const [agent1] = await db.query<{ display_name: string }>("SELECT display_name FROM users WHERE username = 'agent1'");
    for (const id of mine) expect(authors.get(id)).toBe(agent1?.display_name);
    const [agent2] = await db.query<{ display_name: string }>("SELECT display_name FROM users WHERE username = 'agent2'");
    expect((await authorsOf([theirs])).get(theirs)).toBe(agent2?.display_name);
    await waitFor('outbox empty', async () => (await core.call('sync.diagnostics', {})).outbox.length === 0);
  });

  it('keeps the outbox when the server says the session expired', async () => {
    const id = (await core.call('notes.create', { customerId: BUDI_ID, body: 'sebelum sesi habis' })).id;
    await server.db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    await core.call('sync.now', {});
    expect((await core.call('auth.session', {})).user).toBeNull();
    expect((await authorsOf([id])).size).toBe(0);
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await syncSettled();
    expect((await authorsOf([id])).size).toBe(1);
  });

  it('attaches an interaction from an unresolved number to the customer the server finds', async () => {
    const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const interactionId = randomUUID();
    const res = await fetch(`${server.url}${API_PREFIX}/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [{
        id: randomUUID(), name: 'interaction.create', baseVersions: {}, createdAt: new Date().toISOString(),
        args: {
          id: interactionId, customerId: null, phoneE164: '+6281234567890', channel: 'call_in', direction: 'inbound',
          startedAt: new Date().toISOString(), body: 'Catatan panggilan dari nomor yang belum dikenal',
        },
      }] }),
    }).then((r) => r.json() as Promise<{ results: { status: string }[] }>);
    expect(res.results[0]?.status).toBe('applied');
    const [row] = await server.db.query<{ customer_id: string }>('SELECT customer_id FROM interactions WHERE id = $1', [interactionId]);
    expect(row?.customer_id).toBe(BUDI_ID);

    // A follow-up call-back on the same unresolved number lands on the same customer; an
    // unknown number is refused for good (NOT_FOUND), not retried.
    const callbackId = randomUUID();
    const push = (phoneE164: string, id: string) => fetch(`${server.url}${API_PREFIX}/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [{
        id: randomUUID(), name: 'callback.create', baseVersions: {}, createdAt: new Date().toISOString(),
        args: { id, customerId: null, phoneE164, dueAt: new Date(Date.now() + 3_600_000).toISOString(), createdAt: new Date().toISOString() },
      }] }),
    }).then((r) => r.json() as Promise<{ results: { status: string; error: { code: string } | null }[] }>);
    expect((await push('+6281234567890', callbackId)).results[0]?.status).toBe('applied');
    const [cb] = await server.db.query<{ customer_id: string }>('SELECT customer_id FROM callbacks WHERE id = $1', [callbackId]);
    expect(cb?.customer_id).toBe(BUDI_ID);
    const unknown = (await push('+6289999999999', randomUUID())).results[0];
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
  });
});
