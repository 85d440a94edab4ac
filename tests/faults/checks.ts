// Assertions shared by the fault tests: convergence (each cache equals the server's view
// of its scope) and exactly-once (every row a desktop made is on the server once, counted
// where a duplicate would show: by a text unique to that row, and by the server's record
// of applied mutations).
import { createHash, randomUUID } from 'node:crypto';
import net from 'node:net';
import { expect } from 'vitest';
import { type RunningServer } from '../../src/server/app.js';
import { WORKING_SET_SQL, loadWorkingScope, recentDaysFromEnv, scopeParams } from '../../src/server/sync/working-scope.js';
import { DEFAULT_WORKING_SET_LIMIT } from '../../src/main/core/sync/env-options.js';
import { COMPARED_TABLES, cacheHash, serverHash, waitFor } from '../integration/sync/harness.js';
import { type Replica } from './sync-modes.js';
import { openTestCache } from '../support/desktop-key.js';

/** A row a desktop made: its id, a text no other row has, and the outbox (client) it left by. */
export interface MadeRow { id: string; text: string; clientId: string }

export interface Made { notes: MadeRow[]; callbacks: MadeRow[] }

export const emptyMade = (): Made => ({ notes: [], callbacks: [] });

/** A label made unique across the whole run (desktops of earlier tests share the server). */
export const uniqueText = (label: string): string => `${label} #${randomUUID().slice(0, 8)}`;

export const madeIds = (rows: readonly MadeRow[]): string[] => rows.map((r) => r.id);

const KINDS = [
  { table: 'notes', text: 'body', mutation: 'note.create' },
  { table: 'callbacks', text: 'note', mutation: 'callback.create' },
] as const;

export async function expectExactlyOnce(server: RunningServer, made: Made): Promise<void> {
  for (const { table, text, mutation } of KINDS) {
    const rows = made[table];
    // The effect: a duplicate under another id would share the text; a lost row has none.
    const found = await server.db.query<{ text: string; ids: string[] }>(
      `SELECT ${text} AS text, array_agg(id::text ORDER BY id) AS ids FROM ${table}
       WHERE ${text} = ANY($1::text[]) GROUP BY ${text}`, [rows.map((r) => r.text)]);
    const byText = new Map(found.map((f) => [f.text, f.ids]));
    expect({ table, rows: rows.map((r) => ({ text: r.text, ids: byText.get(r.text) ?? [] })) })
      .toEqual({ table, rows: rows.map((r) => ({ text: r.text, ids: [r.id] })) });

    // The server's record: one applied (not rejected) mutation per row made, per client —
    // a desktop that re-sent a write as a new mutation, or a server that applied without
    // recording, shows here.
    const clients = [...new Set(rows.map((r) => r.clientId))];
    const applied = await server.db.query<{ client_id: string; status: string; n: number }>(
      `SELECT client_id::text AS client_id, result->>'status' AS status, count(*)::int AS n FROM applied_mutations
       WHERE client_id = ANY($1::uuid[]) AND name = $2 GROUP BY 1, 2 ORDER BY 1, 2`, [clients, mutation]);
    const expected = clients.sort().map((c) => ({ client_id: c, status: 'applied', n: rows.filter((r) => r.clientId === c).length }));
    expect({ mutation, applied }).toEqual({ mutation, applied: expected });
  }
}

/** Hash of the server's rows within a working-set desktop's scope (what its pull serves). */
async function scopeHash(server: RunningServer, userId: string): Promise<string> {
  const scope = await loadWorkingScope(server.db, userId, { recentDays: recentDaysFromEnv(), bound: DEFAULT_WORKING_SET_LIMIT });
  const inScope = await server.db.query<{ id: string }>(
    `SELECT id::text AS id FROM customers WHERE version > $1 AND version <= $2 AND id IN ${WORKING_SET_SQL}`,
    [0, Number.MAX_SAFE_INTEGER, ...scopeParams(scope)]);
  const ids = inScope.map((r) => r.id);
  const hash = createHash('sha256');
  for (const table of COMPARED_TABLES) {
    const column = table === 'customers' ? 'id' : 'customer_id';
    const rows = await server.db.query<{ id: string; version: number }>(
      `SELECT id::text AS id, version FROM ${table} WHERE ${column} = ANY($1::uuid[]) ORDER BY id::text COLLATE "C"`, [ids]);
    for (const r of rows) hash.update(`${table}:${r.id}:${r.version}\n`);
  }
  return hash.digest('hex');
}

/**
 * Every desktop's cache equals the server — all of it, or with a working set the rows of
 * the customers in that desktop's scope — within `timeoutMs` (default 30 s).
 */
export async function expectConverged(server: RunningServer, replicas: readonly Replica[], timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  await waitFor('caches converge to the server', async () => {
    let whole: string | null = null;
    for (const r of replicas) {
      const expected = r.mode === 'working set' ? await scopeHash(server, r.userId) : (whole ??= await serverHash(server));
      if (cacheHash(r.dir) !== expected) return false;
    }
    return true;
  }, timeoutMs, 200);
  // A working-set desktop holding every customer would not be testing the working set.
  const [all] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
  for (const r of replicas.filter((x) => x.mode === 'working set')) {
    expect({ dir: r.dir, partial: cachedCustomers(r.dir) < (all?.n ?? 0) }).toEqual({ dir: r.dir, partial: true });
  }
  return Date.now() - started;
}

/**
 * Nothing left to push (read from the outbox itself: sync.status's count is as of the last
 * run, and a join written by opening a customer does not start one).
 */
export async function outboxPushed(call: (method: 'sync.diagnostics', input: Record<string, never>) => Promise<{ outbox: { state: string }[] }>): Promise<boolean> {
  return (await call('sync.diagnostics', {})).outbox.every((e) => e.state !== 'pending');
}

function cachedCustomers(dir: string): number {
  const db = openTestCache(dir, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
