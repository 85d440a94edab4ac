// `npm run bench:fleet`: what a fleet of desktops heartbeating costs the server.
// 2,000 simulated desktops (BENCH_FLEET_DESKTOPS), each signed in with its own session and
// its own install id, beat every 60 s. Time is compressed to the same request rate
// (desktops / 60 s, 33.3 requests a second for 2,000) over a measured window of
// BENCH_FLEET_WINDOW_SECONDS (default 60: every desktop beats once, as in a real minute).
// The server runs in its own process on PostgreSQL, logging at info as in production; the
// load is sent open-loop (on schedule, not waiting for answers). Measured from /proc over the
// window: the server process tree's CPU time and that of the PostgreSQL backends serving
// its database, as a percentage of one core; request latency p50/p95/p99; requests/s.
// Prints one JSON object on stdout (progress on stderr). Target: server < 5 % of one core.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort, startProcess } from '../tests/e2e/support/processes.js';
import { type DesktopHeartbeat } from '../src/shared/updates.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { cpuSeconds, cpuSpent, processTree } from './proc-cpu.js';
import { percentiles } from './stats.js';

const DESKTOPS = Number(process.env.BENCH_FLEET_DESKTOPS ?? 2_000);
const WINDOW_SECONDS = Number(process.env.BENCH_FLEET_WINDOW_SECONDS ?? 60);
/** The floor: the same rate of `GET /health` (no database), to show what any request costs on this machine. */
const FLOOR_SECONDS = Number(process.env.BENCH_FLEET_FLOOR_SECONDS ?? 20);
/** The server's own background work (job loops, SIP resync) measured with no requests, to subtract. */
const IDLE_SECONDS = Number(process.env.BENCH_FLEET_IDLE_SECONDS ?? 20);
const BEAT_SECONDS = 60;
const TARGET_PERCENT = 5;
const DB_NAME = 'sapa_bench_fleet';
const log = (msg: string) => process.stderr.write(`[bench:fleet] ${msg}\n`);

/** One desktop in ten is downloading a release (its progress moves); the rest are idle, as during a pilot roll-out. */
interface SimDesktop { token: string; beat: DesktopHeartbeat; downloading: boolean }

