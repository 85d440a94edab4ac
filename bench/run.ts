// `npm run bench`: Sapa's foundation figures as JSON on stdout (progress on stderr).
//   1. initial sync of N customers with their interactions into an empty desktop cache
//   2. cached phone lookup p50/p95/p99 (any written form of the number)
//   3. search-as-you-type p95 over the cached customers
//   4. customer 360 (profile + 50 newest interactions) from the cache p95
//   5. server lookup by phone p95 on a PostgreSQL database of M customers
// Beside 1, in the same run: the raw better-sqlite3 insert rate of the same rows into the
// same schema in one transaction (raw-cache-insert.ts), as a ratio; and screen pops (core's
// phone lookup + customer 360, what a pop asks of core) every POP_EVERY_MS while the first
// sync runs, against the same pops on the idle desktop afterwards (p95 ratio, target ≤ 2).
// Sizes: BENCH_CUSTOMERS (100000), BENCH_SERVER_CUSTOMERS (1000000), BENCH_LOOKUPS (10000);
// BENCH_SYNC_DB names the desktop figures' database (default sapa_bench_sync).
// Databases are kept between runs and reused; pass --fresh to rebuild them, --desktop-only
// to skip the 1 M-customer server figure.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../src/main/core/index.js';
import { freePort, runScript, startProcess } from '../tests/e2e/support/processes.js';
import { nationalKey } from '../src/shared/phone.js';
import { databaseUrl, ensureDatabase, sampleColumn } from './databases.js';
import { percentiles, pick, rng, timeEach } from './stats.js';
import { cacheKeyFor, desktopKeyFor } from '../tests/support/desktop-key.js';
import { rawCacheInsert } from './raw-cache-insert.js';

const fresh = process.argv.includes('--fresh');
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const SERVER_CUSTOMERS = Number(process.env.BENCH_SERVER_CUSTOMERS ?? 1_000_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 10_000);
/** Another database seeded the same way (a branch whose server migrations differ from the shared one's). */
const SYNC_DB = process.env.BENCH_SYNC_DB ?? 'sapa_bench_sync';
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const random = rng(20261125);
const POP_EVERY_MS = 100;
const round2 = (x: number) => Math.round(x * 100) / 100;

interface PopLoop { stop(): Promise<{ cachedMs: number[]; notCached: number }> }

/**
 * A screen pop every POP_EVERY_MS (one at a time, as calls arrive): the caller's number
 * looked up in core and the customer's 360 read. Only pops answered from the cache count
 * (during a first sync a caller not synced yet is asked of the server, another path).
 */
function popLoop(core: Core, phones: string[]): PopLoop {
  const cachedMs: number[] = [];
  let notCached = 0;
  let stopped = false;
  let i = 0;
  const done = (async () => {
    while (!stopped) {
      const phone = phones[i++ % phones.length]!;
      const t = performance.now();
      const found = await core.call('customers.lookupByPhone', { phone });
      const first = found.customers[0];
      if (found.source === 'cache' && first) {
        await core.call('customers.get360', { customerId: first.id });
        cachedMs.push(performance.now() - t);
      } else {
        notCached += 1;
      }
      await new Promise((r) => setTimeout(r, POP_EVERY_MS));
    }
  })();
  return { async stop() { stopped = true; await done; return { cachedMs, notCached }; } };
}

/** The written forms agents and trunks use for one number. */
function writtenForms(e164: string): string[] {
  const nsn = nationalKey(e164);
  const spaced = `0${nsn}`.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3');
  const dashed = `+62 ${nsn.replace(/^(\d{3})(\d{4})(\d+)$/, '$1-$2-$3')}`;
  return [spaced, dashed, `62${nsn}`, e164];
}

/**
 * The server runs as its own process, as in production (a separate machine), so that the
 * desktop figures measure core, not core and server sharing one Node thread.
 */
