// Read replicas (docs/decisions/0032-read-replicas.md): a server with DATABASE_READ_URL
// serves pulls, lookups and search from a real PostgreSQL hot standby of the test primary
// (scripts/pg-replica.sh: pg_basebackup, streaming on 127.0.0.1:5433). Replica lag is made
// on purpose by pausing the standby's replay; a desktop's cursor must never pass a version
// the replica has not replayed, and once replay resumes every row arrives, none skipped.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { createPgDb } from '../../../src/server/db/pg-db.js';
import { readDb } from '../../../src/server/db/read-db.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { searchCustomers } from '../../../src/server/customers/search.js';
import { headVersion, pullChanges } from '../../../src/server/sync/pull.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { type PullResponse } from '../../../src/shared/sync.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { BUDI_ID, createSyncWorld, type SyncWorld, waitFor } from './harness.js';

const REPLICA_PORT = process.env.SAPA_REPLICA_PORT ?? '5433';

let world: SyncWorld;
let server: RunningServer;
let primary: Db;
let replicaAdmin: pg.Client;
/** The test database on the standby, straight (no fallback to the primary). */
let standby: Db;
let token: string;
let agentId: string;

/** The test database on the standby: same name, the standby's port. */
function replicaUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.port = REPLICA_PORT;
  return url.toString();
}

