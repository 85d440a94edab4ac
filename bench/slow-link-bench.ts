// `npm run bench:slow-link`: agent1's first working-set sync through a branch line of
// 1 Mbit/s with 200 ms round trip (issue 16, item 4; docs/decisions/0028-slow-links.md).
// The server runs as its own process on a seeded database (BENCH_DB, default
// sapa_bench_slowlink: `npm run seed -- --customers 20000 --seed 42 --interactions-mean 10`
// with DATABASE_URL pointing at it), the line is the fault proxy in its own process
// (bench/slow-link-proxy.ts: one shared line per direction), and the desktop is a real core
// in this process (working set 50 000, live channel off so only the sync uses the line).
// Variants (BENCH_SLOW_VARIANTS, comma-separated): br+columns (this branch's desktop),
// gzip+rows (an older desktop, whose fetch asks gzip, against this server), identity+rows
// (the landed code: nothing was compressed), identity+columns. For each: minutes to the
// end of the first sync, seconds to the priority rows (the first history pull asked),
// bytes on the wire both ways, rows applied, and the line's use (bytes down / capacity).
// Prints JSON with nproc and the load average. On the 100 000-customer bench database
// (BENCH_DB=sapa_bench_sync, as bench:working-set) the working set itself is measured; on a
// smaller one the figures are also scaled by rows to 474 000 (marked as extrapolated).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createCore } from '../src/main/core/index.js';
import { type WireFormat } from '../src/shared/sync-wire.js';
import { spawnServer } from '../tests/faults/processes.js';
import { freePort } from '../tests/faults/checks.js';
import { desktopKeyFor } from '../tests/support/desktop-key.js';
import { databaseUrl } from './databases.js';
import pg from 'pg';

const log = (msg: string) => process.stderr.write(`[bench:slow-link] ${msg}\n`);
const DB = process.env.BENCH_DB ?? 'sapa_bench_slowlink';
const BITS = Number(process.env.BENCH_LINE_BITS ?? 1_000_000);
const RTT = Number(process.env.BENCH_LINE_RTT_MS ?? 200);
const VARIANTS = (process.env.BENCH_SLOW_VARIANTS ?? 'br+columns,gzip+rows,identity+columns,identity+rows').split(',');
const AGENT1 = '00000000-0000-4000-8000-00000000a001';
/** agent1's working set on the 100 000-customer bench database (bench:working-set, issue 16). */
const FULL_SCOPE_ROWS = 474_000;

interface Line { port: number; stats(): Promise<Record<string, number>>; close(): Promise<void> }

async function startLine(upstream: number): Promise<Line> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/slow-link-proxy.ts', String(upstream), String(BITS), String(RTT)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const ready = await next();
  return {
    port: Number(ready.split(' ')[1]),
    async stats() {
      const answer = next();
      child.stdin!.write('stats\n');
      return JSON.parse(await answer) as Record<string, number>;
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.end();
      await exited;
    },
  };
}

async function variant(serverPort: number, name: string): Promise<Record<string, unknown>> {
  const [encoding, wire] = name.split('+') as [string, WireFormat];
  const line = await startLine(serverPort);
  const dir = await mkdtemp(join(tmpdir(), 'sapa-slowlink-'));
  const core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [`http://127.0.0.1:${line.port}`], appVersion: 'bench',
    host: 'browser', systemLocale: 'id-ID', workingSetLimit: 50_000, live: false, syncIntervalSeconds: 3600,
    syncTimeoutSeconds: 180, pullWire: wire, acceptEncoding: encoding === 'gzip' ? 'gzip, deflate' : encoding,
  });
  try {
    log(`${name}: first sync through ${BITS / 1e6} Mbit/s, ${RTT} ms round trip`);
    const t0 = performance.now();
    await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    let priorityMs: number | null = null;
    let status = await core.call('sync.status', {});
    for (;;) {
      if (priorityMs === null && ((await line.stats()).firstPullIndex ?? -1) >= 0) priorityMs = performance.now() - t0;
      status = await core.call('sync.status', {});
      if (status.state === 'error') throw new Error(status.lastError ?? 'sync error');
      if (status.state === 'idle' && status.headVersion !== null && status.cursor >= status.headVersion) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - t0) / 1000;
    const s = await line.stats();
    const rows = status.rowsApplied;
    return {
      variant: name, encoding, wire, minutes: Number((seconds / 60).toFixed(2)), seconds: Number(seconds.toFixed(1)),
      priorityRowsSeconds: priorityMs === null ? null : Number((priorityMs / 1000).toFixed(1)),
      bytesDown: s.bytesDown, bytesUp: s.bytesUp, requests: s.requests, rowsApplied: rows, cachedCustomers: status.cachedCustomers,
      bytesPerRow: Number(((s.bytesDown ?? 0) / Math.max(1, rows)).toFixed(1)),
      lineUse: Number((((s.bytesDown ?? 0) * 8) / (BITS * seconds)).toFixed(2)),
      megabytesDown: Number(((s.bytesDown ?? 0) / 1e6).toFixed(1)),
      // A smaller database's figure scaled by rows (line-bound, so linear); on the
      // 100 000-customer database the working set itself was measured and nothing is scaled.
      ...(rows < 0.9 * FULL_SCOPE_ROWS ? {
        extrapolatedTo474kRows: {
          minutes: Number(((seconds / 60) * (FULL_SCOPE_ROWS / Math.max(1, rows))).toFixed(1)),
          megabytesDown: Number((((s.bytesDown ?? 0) / 1e6) * (FULL_SCOPE_ROWS / Math.max(1, rows))).toFixed(1)),
        },
      } : { measuredOnTheFullWorkingSet: true }),
    };
  } finally {
    await core.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await line.close();
  }
}

// agent1's scope as in bench:working-set.
const admin = new pg.Client({ connectionString: databaseUrl(DB) });
await admin.connect();
await admin.query(`UPDATE users SET branch = 'Jakarta Pusat', queues = ARRAY['billing', 'network'] WHERE id = $1`, [AGENT1]);
const [{ n: customers } = { n: 0 }] = (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')).rows;
await admin.end();
process.env.LOG_LEVEL ??= 'warn';
const server = await spawnServer(databaseUrl(DB), await freePort());
const results: Record<string, unknown>[] = [];
try {
  for (const name of VARIANTS) results.push(await variant(Number(new URL(server.url).port), name.trim()));
} finally {
  await server.kill();
}
process.stdout.write(`${JSON.stringify({
  slowLink: {
    nproc: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), database: DB, totalCustomers: customers,
    line: { bitsPerSecond: BITS, roundTripMs: RTT }, results,
    note: `measured on ${customers} customers; where present, extrapolatedTo474kRows scales minutes and bytes by rows to agent1's working set on 100 000 customers (line-bound, so linear) and is not a measurement`,
  },
}, null, 2)}\n`);
process.exit(0);
