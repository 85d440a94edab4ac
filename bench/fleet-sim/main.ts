// `npm run bench:fleet-sim [-- --minutes 10 --desktops 2000 --rate 5]`: the fleet
// simulator (issue 16, item 5). N lightweight desktops in a few worker processes
// (desktop-worker.ts) sign in as real agent users, hold the live WebSocket and pull their
// working sets with their own cursors, while writers push notes, wrap-ups and case changes
// across the branches at a set rate (writer.ts). Measured over the writing window:
//   - for each write, the time until every desktop whose scope holds it (oracle.ts) had it
//     from a pull (p50/p95/p99; target p95 ≤ 1 s), deliveries missed, stray pokes (pokes
//     to a desktop that holds none of the rows written just before; target 0);
//   - the server's CPU (its Node process tree and every PostgreSQL backend of its database,
//     from /proc) in cores (target ≤ 1), its RSS, pulls/s and pokes/s;
//   - the simulator's own CPU, separately (it runs on the same machine).
// Other options: --branches 40, --customers 40000, --workers 3, --interval 15 (s, the
// desktop's periodic pull), --queue-agents 50, --fresh (rebuild the database).
// Prints one JSON object on stdout; progress on stderr.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startProcess, freePort } from '../../tests/e2e/support/processes.js';
import { cpuSeconds, processTree } from '../proc-cpu.js';
import { percentiles } from '../stats.js';
import { reachFigures, type Reach } from './figures.js';
import { holders, customerOfRow } from './oracle.js';
import { type FromWorker, type ToWorker } from './protocol.js';
import { FLEET_PASSWORD, agentName, prepareFleetDatabase } from './seed.js';
import { createWriter, type WriteRecord } from './writer.js';

const log = (m: string): void => { process.stderr.write(`[bench:fleet-sim] ${new Date().toISOString().slice(11, 19)} ${m}\n`); };
const { values: opt } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' }, desktops: { type: 'string', default: '2000' }, rate: { type: 'string', default: '5' },
    branches: { type: 'string', default: '40' }, customers: { type: 'string', default: '40000' }, workers: { type: 'string', default: '3' },
    interval: { type: 'string', default: '15' }, 'queue-agents': { type: 'string', default: '50' }, fresh: { type: 'boolean', default: false },
  },
});
const MINUTES = Number(opt.minutes);
const DESKTOPS = Number(opt.desktops);
const RATE = Number(opt.rate);
const BRANCHES = Number(opt.branches);
const WORKERS = Math.max(1, Number(opt.workers));
const INTERVAL_MS = Number(opt.interval) * 1000;
const DB_NAME = process.env.BENCH_FLEET_SIM_DB ?? 'sapa_bench_fleetsim';
/** After the last write: how long the desktops may take to receive it (beyond that it is missed). */
const GRACE_MS = 20_000;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function rssKb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0); } catch { /* ended */ }
  }
  return kb;
}

/** CPU of a changing set of processes over a window: each pid from its first reading (0 when it started in the window) to its last. */
class CpuMeter {
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  constructor(private pids: () => Promise<number[]> | number[], private started = false) {}
  async sample(): Promise<void> {
    for (const [pid, s] of cpuSeconds(await this.pids())) {
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : s);
      this.last.set(pid, s);
    }
    this.started = true;
  }
  seconds(): number {
    let t = 0;
    for (const [pid, s] of this.last) t += s - (this.first.get(pid) ?? 0);
    return t;
  }
}