/** Users in four branches at two sites, one session each (written directly: no 2,000 argon2 sign-ins). */
async function seedFleet(client: pg.Client): Promise<SimDesktop[]> {
  await client.query(`INSERT INTO sites (code, name) VALUES ('jkt', 'Jakarta'), ('yog', 'Yogyakarta') ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO branches (code, name, site_code) VALUES
    ('Jakarta Pusat', 'Jakarta Pusat', 'jkt'), ('Jakarta Barat', 'Jakarta Barat', 'jkt'),
    ('Yogyakarta', 'Yogyakarta', 'yog'), ('Sleman', 'Sleman', 'yog') ON CONFLICT DO NOTHING`);
  const branches = ['Jakarta Pusat', 'Jakarta Barat', 'Yogyakarta', 'Sleman'];
  const desktops: SimDesktop[] = [];
  const users: unknown[][] = [];
  const sessions: unknown[][] = [];
  for (let i = 0; i < DESKTOPS; i++) {
    const userId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    users.push([userId, `bench.agent${i}`, `Bench Agent ${i}`, branches[i % branches.length]]);
    sessions.push([createHash('sha256').update(token).digest('hex'), userId]);
    desktops.push({
      token, downloading: i % 10 === 0,
      beat: {
        installId: randomUUID(), machineName: `BENCH-PC-${String(i).padStart(4, '0')}`, os: i % 10 === 0 ? 'mac' : 'windows',
        osVersion: 'Windows 11 Pro 10.0.22631', appVersion: i % 5 === 0 ? '1.5.0' : '1.4.2', electronVersion: '45.5.0',
        chromeVersion: '142.0.7444.52', updateState: null, cacheBytes: 100_000_000 + i, lastSyncAt: new Date().toISOString(),
      },
    });
  }
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await client.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, branch)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [chunk.map((u) => u[0]), chunk.map((u) => u[1]), chunk.map((u) => u[2]), chunk.map(() => 'agent'),
        chunk.map(() => 'not-a-password-hash'), chunk.map((u) => u[3])]);
    const s = sessions.slice(i, i + 500);
    await client.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) SELECT h, u, now() + interval '1 day'
         FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`,
      [s.map((x) => x[0]), s.map((x) => x[1])]);
  }
  return desktops;
}

/** `failure`: the status and error code of a refused beat, or the network error (so a failed run says why). */
interface BeatResult { ms: number; ok: boolean; failure?: string }

async function send(url: string, d: SimDesktop, beatNo: number): Promise<BeatResult> {
  // Each beat reports what moves: a sync a moment ago, a little more cache, a download's progress.
  // (The steady state of a fleet: what stays the same from beat to beat is most of it.)
  const body: DesktopHeartbeat = {
    ...d.beat, cacheBytes: (d.beat.cacheBytes ?? 0) + beatNo * 4096, lastSyncAt: new Date().toISOString(),
    updateState: d.downloading ? { phase: 'downloading', version: '1.5.0', percent: (beatNo * 7) % 100, source: 'sapa.example', at: new Date().toISOString() } : null,
  };
  const start = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 200) return { ms: performance.now() - start, ok: true };
    return { ms: performance.now() - start, ok: false, failure: `${res.status} ${text.slice(0, 120)}` };
  } catch (error) {
    return { ms: performance.now() - start, ok: false, failure: error instanceof Error ? `${error.message} ${String((error.cause as { code?: string } | undefined)?.code ?? '')}` : String(error) };
  }
}

/** How many beats failed in each way, e.g. {"503 {…}": 3}. */
function failures(done: BeatResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of done) if (!r.ok) counts[r.failure ?? '?'] = (counts[r.failure ?? '?'] ?? 0) + 1;
  return counts;
}

/** Sends `count` beats at `ratePerSecond`, on schedule, round-robin over the desktops. */
async function drive(url: string, desktops: SimDesktop[], count: number, ratePerSecond: number, firstBeat: number) {
  const results: Promise<BeatResult>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const d = desktops[i % desktops.length];
    if (d) results.push(send(url, d, firstBeat + Math.floor(i / desktops.length)));
  }
  const done = await Promise.all(results);
  return { done, seconds: (performance.now() - start) / 1000 };
}

async function getHealth(url: string): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return { ms: performance.now() - start, ok: res.ok };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

/** CPU ms the server spends per `GET /health` at `rate` a second over `seconds`. */
async function floorCpuMs(serverPid: number, healthUrl: string, rate: number, seconds: number): Promise<number> {
  const before = cpuSeconds(processTree(serverPid));
  const pending: Promise<unknown>[] = [];
  const count = Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(getHealth(healthUrl));
  }
  await Promise.all(pending);
  return (cpuSpent(before, cpuSeconds(processTree(serverPid))) / count) * 1000;
}

async function backendPids(client: pg.Client): Promise<number[]> {
  const res = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DB_NAME]);
  return res.rows.map((r) => r.pid);
}

async function main() {
  await ensureDatabase(DB_NAME, Number.MAX_SAFE_INTEGER, true); // always fresh: the fleet table starts empty
  const port = await freePort();
  log(`starting the server on PostgreSQL (${DB_NAME})…`);
  const server = await startProcess('src/server/main.ts', {
    DATABASE_URL: databaseUrl(DB_NAME), PORT: String(port), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  }, `http://127.0.0.1:${port}/api/v1/health`, 'server');
  const client = new pg.Client({ connectionString: databaseUrl(DB_NAME) });
  await client.connect();
  try {
    log(`seeding ${DESKTOPS} users with a session each…`);
    const desktops = await seedFleet(client);
    const url = `${server.url}/api/v1/devices/heartbeat`;
    const rate = DESKTOPS / BEAT_SECONDS;

    log('registering every desktop (not measured)…');
    const warm = await drive(url, desktops, DESKTOPS, Math.max(rate, 200), 0);
    const warmErrors = warm.done.filter((r) => !r.ok).length;
    if (warmErrors) throw new Error(`${warmErrors} registrations failed: ${JSON.stringify(failures(warm.done))}`);

    const serverPid = server.child.pid ?? 0;
    log(`measuring the idle server for ${IDLE_SECONDS} s…`);
    const idleBefore = cpuSeconds(processTree(serverPid));
    const idleStart = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idleCpu = cpuSpent(idleBefore, cpuSeconds(processTree(serverPid)));
    const idlePercent = Math.round((idleCpu / ((performance.now() - idleStart) / 1000)) * 100 * 100) / 100;

    const requests = Math.round(rate * WINDOW_SECONDS);
    log(`measuring ${requests} heartbeats over ${WINDOW_SECONDS} s (${rate.toFixed(1)}/s)…`);
    const serverPids = processTree(serverPid);
    const pgBefore = cpuSeconds(await backendPids(client));
    const serverBefore = cpuSeconds(serverPids);
    const run = await drive(url, desktops, requests, rate, 1);
    const serverAfter = cpuSeconds(processTree(serverPid));
    const pgAfter = cpuSeconds(await backendPids(client));

    log(`measuring the floor: GET /health at the same rate for ${FLOOR_SECONDS} s…`);
    const floorMs = await floorCpuMs(serverPid, `${server.url}/api/v1/health`, rate, FLOOR_SECONDS);

    const serverCpu = cpuSpent(serverBefore, serverAfter);
    const pgCpu = cpuSpent(pgBefore, pgAfter);
    const [{ n } = { n: '0' }] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM desktops')).rows;
    const [{ a } = { a: '0' }] = (await client.query<{ a: string }>('SELECT count(*) AS a FROM audit_log')).rows;
    const pct = (cpu: number) => Math.round((cpu / run.seconds) * 100 * 100) / 100;
    const serverPercent = pct(serverCpu);
    const result = {
      bench: 'fleet-heartbeat',
      desktops: DESKTOPS,
      beatSeconds: BEAT_SECONDS,
      windowSeconds: Math.round(run.seconds * 10) / 10,
      requests: run.done.length,
      errors: run.done.filter((r) => !r.ok).length,
      failures: failures(run.done),
      requestsPerSecond: Math.round((run.done.length / run.seconds) * 10) / 10,
      latencyMs: percentiles(run.done.map((r) => r.ms)),
      serverCpuSeconds: Math.round(serverCpu * 100) / 100,
      serverCpuPercentOfOneCore: serverPercent,
      /** The budget at 5 % of one core and 33.3 beats/s is 1.5 ms a beat. */
      serverCpuMsPerHeartbeat: Math.round((serverCpu / Math.max(1, run.done.length)) * 1000 * 1000) / 1000,
      /** What a request that touches no database (GET /health) costs the server here: the machine's floor. */
      healthRouteCpuMsPerRequest: Math.round(floorMs * 1000) / 1000,
      serverIdleCpuPercentOfOneCore: idlePercent,
      /** What the heartbeats add: the window's server CPU less the idle server's. */
      heartbeatCpuPercentOfOneCore: Math.round((serverPercent - idlePercent) * 100) / 100,
      postgresBackendCpuPercentOfOneCore: pct(pgCpu),
      serverAndPostgresCpuPercentOfOneCore: pct(serverCpu + pgCpu),
      targetServerCpuPercent: TARGET_PERCENT,
      /**
       * The fleet's cost is what the heartbeats add to the server (the idle server's own
       * timers run with or without a fleet); serverCpuPercentOfOneCore above is the total.
       */
      withinTarget: serverPercent - idlePercent < TARGET_PERCENT,
      desktopRows: Number(n),
      auditRows: Number(a),
      serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
      nproc: os.availableParallelism(),
      loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await client.end();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
