// `npm run bench:reports`: the yearly service and complaints reports on a generated year of
// data (BENCH_REPORT_CALLS calls straight into report_calls, the rollup's source, and
// BENCH_REPORT_CASES cases, with generate_series; both rollups then built by their own
// rebuild functions), answered from the daily rollups: p50/p95/p99 of runReport for 2025
// (target ≤ 3 s). Then a drill-down XLSX of BENCH_REPORT_XLSX_ROWS calls streamed to a file
// with the real writer and keyset reader, with peak RSS sampled every 50 ms (flat memory:
// the peak does not grow with the rows; the RSS every 100 k rows is the curve). One JSON
// object on stdout. The data set is kept in sapa_bench_reports and reused by later runs
// (resumable stage by stage); `--fresh` regenerates it.
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer } from '../src/server/app.js';
import { rebuildCaseDays } from '../src/server/reports/complaints-report.js';
import { writeDrillFile } from '../src/server/reports/exports.js';
import { runReport } from '../src/server/reports/run.js';
import { SERVICE_DRILL_COLUMNS, serviceDrillAll } from '../src/server/reports/service-report.js';
import { rebuildServiceDays } from '../src/server/reports/service-rollup.js';
import { parsePeriodKey, periodDays } from '../src/shared/report-periods.js';
import { type Db } from '../src/server/db/db.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles } from './stats.js';

