// `npm run bench:working-set`: cost of the working-set scope as JSON on stdout.
//   1. initial sync of agent1's working set (branch Jakarta Pusat, queues billing + network,
//      bound 50 000) from cursor 0: time, customers and rows served; beside it, in the same
//      run and measured the same way, agent1's full initial sync (every customer) and the
//      ratio of the two rates (target >= 0.8)
//   2. steady pulls at the head (the poll every desktop makes), server time (pullChanges in
//      the server's process, no HTTP) and over HTTP: with nothing changed, and after one
//      note in scope; beside them, in the same run, a raw `pg` primary-key lookup (the
//      machine's floor for one query) and the ratio; a pull after a note outside the scope
//      (nothing for this desktop, other desktops' writes); and a few pulls through the old
//      per-pull rule evaluation (a bound below the maintained one) for comparison
// Runs on the reusable benchmark database `sapa_bench_sync` (100 000 customers, made by
// `npm run bench:sync`; BENCH_WORKING_SET_DB names another one seeded the same way);
// numbers are for this machine, loopback.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { pullChanges } from '../src/server/sync/pull.js';
import { startServer } from '../src/server/app.js';
import { API_PREFIX } from '../src/shared/http.js';
import { PullResponse } from '../src/shared/sync.js';
import { type Db } from '../src/server/db/db.js';
import { databaseUrl } from './databases.js';
import { percentiles } from './stats.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';
const BOUND = 50_000;
const SAMPLES = Number(process.env.BENCH_STEADY_SAMPLES ?? 200);
const DB = process.env.BENCH_WORKING_SET_DB ?? 'sapa_bench_sync';
const NO_PASS = process.env.BENCH_WORKING_SET_NO_PASS === '1';
const STEADY_ONLY = process.env.BENCH_STEADY_ONLY === '1';

type Api = (path: string, token?: string, init?: RequestInit) => Promise<unknown>;

/**
 * The limit beside the working-set figure, in the same run and measured the same way
 * (HTTP pulls of 5 000, answers schema-checked, nothing applied): agent1's full initial
 * sync of every customer, allowed for the run through the data-access setting, which is
 * put back afterwards.
 */
async function fullSyncBeside(api: Api, admin: string, token: string): Promise<{ rows: number; ms: number; rowsPerSecond: number }> {
  const { updatedAt: _at, updatedBy: _by, ...before } = await api('/admin/data-access', admin) as Record<string, unknown>;
  const put = (settings: unknown) => api('/admin/data-access', admin, { method: 'PUT', body: JSON.stringify(settings) });
  await put({ ...before, fullReplicationRoles: ['agent', 'lead', 'admin'] });
  try {
    const t0 = performance.now();
    let rows = 0;
    for (let cursor = 0; ;) {
      const b = PullResponse.parse(await api(`/sync/pull?cursor=${cursor}&limit=5000`, token));
      if (b.scope === 'working') throw new Error('full replication was not granted for the comparison');
      rows += Object.values(b.changes).reduce((s, l) => s + l.length, 0);
      cursor = b.nextCursor;
      if (!b.more) break;
    }
    const ms = performance.now() - t0;
    return { rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)) };
  } finally {
    await put(before);
  }
}