async function pauseReplay(): Promise<void> {
  await replicaAdmin.query('SELECT pg_wal_replay_pause()');
  await waitFor('replay paused', async () => {
    const [row] = (await replicaAdmin.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state')).rows;
    return row?.state === 'paused';
  });
}

async function resumeReplay(): Promise<void> {
  await replicaAdmin.query('SELECT pg_wal_replay_resume()');
}

/**
 * Until the standby has replayed everything the primary has committed. Read on a connection
 * of its own: the server's replica handle would answer from the primary while the standby
 * cannot be reached (read-db.ts), which would make this wait pass too early.
 */
async function replicaCaughtUp(): Promise<void> {
  const target = await headVersion(primary);
  await waitFor('the replica to catch up', async () => (await headVersion(standby)) >= target, 60_000);
}

async function pullHttp(cursor: number, limit = 2000): Promise<PullResponse> {
  const res = await fetch(`${server.url}${API_PREFIX}/sync/pull?cursor=${cursor}&limit=${limit}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`pull ${res.status}: ${await res.text()}`);
  return await res.json() as PullResponse;
}

type Seen = Map<string, number>;

/** Records every row and tombstone of a pull answer as `table:id` → highest version seen. */
function record(seen: Seen, answer: PullResponse): void {
  for (const [table, rows] of Object.entries(answer.changes)) {
    for (const row of rows as { id: string; version: number }[]) {
      const key = `${table}:${row.id}`;
      seen.set(key, Math.max(seen.get(key) ?? 0, row.version));
    }
  }
  for (const t of answer.tombstones) seen.set(`${t.table}:${t.id}`, Math.max(seen.get(`${t.table}:${t.id}`) ?? 0, t.version));
}

/** Every row a full replication holds above `cursor` on the primary, pulled by the same code from the primary. */
async function primaryRowsSince(cursor: number): Promise<Seen> {
  const seen: Seen = new Map();
  for (let c = cursor, more = true; more;) {
    const answer = await pullChanges(primary, { cursor: c, limit: 5000 }, { userId: agentId, working: false });
    record(seen, answer);
    c = answer.nextCursor;
    more = answer.more;
  }
  return seen;
}

/** Pulls from the server (the replica) until the answer says there is no more. */
async function pullToHead(cursor: number, seen: Seen, limit = 2000): Promise<number> {
  let c = cursor;
  for (let more = true; more;) {
    const answer = await pullHttp(c, limit);
    expect(answer.nextCursor).toBeGreaterThanOrEqual(c);
    record(seen, answer);
    c = answer.nextCursor;
    more = answer.more;
  }
  return c;
}

async function touchCustomers(n: number, city: string): Promise<number[]> {
  const versions: number[] = [];
  const ids = await primary.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no LIMIT $1', [n]);
  for (const { id } of ids) {
    const [row] = await withWriteTransaction(primary, (tx) =>
      tx.query<{ version: number }>('UPDATE customers SET city = $2 WHERE id = $1 RETURNING version', [id, city]));
    versions.push(row!.version);
  }
  return versions;
}

beforeAll(async () => {
  // Makes the standby when this machine has none yet, reuses it otherwise (idempotent).
  execFileSync('bash', ['scripts/pg-replica.sh', 'start'], { stdio: 'inherit', timeout: 300_000 });
  world = await createSyncWorld(25);
  const databaseUrl = world.database.databaseUrl!;
  server = await startServer({
    databaseUrl, databaseReadUrl: replicaUrl(databaseUrl),
    seedDemo: { customers: 25, interactionsMean: 2, seed: 7 },
    // The paused-replay tests hold replay for seconds: a poke waits for it (replay-gate.ts).
    config: { readReplica: { pokeWaitMs: 120_000, pollMs: 20 } },
  });
  world.servers.push(server);
  primary = server.db;
  await allowFullReplication(primary);
  standby = createPgDb(replicaUrl(databaseUrl));
  replicaAdmin = new pg.Client({ connectionString: replicaUrl('postgres://postgres@127.0.0.1:5432/postgres') });
  await replicaAdmin.connect();
  await resumeReplay();
  await replicaCaughtUp();
  const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
  });
  const session = await login.json() as { token: string; user: { id: string } };
  token = session.token;
  agentId = session.user.id;
}, 300_000);

afterEach(async () => {
  // Never leave the shared standby paused for the next test or file.
  await resumeReplay();
});

afterAll(async () => {
  await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
  await replicaAdmin?.end().catch(() => undefined);
  await standby?.close().catch(() => undefined);
  await world?.close();
});

describe('pulls from a read replica', () => {
  it('are served by the standby: it is in recovery and the pull connections are there', async () => {
    const [recovery] = await server.db.replica!.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
    expect(recovery?.r).toBe(true);
    await pullHttp(0, 10);
    const [sync] = (await replicaAdmin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sapa-read-sync' AND datname = $1",
      [new URL(world.database.databaseUrl!).pathname.slice(1)])).rows;
    expect(sync?.n).toBeGreaterThan(0);
    // The replica's pools are read-only even in a transaction of their own.
    await expect(server.db.replica!.query('CREATE TABLE must_not_exist (id int)')).rejects.toThrow(/read-only/);
  });

  it('never move the cursor past rows the replica has not replayed, and deliver them all after', async () => {
    const seen: Seen = new Map();
    const start = await pullToHead(0, seen);
    expect(start).toBe(await headVersion(primary));

    await pauseReplay();
    const written = await touchCustomers(8, 'Kota Jeda');
    const paused = await pullHttp(start);
    // The primary has the rows; the replica has not replayed them, and the answer says so
    // by not passing them: nothing served, the cursor where it was.
    expect(Math.min(...written)).toBeGreaterThan(start);
    expect(paused.nextCursor).toBe(start);
    expect(paused.headVersion).toBeLessThan(Math.min(...written));
    expect(paused.changes.customers).toEqual([]);
    expect((await primaryRowsSince(start)).size).toBe(8);

    await resumeReplay();
    const after: Seen = new Map();
    const end = await waitFor('the rows through the replica', async () => {
      const c = await pullToHead(start, after);
      return c >= Math.max(...written) ? c : undefined;
    });
    expect(end).toBe(Math.max(...written));
    // Exactly what a pull from the primary serves from the same cursor: no version skipped.
    expect(new Map([...after].sort())).toEqual(new Map([...await primaryRowsSince(start)].sort()));
  });

  it('with concurrent writers and replay paused and resumed under them, end holding every row at its latest version', async () => {
    const from = await pullToHead(0, new Map());
    const seen: Seen = new Map();
    const ids = (await primary.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no')).map((r) => r.id);
    let writing = true;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < 15; i++) {
        const id = ids[(w * 7 + i * 3) % ids.length]!;
        // The sleep inside holds the write lock a moment, so writers queue behind each other.
        await withWriteTransaction(primary, async (tx) => {
          await tx.query('UPDATE customers SET city = $2 WHERE id = $1', [id, `Kota ${w}-${i}`]);
          await tx.query('SELECT pg_sleep(0.003)');
        });
      }
    };
    const lag = async (): Promise<void> => {
      while (writing) {
        await pauseReplay();
        await new Promise((r) => setTimeout(r, 60));
        await resumeReplay();
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer)).finally(() => { writing = false; });
    const lagging = lag();
    let cursor = from;
    let pulls = 0;
    while (writing) {
      cursor = await pullToHead(cursor, seen, 5);
      pulls++;
    }
    await writers;
    await lagging;
    await resumeReplay();
    const target = await headVersion(primary);
    await waitFor('the last rows', async () => (cursor = await pullToHead(cursor, seen, 5)) >= target);
    expect(pulls).toBeGreaterThan(1);
    const expected = await primaryRowsSince(from);
    expect(expected.size).toBeGreaterThan(0);
    // Every row changed since `from` reached the puller at its latest version.
    for (const [key, version] of expected) expect({ key, version: seen.get(key) }).toEqual({ key, version });
  });
});

describe('a desktop on a server with a read replica', () => {
  it('sees its own pushed note once the replica has it; the outbox keeps it until then, and the poke waits for replay', async () => {
    // A working-set desktop that only syncs when poked (or on a local write).
    const desktop = await world.newDesktop([server.url], { syncIntervalSeconds: 3600, workingSetLimit: 2000 });
    await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await waitFor('the first sync and the live channel', async () => {
      const s = await desktop.core.call('sync.status', {});
      if (s.state === 'error') throw new Error(s.lastError ?? 'sync error');
      return s.live && s.state === 'idle' && s.pending === 0 && s.headVersion !== null && s.cursor >= s.headVersion;
    }, 60_000);
    const [member] = await primary.query<{ customer_id: string }>(
      'SELECT customer_id FROM scope_members WHERE user_id = $1 AND in_scope ORDER BY customer_id = $2 DESC LIMIT 1', [agentId, BUDI_ID]);
    const customerId = member!.customer_id;

    await pauseReplay();
    const body = `Catatan replika ${randomUUID().slice(0, 8)}`;
    const note = await desktop.core.call('notes.create', { customerId, body });
    const [pushed] = await waitFor('the note on the primary', async () => {
      const rows = await primary.query<{ version: number }>('SELECT version FROM notes WHERE id = $1', [note.id]);
      return rows.length > 0 ? rows : undefined;
    });
    const lagging = await waitFor('the run after the push to end', async () => {
      const s = await desktop.core.call('sync.status', {});
      return s.state === 'idle' ? s : undefined;
    });
    // The replica has not replayed the note: the desktop's cursor stays below it, the entry
    // stays in the outbox, and the agent still sees the note (from the outbox).
    expect(lagging.cursor).toBeLessThan(pushed!.version);
    const outbox = (await desktop.core.call('sync.diagnostics', {})).outbox;
    expect(outbox.filter((e) => e.name === 'note.create').map((e) => ({ state: e.state, ackVersion: e.ackVersion })))
      .toEqual([{ state: 'acked', ackVersion: pushed!.version }]);
    expect((await desktop.core.call('notes.list', { customerId })).notes.map((n) => n.body)).toContain(body);

    // Only the poke can bring it now (no periodic pull within the test): it must come after
    // replay. Half a second of paused replay first, in which a poke sent at the primary's
    // commit would arrive and be answered by a pull that finds nothing (nothing asserted on it).
    await new Promise((r) => setTimeout(r, 500));
    await resumeReplay();
    const synced = await waitFor('the note through the replica', async () => {
      const s = await desktop.core.call('sync.status', {});
      return s.cursor >= pushed!.version ? s : undefined;
    }, 60_000);
    expect(synced.cursor).toBeGreaterThanOrEqual(pushed!.version);
    // The pull that covered the note took its outbox entry away.
    expect((await desktop.core.call('sync.diagnostics', {})).outbox.filter((e) => e.name === 'note.create')).toEqual([]);
    const notes = (await desktop.core.call('notes.list', { customerId })).notes;
    expect(notes.filter((n) => n.body === body)).toHaveLength(1);
  });
});

describe('lookups and search on a server with a read replica', () => {
  it('read the replica: while replay is paused they do not see a change the primary already has', async () => {
    const [customer] = await primary.query<{ id: string; phones: { e164: string }[] }>(
      'SELECT id, phones FROM customers ORDER BY customer_no LIMIT 1');
    const word = `replikasi${randomUUID().slice(0, 6)}`;
    const e164 = '+6281299990017';
    await pauseReplay();
    await withWriteTransaction(primary, (tx) => tx.query(
      `UPDATE customers SET search_terms = array_append(search_terms, $2), city = 'Kota Replika',
         phones = phones || jsonb_build_array(jsonb_set(phones->0, '{e164}', to_jsonb($3::text))) WHERE id = $1`,
      [customer!.id, word, e164]));
    expect((await searchCustomers(primary, word, 10)).map((c) => c.id)).toEqual([customer!.id]);

    const get = async (path: string): Promise<unknown> => {
      const res = await fetch(`${server.url}${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const search = async () => ((await get(`/customers/search?q=${word}&limit=10`)) as { results: { id: string }[] }).results.map((c) => c.id);
    const byPhone = async () => ((await get(`/customers/by-phone?phone=${encodeURIComponent(e164)}`)) as { customers: { id: string }[] }).customers.map((c) => c.id);
    const city = async () => ((await get(`/customers/${customer!.id}/360`)) as { customer: { city: string | null } }).customer.city;
    expect(await search()).toEqual([]);
    expect(await byPhone()).toEqual([]);
    expect(await city()).not.toBe('Kota Replika');

    await resumeReplay();
    await waitFor('search through the replica', async () => (await search()).length === 1);
    expect(await search()).toEqual([customer!.id]);
    expect(await byPhone()).toEqual([customer!.id]);
    expect(await city()).toBe('Kota Replika');
  });
});