async function seededServer(name: string, customers: number, interactionsMean: number) {
  const reused = await ensureDatabase(name, customers, fresh);
  let seedSeconds: number | null = null;
  if (!reused) {
    log(`seeding ${customers} customers into ${name} (interactions mean ${interactionsMean})…`);
    const started = performance.now();
    await runScript('src/server/seed/cli.ts', [
      '--customers', String(customers), '--seed', '42', '--interactions-mean', String(interactionsMean),
    ], { DATABASE_URL: databaseUrl(name), SAPA_DEMO: '1' });
    seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  }
  const port = await freePort();
  const server = await startProcess('src/server/main.ts', {
    DATABASE_URL: databaseUrl(name), PORT: String(port), LOG_LEVEL: 'warn',
  }, `http://127.0.0.1:${port}/api/v1/health`, 'server');
  return { server, seedSeconds };
}

/**
 * The initial-sync figure is for a desktop replicating every customer: allowed for every
 * role through the server's data-access setting (otherwise it is served its working set).
 */
async function allowFullReplication(serverUrl: string): Promise<void> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin1', password: 'admin1-pass' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${serverUrl}/api/v1/admin/data-access`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ fullReplicationRoles: ['agent', 'lead', 'admin'], fullReplicationDevices: [], lookupLimitPerHour: 60 }),
  });
  if (!res.ok) throw new Error(`data-access setting: ${res.status} ${await res.text()}`);
}