async function main(): Promise<void> {
  const server = await startServer({ databaseUrl: databaseUrl(DB) });
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
    // As the desktop asks (sync-client.ts pullFrom): a window after the first says its pass
    // (where the pulls began, the lowest head served so far), so customers the pass already
    // served are not sent again whole when their membership comes by.
    const pull = async (cursor: number, pass?: { from: number; head: number }) => PullResponse.parse(
      await api(`/sync/pull?cursor=${cursor}&limit=5000&scope=working&bound=${BOUND}${pass ? `&passFrom=${pass.from}&passHead=${pass.head}` : ''}`, token));

    const [{ n: total } = { n: 0 }] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    const t0 = performance.now();
    let cursor = 0;
    let customers = 0;
    let rows = 0;
    let inScope: string | undefined;
    // BENCH_STEADY_ONLY=1: no initial sync (a minute of both cores); the steady pulls start at the head.
    if (STEADY_ONLY) {
      const [m] = await server.db.query<{ id: string }>(
        'SELECT customer_id AS id FROM scope_members WHERE user_id = $1 AND in_scope ORDER BY customer_id LIMIT 1', [AGENT1]);
      inScope = m?.id;
      cursor = (await pullChanges(server.db, { cursor: 0, limit: 1 })).headVersion;
    }
    let passHead: number | null = null;
    const customerIds = new Set<string>();
    for (; !STEADY_ONLY;) {
      // BENCH_WORKING_SET_NO_PASS=1: as a desktop from before the pass was sent (for comparison).
      const b = await pull(cursor, passHead === null || NO_PASS ? undefined : { from: 0, head: passHead });
      passHead = Math.min(passHead ?? b.headVersion, b.headVersion);
      for (const c of b.changes.customers) customerIds.add(c.id);
      customers += b.changes.customers.length;
      rows += Object.values(b.changes).reduce((s, l) => s + l.length, 0);
      inScope ??= b.changes.customers[0]?.id;
      cursor = b.nextCursor;
      if (!b.more) break;
    }
    const initialMs = performance.now() - t0;
    const fullSync = await fullSyncBeside(api, admin, token);

    // Steady pulls at the head. Server time: the pull itself, in this process (the server's).
    const serverPull = (c: number, bound = BOUND) => pullChanges(server.db, { cursor: c, limit: 5000 }, { userId: AGENT1, working: true, bound });
    const noteOn = (customer: string | null) => server.db.query(`INSERT INTO notes (id, customer_id, body, created_at) VALUES ($1, $2, 'bench', now())`, [randomUUID(), customer]);
    const note = () => noteOn(inScope ?? null);
    // A customer outside agent1's scope: what most writes of a fleet are to one desktop.
    const [outside] = await server.db.query<{ id: string }>(
      `SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM scope_members m WHERE m.user_id = $1 AND m.customer_id = c.id)
        ORDER BY c.id LIMIT 1`, [AGENT1]);
    // Whatever happened since the initial sync (the scope sweep, other users) is read first.
    for (let b = await serverPull(cursor); ; b = await serverPull(cursor)) { cursor = b.nextCursor; if (!b.more) break; }
    const idle: number[] = [];
    const idleHttp: number[] = [];
    const one: number[] = [];
    const oneHttp: number[] = [];
    const elsewhere: number[] = [];
    let delivered = 0;
    for (let i = 0; i < SAMPLES && inScope; i += 1) {
      let t = performance.now();
      await serverPull(cursor);
      idle.push(performance.now() - t);
      if (outside) {
        await noteOn(outside.id);
        t = performance.now();
        const o = await serverPull(cursor);
        elsewhere.push(performance.now() - t);
        if (o.changes.notes.length > 0) throw new Error('a note outside the scope was served');
        cursor = o.nextCursor;
      }
      t = performance.now();
      await pull(cursor);
      idleHttp.push(performance.now() - t);
      await note();
      t = performance.now();
      const b = await serverPull(cursor);
      one.push(performance.now() - t);
      delivered += b.changes.notes.length;
      await note();
      t = performance.now();
      const h = await pull(b.nextCursor);
      oneHttp.push(performance.now() - t);
      cursor = h.nextCursor;
    }
    // Round trips per pull (BEGIN and COMMIT count one each): where the server's time goes.
    let trips = 0;
    const counted = (d: Db): Db => ({
      engine: d.engine, close: () => d.close(),
      query: (sql, params, o) => { trips += 1; return d.query(sql, params, o); },
      transaction: (fn) => { trips += 2; return d.transaction((tx) => fn(counted(tx))); },
    });
    const tripsOf = async (before: () => Promise<unknown>) => {
      await before();
      trips = 0;
      const b = await pullChanges(counted(server.db), { cursor, limit: 5000 }, { userId: AGENT1, working: true, bound: BOUND });
      cursor = b.nextCursor;
      return trips;
    };
    const roundTrips = {
      nothingChanged: await tripsOf(async () => undefined),
      oneChangeOutsideScope: outside ? await tripsOf(() => noteOn(outside.id)) : null,
      oneChange: await tripsOf(note),
    };
    // The old path: the rules evaluated for the pull (a bound below the maintained one).
    const legacy: number[] = [];
    for (let i = 0; i < 5 && inScope; i += 1) {
      await note();
      const t = performance.now();
      const b = await serverPull(cursor, BOUND - 1);
      legacy.push(performance.now() - t);
      cursor = b.nextCursor;
    }
    await server.db.query(`DELETE FROM notes WHERE body = 'bench' AND customer_id = ANY($1::uuid[])`, [[inScope ?? null, outside?.id ?? null]]);
    // The machine's floor for one query, in the same run: a raw pg primary-key lookup.
    const raw = new pg.Client({ connectionString: databaseUrl(DB) });
    await raw.connect();
    const rawTimes: number[] = [];
    try {
      for (let i = 0; i < SAMPLES; i += 1) {
        const t = performance.now();
        await raw.query('SELECT id, version FROM customers WHERE id = $1', [inScope ?? null]);
        rawTimes.push(performance.now() - t);
      }
    } finally {
      await raw.end();
    }
    const rawP = percentiles(rawTimes);
    const idleP = percentiles(idle);
    const oneP = percentiles(one);
    const ratio = (x: number) => Math.round((x / Math.max(rawP.p95, 0.001)) * 10) / 10;
    process.stdout.write(`${JSON.stringify({
      nproc: availableParallelism(), database: DB,
      totalCustomers: total, scopeCustomers: customers, distinctScopeCustomers: customerIds.size, scopeRows: rows, initialSyncMs: Math.round(initialMs),
      initialSyncRowsPerSecond: Math.round(rows / (initialMs / 1000)),
      fullInitialSyncSameRun: fullSync,
      ratioToFullSyncRowsPerSecond: Math.round((rows / (initialMs / 1000) / fullSync.rowsPerSecond) * 100) / 100,
      ratioTarget: '>= 0.8',
      loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
      steadyPullServerMs: {
        nothingChanged: { ...idleP, targetP95: 5, ratioToRawLookupP95: ratio(idleP.p95) },
        oneChange: { ...oneP, targetP95: 10, ratioToRawLookupP95: ratio(oneP.p95), notesDelivered: delivered },
        oneChangeOutsideScope: { ...percentiles(elsewhere), targetP95: 5, ratioToRawLookupP95: ratio(percentiles(elsewhere).p95) },
      },
      roundTripsPerPull: roundTrips,
      steadyPullHttpMs: { nothingChanged: percentiles(idleHttp), oneChange: percentiles(oneHttp) },
      rawPgPrimaryKeyLookupMs: rawP,
      oldRuleEvaluationOneChangeMs: percentiles(legacy),
    }, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

await main();