const DB_NAME = process.env.BENCH_REPORT_DB ?? 'sapa_bench_reports';
const CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 20_000_000);
const CASES = Number(process.env.BENCH_REPORT_CASES ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_REPORT_XLSX_ROWS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_REPORT_SAMPLES ?? 10);
const CHUNK = 1_000_000;
const CURVE_STEP = Math.max(5_000, Math.floor(XLSX_ROWS / 20));
const FRESH = process.argv.includes('--fresh');
const log = (msg: string) => process.stderr.write(`[bench:reports] ${msg} (load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);

// report_calls' indexes, dropped for the bulk load and built once after it (as pg_restore
// does): keeping a random-uuid primary key and four b-trees up to date row by row is what
// stalled the earlier runs once the indexes outgrew shared_buffers.
const CALL_INDEXES = [
  'ALTER TABLE report_calls ADD CONSTRAINT report_calls_pkey PRIMARY KEY (task_id)',
  'CREATE INDEX report_calls_day ON report_calls (day)',
  'CREATE INDEX report_calls_team_day ON report_calls (team_id, day)',
  'CREATE INDEX report_calls_agent_day ON report_calls (agent_id, day)',
  'CREATE INDEX report_calls_ended ON report_calls (ended_wait_at, task_id)',
];

/**
 * The load is resumable: each stage records its progress in bench_progress in the same
 * transaction as its rows, so an interrupted run picks up at the next chunk and a finished
 * data set is reused (only the timings run again). `--fresh` starts from an empty database.
 */
async function progress(db: Db, stage: string): Promise<number> {
  const [row] = await db.query<{ done: string }>('SELECT done FROM bench_progress WHERE stage = $1', [stage]);
  return Number(row?.done ?? -1);
}
async function stage(db: Db, name: string, fn: (tx: Db) => Promise<void>, done = 1): Promise<void> {
  await db.transaction(async (tx) => {
    await fn(tx);
    await tx.query('INSERT INTO bench_progress (stage, done) VALUES ($1, $2) ON CONFLICT (stage) DO UPDATE SET done = $2', [name, done]);
  });
}

async function loadCalls(db: Db): Promise<Record<string, number>> {
  const t0 = performance.now();
  if (await progress(db, 'dims') < 1) {
    // 20 teams of 20 agents, 4 queues, 2 sites, 4 tiers: 640 dimension combinations a day at most.
    await stage(db, 'dims', async (tx) => {
      await tx.query(`INSERT INTO teams (id, name) SELECT gen_random_uuid(), 'Bench team ' || i FROM generate_series(1, 20) i`);
      await tx.query(
        `INSERT INTO users (id, username, display_name, role, password_hash, team_id)
         SELECT gen_random_uuid(), 'bench-agent-' || i, 'Bench Agent ' || i, 'agent', 'x', (SELECT id FROM teams ORDER BY name OFFSET (i % 20) LIMIT 1)
           FROM generate_series(1, 400) i`);
    });
  }
  let from = Math.max(0, await progress(db, 'calls'));
  if (from < CALLS && await progress(db, 'callIndexes') < 1) {
    if (from === 0) {
      await db.query('ALTER TABLE report_calls DROP CONSTRAINT IF EXISTS report_calls_pkey');
      for (const ix of ['report_calls_day', 'report_calls_team_day', 'report_calls_agent_day', 'report_calls_ended']) await db.query(`DROP INDEX IF EXISTS ${ix}`);
    }
    for (; from < CALLS; from += CHUNK) {
      const n = Math.min(CHUNK, CALLS - from);
      // One year spread evenly; wait 0–59 s, handle 60–299 s, 1 in 12 abandoned, agents round-robin.
      await stage(db, 'calls', (tx) => tx.query(
        `WITH a AS (SELECT array_agg(id ORDER BY username) AS ids, array_agg(team_id ORDER BY username) AS teams FROM users WHERE username LIKE 'bench-agent-%')
         INSERT INTO report_calls (task_id, day, ended_wait_at, queue_code, site_code, team_id, agent_id, tier, answered, wait_sec, handle_sec)
         SELECT gen_random_uuid(), (ts + interval '7 hours')::date, ts,
                (ARRAY['general', 'billing', 'network', 'vip'])[1 + i % 4], (ARRAY['jakarta', 'yogyakarta'])[1 + (i / 7) % 2],
                CASE WHEN i % 12 = 0 THEN NULL ELSE a.teams[1 + i % 400] END, CASE WHEN i % 12 = 0 THEN NULL ELSE a.ids[1 + i % 400] END,
                (ARRAY['platinum', 'gold', 'silver', 'regular'])[1 + (i / 3) % 4], i % 12 <> 0, (i * 7919) % 60,
                CASE WHEN i % 12 = 0 THEN NULL ELSE 60 + (i * 104729) % 240 END
           FROM a, generate_series($1::bigint, $2::bigint) i,
                LATERAL (SELECT timestamptz '2024-12-31 17:00:00+00' + (i * (31536000.0 / $3)) * interval '1 second' AS ts) t`,
        [from, from + n - 1, CALLS]).then(() => undefined), from + n);
      log(`calls ${from + n} / ${CALLS}`);
    }
  }
  const callsSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  if (await progress(db, 'callIndexes') < 1) {
    await stage(db, 'callIndexes', async (tx) => {
      await tx.query("SET LOCAL maintenance_work_mem = '512MB'");
      for (const ix of CALL_INDEXES) { await tx.query(ix); log(ix.slice(0, 60)); }
    });
  }
  const indexSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const days = periodDays(parsePeriodKey('2025'));
  const rolled = Math.max(0, await progress(db, 'serviceDays'));
  for (let i = rolled; i < days.length; i += 31) {
    await stage(db, 'serviceDays', (tx) => rebuildServiceDays(tx, days.slice(i, i + 31)), Math.min(days.length, i + 31));
    log(`service rollup ${Math.min(days.length, i + 31)} / ${days.length} days`);
  }
  return {
    callsSeconds: Math.round(callsSeconds), indexSeconds: Math.round(indexSeconds), serviceRollupSeconds: Math.round((performance.now() - t2) / 1000),
  };
}

async function loadCases(db: Db): Promise<Record<string, number>> {
  const t0 = performance.now();
  if (await progress(db, 'cases') < 1) {
    log('cases');
    await stage(db, 'cases', async (tx) => {
      await tx.query(
        `INSERT INTO customers (id, customer_no, full_name, branch, tier, vvip, search_terms)
         SELECT gen_random_uuid(), 'R' || lpad(i::text, 7, '0'), 'Pelanggan ' || i, 'Jakarta Pusat', (ARRAY['platinum', 'gold', 'silver', 'regular'])[1 + i % 4], false, '{}'
           FROM generate_series(1, 20000) i`);
      await tx.query(
        `WITH c AS (SELECT array_agg(id) AS ids FROM customers)
         INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at, resolved_at, source_channel, reopened_count)
         SELECT gen_random_uuid(), 'B-' || i, c.ids[1 + (i * 31) % cardinality(c.ids)], (ARRAY['complaint', 'billing', 'technical', 'request'])[1 + i % 4], 'bench',
                'normal', CASE WHEN i % 5 = 0 THEN 'open' ELSE 'resolved' END, o, o + interval '24 hours',
                CASE WHEN i % 5 = 0 THEN NULL ELSE o + ((i % 48) || ' hours')::interval END,
                (ARRAY['phone', 'email', 'sms', 'letter'])[1 + (i / 4) % 4], CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END
           FROM c, generate_series(1, $1::int) i, LATERAL (SELECT timestamptz '2024-12-31 17:00:00+00' + (i * (31536000.0 / $1)) * interval '1 second' AS o) t`,
        [CASES]);
      const days = periodDays(parsePeriodKey('2025'));
      for (let i = 0; i < days.length; i += 31) await rebuildCaseDays(tx, days.slice(i, i + 31));
      // As after the first fold: the watermark stands at the newest case.
      await tx.query("UPDATE report_watermarks SET last_id = (SELECT COALESCE(max(version), 0) FROM cases) WHERE source = 'cases'");
    });
  }
  return { casesSeconds: Math.round((performance.now() - t0) / 1000) };
}

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, 0, FRESH);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME) });
  const db = server.db;
  const year = parsePeriodKey('2025');
  const out: Record<string, unknown> = { cpus: os.cpus().length, calls: CALLS, cases: CASES, loadAtStart: os.loadavg() };
  try {
    await db.query('CREATE TABLE IF NOT EXISTS bench_progress (stage text PRIMARY KEY, done bigint NOT NULL, params text)');
    const [params] = await db.query<{ params: string | null }>("SELECT params FROM bench_progress WHERE stage = 'params'");
    const want = `${CALLS}/${CASES}`;
    if (params && params.params !== want) throw new Error(`The bench database holds ${params.params ?? '?'} calls/cases; run with --fresh to regenerate ${want}`);
    await db.query("INSERT INTO bench_progress (stage, done, params) VALUES ('params', 1, $1) ON CONFLICT (stage) DO NOTHING", [want]);
    out.generate = { ...await loadCalls(db), ...await loadCases(db) };
    const [dailyRows] = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_service_daily');
    out.serviceDailyRows = Number(dailyRows?.n ?? 0);
    if (await progress(db, 'analyzed') < 1) {
      for (const t of ['report_calls', 'report_service_daily', 'report_cases_daily', 'cases']) await db.query(`VACUUM ANALYZE ${t}`);
      await stage(db, 'analyzed', async () => undefined);
    }

    const now = new Date();
    for (const report of ['service', 'complaints'] as const) {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const s = performance.now();
        await runReport(db, report, { period: '2025', compare: 'previous', language: 'id' }, now);
        samples.push(performance.now() - s);
      }
      out[`${report}Yearly`] = { ...percentiles(samples), targetMs: 3000, loadAvg: os.loadavg() };
      log(`${report} yearly: ${JSON.stringify(out[`${report}Yearly`])}`);
    }

    log('xlsx');
    const file = path.join(os.tmpdir(), `sapa-bench-drill-${process.pid}.xlsx`);
    let peak = 0;
    const curve: { rows: number; rssMb: number }[] = [];
    const base = process.memoryUsage().rss;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const t3 = performance.now();
    async function* limited() {
      let n = 0;
      for await (const chunk of serviceDrillAll(db, year, 'byQueue', 'general', null, 'id')) {
        const take = chunk.slice(0, XLSX_ROWS - n);
        n += take.length;
        yield take;
        if (n % CURVE_STEP < take.length) curve.push({ rows: n, rssMb: Math.round(process.memoryUsage().rss / 1e6) });
        if (n >= XLSX_ROWS) return;
      }
    }
    const rows = await writeDrillFile('xlsx', SERVICE_DRILL_COLUMNS, limited(), 'id', createWriteStream(file));
    const seconds = (performance.now() - t3) / 1000;
    clearInterval(timer);
    out.xlsx = {
      rows, seconds: Math.round(seconds * 10) / 10, rowsPerSec: Math.round(rows / seconds), bytes: (await stat(file)).size,
      rssBeforeMb: Math.round(base / 1e6), peakRssMb: Math.round(peak / 1e6), rssCurve: curve, loadAvg: os.loadavg(),
    };
    await unlink(file);
  } finally {
    await server.close();
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