/** Waits for the first complete sync; answers the rows it applied (from its progress events). */
async function waitForSync(core: Core, rowsSeen: () => number): Promise<number> {
  for (;;) {
    const status = await core.call('sync.status', {});
    if (status.state === 'error') throw new Error(`sync failed: ${status.lastError}`);
    if (status.state === 'idle' && status.headVersion !== null && status.cursor >= status.headVersion) {
      return rowsSeen();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function desktopFigures() {
  const { server, seedSeconds } = await seededServer(SYNC_DB, CUSTOMERS, 10);
  await allowFullReplication(server.url);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-bench-desktop-'));
  const core = createCore({
    dataDir, desktopKey: desktopKeyFor(dataDir), serverUrls: [server.url], appVersion: 'bench', host: 'browser', systemLocale: 'id-ID',
    syncIntervalSeconds: 3600,
  });
  try {
    log('initial sync into an empty cache…');
    // rowsApplied counts per sync run; a later run (a live poke) starts again from 0.
    let rowsApplied = 0;
    core.on('sync.status', (s) => { rowsApplied = Math.max(rowsApplied, s.rowsApplied); });
    // Callers for the pops: customers of the first batches (synced within the first seconds).
    const popPhones = await sampleColumn(SYNC_DB,
      `SELECT p.e164 AS v FROM customer_phones p JOIN customers c ON c.id = p.customer_id ORDER BY c.version LIMIT 300`);
    const syncStart = performance.now();
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    // The pops start with the sync (sync.now answers when its run is over).
    const duringSync = popLoop(core, popPhones);
    const syncRun = core.call('sync.now', {});
    await syncRun;
    const rows = await waitForSync(core, () => rowsApplied);
    const syncSeconds = (performance.now() - syncStart) / 1000;
    const busy = await duringSync.stop();
    log(`initial sync: ${rows} rows in ${syncSeconds.toFixed(1)} s; ${busy.cachedMs.length} pops from the cache meanwhile, ${busy.notCached} asked the server`);
    log(`screen pops on the idle desktop (${busy.cachedMs.length})…`);
    const idleLoop = popLoop(core, popPhones);
    // About as many idle pops as pops during the sync (at least 100, at most 600).
    await new Promise((r) => setTimeout(r, Math.min(600, Math.max(100, busy.cachedMs.length)) * POP_EVERY_MS));
    const idle = await idleLoop.stop();
    log('raw better-sqlite3 insert of the same rows…');
    const raw = await rawCacheInsert(dataDir, cacheKeyFor(dataDir));
    const busyP = percentiles(busy.cachedMs);
    const idleP = percentiles(idle.cachedMs);

    const phones = await sampleColumn(SYNC_DB, `SELECT e164 AS v FROM customer_phones ORDER BY md5(e164) LIMIT 20000`);
    const lookupInputs = pick(phones, LOOKUPS, random).map((e164) => pick(writtenForms(e164), 1, random)[0]!);
    log(`cached phone lookup × ${lookupInputs.length}…`);
    let misses = 0;
    const lookup = await timeEach(lookupInputs, async (phone) => {
      const res = await core.call('customers.lookupByPhone', { phone });
      if (res.source !== 'cache') misses++;
    });

    const names = await sampleColumn(SYNC_DB, `SELECT full_name AS v FROM customers ORDER BY md5(id::text) LIMIT 400`);
    const typed: string[] = [];
    for (const name of names) {
      const word = name.split(' ').at(-1) ?? name;
      for (let n = 1; n <= Math.min(word.length, 8); n++) typed.push(word.slice(0, n).toLowerCase());
    }
    for (const e164 of pick(phones, 200, random)) {
      const form = `0${nationalKey(e164)}`;
      for (let n = 3; n <= form.length; n++) typed.push(form.slice(0, n));
    }
    log(`search-as-you-type × ${typed.length} keystrokes…`);
    const search = await timeEach(typed, (query) => core.call('customers.search', { query, limit: 20 }));

    const ids = await sampleColumn(SYNC_DB, `SELECT id::text AS v FROM customers ORDER BY md5(id::text) LIMIT 2000`);
    log(`customer 360 × ${ids.length}…`);
    const c360 = await timeEach(ids, (customerId) => core.call('customers.get360', { customerId }));

    return {
      dataset: { database: SYNC_DB, customers: CUSTOMERS, seedSeconds },
      initialSync: {
        rows, seconds: Math.round(syncSeconds * 100) / 100, rowsPerSecond: Math.round(rows / syncSeconds), target: '>= 30000 rows/s',
        rawSqliteInsert: raw,
        ratioToRawInsert: round2(rows / syncSeconds / raw.rowsPerSecond), ratioTarget: '>= 0.8',
      },
      screenPopDuringFirstSyncMs: { ...busyP, askedServer: busy.notCached },
      screenPopIdleMs: { ...idleP, askedServer: idle.notCached },
      screenPopP95Ratio: round2(busyP.p95 / Math.max(idleP.p95, 0.001)), screenPopRatioTarget: '<= 2',
      cachedPhoneLookupMs: { ...percentiles(lookup), misses, target: 'p99 <= 1 ms' },
      searchAsYouTypeMs: { ...percentiles(search), target: 'p95 <= 30 ms' },
      customer360Ms: { ...percentiles(c360), target: 'p95 <= 5 ms' },
    };
  } finally {
    await core.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function serverLookupFigures() {
  const { server, seedSeconds } = await seededServer('sapa_bench_server', SERVER_CUSTOMERS, 0);
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
    });
    const { token } = (await login.json()) as { token: string };
    const phones = await sampleColumn('sapa_bench_server', `SELECT e164 AS v FROM customer_phones ORDER BY md5(e164) LIMIT 5000`);
    const inputs = pick(phones, 2000, random).map((e164) => pick(writtenForms(e164), 1, random)[0]!);
    log(`server lookup by phone × ${inputs.length} on ${SERVER_CUSTOMERS} customers…`);
    let misses = 0;
    const samples = await timeEach(inputs, async (phone) => {
      const res = await fetch(`${server.url}/api/v1/customers/by-phone?phone=${encodeURIComponent(phone)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { customers: unknown[] };
      if (body.customers.length === 0) misses++;
    });
    return { dataset: { customers: SERVER_CUSTOMERS, seedSeconds }, serverPhoneLookupMs: { ...percentiles(samples), misses, target: 'p95 <= 10 ms' } };
  } finally {
    await server.stop();
  }
}

const desktopOnly = process.argv.includes('--desktop-only');
const result = {
  machine: { cores: os.cpus().length, node: process.version, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  desktop: await desktopFigures(),
  server: desktopOnly ? null : await serverLookupFigures(),
  loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