describe('a read replica that cannot be reached', () => {
  it('leaves pulls and search to the primary instead of failing them', async () => {
    const other = await startServer({
      databaseUrl: world.database.databaseUrl!, databaseReadUrl: 'postgres://postgres@127.0.0.1:1/nowhere',
    });
    world.servers.push(other);
    const login = await fetch(`${other.url}${API_PREFIX}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
    });
    const { token: otherToken } = await login.json() as { token: string };
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${other.url}${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${otherToken}` } });
      expect(res.status).toBe(200);
      return await res.json() as T;
    };
    const seen: Seen = new Map();
    let cursor = 0;
    for (let more = true; more;) {
      const answer = await get<PullResponse>(`/sync/pull?cursor=${cursor}&limit=5000`);
      record(seen, answer);
      cursor = answer.nextCursor;
      more = answer.more;
    }
    expect(cursor).toBe(await headVersion(primary));
    expect(new Map([...seen].sort())).toEqual(new Map([...await primaryRowsSince(0)].sort()));
    const [budi] = await primary.query<{ full_name: string }>('SELECT full_name FROM customers WHERE id = $1', [BUDI_ID]);
    const found = await get<{ results: { id: string }[] }>(`/customers/search?q=${encodeURIComponent(budi!.full_name)}&limit=10`);
    expect(found.results.map((c) => c.id)).toContain(BUDI_ID);
  });
});

describe('without a read replica', () => {
  it('PGlite reads from the one database it has, and a transaction stays on its connection', async () => {
    const db = await openDb({ databaseReadUrl: 'postgres://postgres@127.0.0.1:1/never' });
    try {
      expect(db.engine).toBe('pglite');
      expect(readDb(db)).toBe(db);
    } finally {
      await db.close();
    }
    await primary.transaction(async (tx) => {
      expect(readDb(tx)).toBe(tx);
    });
    expect(readDb(primary)).toBe(primary.replica);
  });
});
