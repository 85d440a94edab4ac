// `npm run bench:working-set`: cost of the working-set scope as JSON on stdout.
//   1. initial sync of agent1's working set (branch Jakarta Pusat, queues billing + network,
//      bound 50 000) from cursor 0: time, customers and rows served
//   2. a steady-state pull after one note in scope (the poll every desktop makes): p50/p95
// Runs on the reusable benchmark database `sapa_bench_sync` (100 000 customers, made by
// `npm run bench:sync`); numbers are for this machine (2 shared cores), loopback.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startServer } from '../src/server/app.js';
import { API_PREFIX } from '../src/shared/http.js';
import { PullResponse } from '../src/shared/sync.js';
import { databaseUrl } from './databases.js';
import { percentiles } from './stats.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';
const BOUND = 50_000;
const SAMPLES = 50;

async function main(): Promise<void> {
  const server = await startServer({ databaseUrl: databaseUrl('sapa_bench_sync') });
  try {
    const api = async (path: string, token?: string, init: RequestInit = {}): Promise<unknown> => {
      const res = await fetch(`${server.url}${API_PREFIX}${path}`, {
        ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const login = async (u: string) => ((await api('/auth/login', undefined, {
      method: 'POST', body: JSON.stringify({ username: u, password: `${u}-pass` }) })) as { token: string }).token;
    const admin = await login('admin1');
    await api(`/admin/users/${AGENT1}/scope`, admin, {
      method: 'PUT', body: JSON.stringify({ branch: 'Jakarta Pusat', queues: ['billing', 'network'] }) });
    const token = await login('agent1');
    const pull = async (cursor: number) => PullResponse.parse(
      await api(`/sync/pull?cursor=${cursor}&limit=5000&scope=working&bound=${BOUND}`, token));

    const [{ n: total } = { n: 0 }] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    const t0 = performance.now();
    let cursor = 0;
    let customers = 0;
    let rows = 0;
    let inScope: string | undefined;
    for (;;) {
      const b = await pull(cursor);
      customers += b.changes.customers.length;
      rows += Object.values(b.changes).reduce((s, l) => s + l.length, 0);
      inScope ??= b.changes.customers[0]?.id;
      cursor = b.nextCursor;
      if (!b.more) break;
    }
    const initialMs = performance.now() - t0;

    const times: number[] = [];
    for (let i = 0; i < SAMPLES && inScope; i += 1) {
      await server.db.query(`INSERT INTO notes (id, customer_id, body, created_at) VALUES ($1, $2, 'bench', now())`, [randomUUID(), inScope]);
      const t = performance.now();
      const b = await pull(cursor);
      times.push(performance.now() - t);
      cursor = b.nextCursor;
    }
    await server.db.query(`DELETE FROM notes WHERE body = 'bench' AND customer_id = $1`, [inScope ?? null]);
    const steady = percentiles(times);
    process.stdout.write(`${JSON.stringify({
      totalCustomers: total, scopeCustomers: customers, scopeRows: rows, initialSyncMs: Math.round(initialMs),
      steadyPullMs: { p50: steady.p50, p95: steady.p95 },
    }, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

await main();