async function main(): Promise<void> {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const shape = { customers: Number(opt.customers), desktops: DESKTOPS, branches: BRANCHES, queueAgents: Number(opt['queue-agents']), interactionsMean: 4 };
  const url = await prepareFleetDatabase(DB_NAME, shape, opt.fresh, log);
  const port = await freePort();
  log('starting the server…');
  const server = await startProcess('src/server/main.ts', {
    DATABASE_URL: url, PORT: String(port), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  }, `http://127.0.0.1:${port}/api/v1/health`, 'server');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The CPU sampler's own connection (the oracle keeps `client` busy).
  const meter = new pg.Client({ connectionString: url });
  await meter.connect();
  const workers: ChildProcess[] = [];
  try {
    const [{ head } = { head: 0 }] = (await client.query<{ head: number }>(
      `SELECT GREATEST((SELECT max(version) FROM interactions), (SELECT max(version) FROM customers), (SELECT max(version) FROM users),
         (SELECT max(version) FROM scope_members), (SELECT max(version) FROM notes), (SELECT max(version) FROM cases))::bigint::float8 AS head`)).rows;
    const userIdx = new Map((await client.query<{ id: string; username: string }>(
      "SELECT id::text, username FROM users WHERE username LIKE 'fleet.agent%'")).rows.map((u) => [u.id, Number(u.username.slice('fleet.agent'.length))]));

    // Desktops, spread over the workers.
    const reach: Reach = { seen: new Map(), pokes: [] };
    const watched = new Set<string>();
    let pulls = 0;
    let emptyPokePulls = 0;
    const pullMs: number[] = [];
    const errors: Record<string, number> = {};
    const done: { idx: number; rows: number; hash: number }[] = [];
    let counting = false;
    const ready: Promise<{ signedInMs: number; liveMs: number }>[] = [];
    const finished: Promise<void>[] = [];
    for (let w = 0; w < WORKERS; w += 1) {
      const child = fork(path.join(import.meta.dirname, 'desktop-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(child);
      ready.push(new Promise((resolve, reject) => {
        child.on('message', (m: FromWorker) => {
          if (m.type === 'ready') resolve(m);
          else if (m.type === 'failed') reject(new Error(m.error));
          else if (m.type === 'events') {
            for (const [d, id, t] of m.seen) {
              if (!watched.has(id)) continue;
              let got = reach.seen.get(id);
              if (!got) reach.seen.set(id, (got = new Map()));
              if (!got.has(d)) got.set(d, t);
            }
            if (counting) {
              reach.pokes.push(...m.pokes);
              pulls += m.pulls;
              emptyPokePulls += m.emptyPulls;
              pullMs.push(...m.pullMs);
              for (const [k, v] of Object.entries(m.errors)) errors[k] = (errors[k] ?? 0) + v;
            }
          }
        });
        child.on('exit', (code) => { if (code) reject(new Error(`worker ${w} exited ${code}`)); });
      }));
      finished.push(new Promise((resolve) => {
        child.on('message', (m: FromWorker) => { if (m.type === 'done') { done.push(...m.desktops); resolve(); } });
        child.on('exit', () => resolve());
      }));
      const mine = Array.from({ length: DESKTOPS }, (_, i) => i).filter((i) => i % WORKERS === w);
      const start: ToWorker = {
        type: 'start', url: server.url, password: FLEET_PASSWORD, cursor: head,
        desktops: mine.map((idx) => ({ idx, username: agentName(idx) })), intervalMs: INTERVAL_MS, loginConcurrency: 2,
      };
      child.send(start);
    }
    log(`signing in ${DESKTOPS} desktops in ${WORKERS} workers (argon2id on the server) and opening their live sockets…`);
    const t0 = performance.now();
    const readies = await Promise.all(ready);
    const signInSeconds = (performance.now() - t0) / 1000;
    log(`all signed in and live in ${round(signInSeconds, 1)} s; writers signing in…`);
    const writer = await createWriter(server.url, client, BRANCHES);
    for (const c of workers) c.send({ type: 'go' } satisfies ToWorker);
    // Let the first pulls (each desktop's at login) settle before measuring.
    await new Promise((r) => setTimeout(r, Math.min(INTERVAL_MS, 15_000)));

    const serverPid = server.child.pid ?? 0;
    const mine = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const meterPid = (await meter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const serverCpu = new CpuMeter(() => processTree(serverPid));
    const pgCpu = new CpuMeter(async () => (await meter.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> ALL ($2::int[])', [DB_NAME, [mine, meterPid]])).rows.map((r) => r.pid));
    const simCpu = new CpuMeter(() => workers.flatMap((c) => processTree(c.pid ?? 0)));
    const ownBefore = process.cpuUsage();
    const rss: number[] = [];
    const sampleAll = async () => {
      await serverCpu.sample(); await pgCpu.sample(); await simCpu.sample();
      rss.push(rssKb(processTree(serverPid)));
    };
    await sampleAll();
    const sampler = setInterval(() => void sampleAll(), 5_000);
    counting = true;
    const w0 = performance.now();
    log(`writing ${RATE}/s over ${BRANCHES} branches for ${MINUTES} min…`);
    // The oracle runs as each write's answer comes back, on the bench's own connection (left out of the CPU figures).
    const oracle: Promise<void>[] = [];
    let progress = Date.now();
    const writes: WriteRecord[] = await writer.run(MINUTES * 60, RATE, (w) => watched.add(w.rowId), (w) => {
      if (!w.ok) return;
      oracle.push((async () => {
        const customer = w.customerId || await customerOfRow(client, w.rowId);
        w.customerId = customer ?? '';
        w.holders = customer ? (await holders(client, customer)).map((id) => userIdx.get(id)).filter((i): i is number => i !== undefined) : [];
      })());
      if (Date.now() - progress > 30_000) { progress = Date.now(); log(`${Math.round((performance.now() - w0) / 1000)} s, ${pulls} pulls, ${reach.pokes.length} pokes`); }
    });
    const windowSeconds = (performance.now() - w0) / 1000;
    await sampleAll();
    clearInterval(sampler);
    const ownCpu = process.cpuUsage(ownBefore);
    const pullsInWindow = pulls;
    const pokesInWindow = reach.pokes.length;
    await Promise.all(oracle);
    log(`writing done (${writes.length}); waiting up to ${GRACE_MS / 1000} s for the last deliveries…`);
    const expected = () => writes.reduce((n, w) => n + (w.holders?.filter((d) => !reach.seen.get(w.rowId)?.has(d)).length ?? 0), 0);
    const g0 = Date.now();
    while (expected() > 0 && Date.now() - g0 < GRACE_MS) await new Promise((r) => setTimeout(r, 500));
    for (const c of workers) c.send({ type: 'stop' } satisfies ToWorker);
    await Promise.all(finished);

    const figures = reachFigures(writes, reach);
    const cores = (s: number) => round(s / windowSeconds, 3);
    const serverCores = cores(serverCpu.seconds());
    const pgCores = cores(pgCpu.seconds());
    const result = {
      bench: 'fleet-sim',
      nproc: os.availableParallelism(),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: readFileSync('/proc/loadavg', 'utf8').trim(),
      shape: { ...shape, workers: WORKERS, periodicPullSeconds: INTERVAL_MS / 1000, serverLogLevel: process.env.BENCH_LOG_LEVEL ?? 'info' },
      signIn: { seconds: round(signInSeconds, 1), perWorker: readies.map((r) => ({ signedInS: round(r.signedInMs / 1000, 1), liveS: round(r.liveMs / 1000, 1) })) },
      windowSeconds: round(windowSeconds, 1),
      writesPerSecond: round(writes.length / windowSeconds),
      ...figures,
      target: { allHoldersReachedP95Ms: 1000, strayPokes: 0, serverCores: 1 },
      pullsPerSecond: round(pullsInWindow / windowSeconds, 1),
      pokesPerSecond: round(pokesInWindow / windowSeconds, 1),
      pokesWithNothingNew: emptyPokePulls,
      pullRoundTripMs: percentiles(pullMs),
      serverCores: { node: serverCores, postgres: pgCores, total: round(serverCores + pgCores, 3) },
      serverCpuMsPerPull: round(((serverCpu.seconds() + pgCpu.seconds()) * 1000) / Math.max(1, pullsInWindow), 3),
      serverRssMb: { max: Math.round(Math.max(...rss) / 1024), end: Math.round((rss.at(-1) ?? 0) / 1024) },
      simulatorCores: { workers: cores(simCpu.seconds()), coordinator: cores((ownCpu.user + ownCpu.system) / 1e6) },
      desktopErrors: errors,
      desktopsWithRows: done.filter((d) => d.rows > 0).length,
      withinTarget: figures.allHoldersReachedMs.p95 <= 1000 && figures.strayPokes === 0 && serverCores + pgCores <= 1 && figures.missedDeliveries === 0,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const c of workers) if (c.exitCode === null) c.kill();
    await client.end();
    await meter.end();
    await server.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
