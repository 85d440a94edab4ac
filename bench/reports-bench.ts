// `npm run bench:reports`: the yearly service and complaints reports on a generated year of
// data (BENCH_REPORT_CALLS calls straight into report_calls, the rollup's source, and
// BENCH_REPORT_CASES cases, with generate_series; both rollups then built by their own
// rebuild functions), answered from the daily rollups: p50/p95/p99 of runReport for 2025
// (target ≤ 3 s). Then a drill-down XLSX of BENCH_REPORT_XLSX_ROWS calls streamed to a file
// with the real writer and keyset reader, with peak RSS sampled every 50 ms (flat memory:
// the peak does not grow with the rows). One JSON object on stdout.
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
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles } from './stats.js';

const DB_NAME = 'sapa_bench_reports';
const CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 20_000_000);
const CASES = Number(process.env.BENCH_REPORT_CASES ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_REPORT_XLSX_ROWS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_REPORT_SAMPLES ?? 10);
const CHUNK = 1_000_000;
const log = (msg: string) => process.stderr.write(`[bench:reports] ${msg}\n`);

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, Number.MAX_SAFE_INTEGER, true);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME) });
  const db = server.db;
  const year = parsePeriodKey('2025');
  const out: Record<string, unknown> = { cpus: os.cpus().length, calls: CALLS, cases: CASES };
  try {
    // 20 teams of 20 agents, 4 queues, 2 sites, 4 tiers: 640 dimension combinations a day at most.
    await db.query(`INSERT INTO teams (id, name) SELECT gen_random_uuid(), 'Bench team ' || i FROM generate_series(1, 20) i`);
    await db.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, team_id)
       SELECT gen_random_uuid(), 'bench-agent-' || i, 'Bench Agent ' || i, 'agent', 'x', (SELECT id FROM teams ORDER BY name OFFSET (i % 20) LIMIT 1)
         FROM generate_series(1, 400) i`);
    const t0 = performance.now();
    for (let from = 0; from < CALLS; from += CHUNK) {
      const n = Math.min(CHUNK, CALLS - from);
      // One year spread evenly; wait 0–59 s, handle 60–299 s, 1 in 12 abandoned, agents round-robin.
      await db.query(
        `WITH a AS (SELECT array_agg(id ORDER BY username) AS ids, array_agg(team_id ORDER BY username) AS teams FROM users WHERE username LIKE 'bench-agent-%')
         INSERT INTO report_calls (task_id, day, ended_wait_at, queue_code, site_code, team_id, agent_id, tier, answered, wait_sec, handle_sec)
         SELECT gen_random_uuid(), (ts + interval '7 hours')::date, ts,
                (ARRAY['general', 'billing', 'network', 'vip'])[1 + i % 4], (ARRAY['jakarta', 'yogyakarta'])[1 + (i / 7) % 2],
                CASE WHEN i % 12 = 0 THEN NULL ELSE a.teams[1 + i % 400] END, CASE WHEN i % 12 = 0 THEN NULL ELSE a.ids[1 + i % 400] END,
                (ARRAY['platinum', 'gold', 'silver', 'regular'])[1 + (i / 3) % 4], i % 12 <> 0, (i * 7919) % 60,
                CASE WHEN i % 12 = 0 THEN NULL ELSE 60 + (i * 104729) % 240 END
           FROM a, generate_series($1::bigint, $2::bigint) i,
                LATERAL (SELECT timestamptz '2024-12-31 17:00:00+00' + (i * (31536000.0 / $3)) * interval '1 second' AS ts) t`,
        [from, from + n - 1, CALLS]);
      log(`calls ${from + n} / ${CALLS}`);
    }
    const callsSec = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const days = periodDays(year);
    for (let i = 0; i < days.length; i += 31) await rebuildServiceDays(db, days.slice(i, i + 31));
    out.generate = { callsSeconds: Math.round(callsSec), callRowsPerSec: Math.round(CALLS / callsSec), serviceRollupSeconds: Math.round((performance.now() - t1) / 1000) };
    const [dailyRows] = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_service_daily');
    out.serviceDailyRows = Number(dailyRows?.n ?? 0);

    log('cases');
    await db.query(
      `INSERT INTO customers (id, customer_no, full_name, branch, tier, vvip, search_terms)
       SELECT gen_random_uuid(), 'R' || lpad(i::text, 7, '0'), 'Pelanggan ' || i, 'Jakarta Pusat', (ARRAY['platinum', 'gold', 'silver', 'regular'])[1 + i % 4], false, '{}'
         FROM generate_series(1, 20000) i`);
    const t2 = performance.now();
    await db.query(
      `WITH c AS (SELECT array_agg(id) AS ids FROM customers)
       INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at, resolved_at, source_channel, reopened_count)
       SELECT gen_random_uuid(), 'B-' || i, c.ids[1 + (i * 31) % cardinality(c.ids)], (ARRAY['complaint', 'billing', 'technical', 'request'])[1 + i % 4], 'bench',
              'normal', CASE WHEN i % 5 = 0 THEN 'open' ELSE 'resolved' END, o, o + interval '24 hours',
              CASE WHEN i % 5 = 0 THEN NULL ELSE o + ((i % 48) || ' hours')::interval END,
              (ARRAY['phone', 'email', 'sms', 'letter'])[1 + (i / 4) % 4], CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END
         FROM c, generate_series(1, $1::int) i, LATERAL (SELECT timestamptz '2024-12-31 17:00:00+00' + (i * (31536000.0 / $1)) * interval '1 second' AS o) t`,
      [CASES]);
    for (let i = 0; i < days.length; i += 31) await rebuildCaseDays(db, days.slice(i, i + 31));
    out.generateCasesSeconds = Math.round((performance.now() - t2) / 1000);
    // As after the first fold: the watermarks stand at the newest rows.
    await db.query("UPDATE report_watermarks SET last_id = (SELECT COALESCE(max(version), 0) FROM cases) WHERE source = 'cases'");
    await db.query('VACUUM ANALYZE report_service_daily');
    await db.query('VACUUM ANALYZE report_cases_daily');

    const now = new Date();
    for (const report of ['service', 'complaints'] as const) {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const s = performance.now();
        await runReport(db, report, { period: '2025', compare: 'previous', language: 'id' }, now);
        samples.push(performance.now() - s);
      }
      out[`${report}Yearly`] = { ...percentiles(samples), targetMs: 3000 };
      log(`${report} yearly: ${JSON.stringify(out[`${report}Yearly`])}`);
    }

    log('xlsx');
    const file = path.join(os.tmpdir(), `sapa-bench-drill-${process.pid}.xlsx`);
    let peak = 0;
    const base = process.memoryUsage().rss;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const t3 = performance.now();
    async function* limited() {
      let n = 0;
      for await (const chunk of serviceDrillAll(db, year, 'byQueue', 'general', null, 'id')) {
        const take = chunk.slice(0, XLSX_ROWS - n);
        n += take.length;
        yield take;
        if (n >= XLSX_ROWS) return;
      }
    }
    const rows = await writeDrillFile('xlsx', SERVICE_DRILL_COLUMNS, limited(), 'id', createWriteStream(file));
    const seconds = (performance.now() - t3) / 1000;
    clearInterval(timer);
    out.xlsx = {
      rows, seconds: Math.round(seconds * 10) / 10, rowsPerSec: Math.round(rows / seconds), bytes: (await stat(file)).size,
      rssBeforeMb: Math.round(base / 1e6), peakRssMb: Math.round(peak / 1e6),
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
