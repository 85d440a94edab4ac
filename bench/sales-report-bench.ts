// `npm run bench:sales-report`: the yearly sales report (docs/reports.md, "Sales
// report") on a generated year — BENCH_SALES_CLOSED opportunities closed won or lost in 2025,
// BENCH_SALES_OPEN open ones, BENCH_SALES_VISITS visits and BENCH_SALES_COSTS costs by 200
// reps in 20 teams, inserted into the record tables so the triggers note them — then the
// first fold (every day of the year rebuilt at once, as after the migration on a full
// database) and p50/p95/p99 of runReport for 2025 compared with 2024, each run catching up
// first (today's pipeline rewritten from the open opportunities). One JSON object on stdout.
// The database (sapa_bench_sales) is made afresh and dropped at the end.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServer } from '../src/server/app.js';
import { foldSales } from '../src/server/reports/sales-rollup.js';
import { runReport } from '../src/server/reports/run.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles } from './stats.js';

const DB_NAME = 'sapa_bench_sales';
const CLOSED = Number(process.env.BENCH_SALES_CLOSED ?? 500_000);
const OPEN = Number(process.env.BENCH_SALES_OPEN ?? 20_000);
const VISITS = Number(process.env.BENCH_SALES_VISITS ?? 500_000);
const COSTS = Number(process.env.BENCH_SALES_COSTS ?? 500_000);
const SAMPLES = Number(process.env.BENCH_SALES_SAMPLES ?? 10);
const log = (msg: string) => process.stderr.write(`[bench:sales-report] ${msg} (load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
/** Row i of n spread evenly over 2025 (Jakarta). */
const SPREAD = `timestamptz '2024-12-31 17:00:00+00' + (i * (31536000.0 / $1)) * interval '1 second'`;

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, 0, true);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME) });
  const db = server.db;
  const out: Record<string, unknown> = { cpus: os.cpus().length, closed: CLOSED, open: OPEN, visits: VISITS, costs: COSTS };
  try {
    const t0 = performance.now();
    await db.query(`INSERT INTO teams (id, name) SELECT gen_random_uuid(), 'Bench sales ' || i FROM generate_series(1, 20) i`);
    await db.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, team_id)
       SELECT gen_random_uuid(), 'bench-rep-' || i, 'Bench Rep ' || i, 'sales_rep', 'x', (SELECT id FROM teams ORDER BY name OFFSET (i % 20) LIMIT 1)
         FROM generate_series(1, 200) i`);
    await db.query(`INSERT INTO customers (id, customer_no, full_name, branch, tier, vvip, search_terms)
                    VALUES (gen_random_uuid(), 'R0000001', 'Pelanggan', 'Jakarta Pusat', 'regular', false, '{}')`);
    const reps = `WITH r AS (SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE 'bench-rep-%'), c AS (SELECT id FROM customers LIMIT 1)`;
    await db.query(
      `${reps} INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, owner_id, closed_at, created_at)
       SELECT gen_random_uuid(), 'B-' || i, c.id, 'Bench', CASE WHEN i % 3 = 0 THEN 'lost' ELSE 'won' END, 1000000 + (i::bigint * 7919) % 100000000,
              '2025-12-31', r.ids[1 + i % 200], t, t - interval '30 days'
         FROM r, c, generate_series(1, $1::int) i, LATERAL (SELECT ${SPREAD} AS t) x`, [CLOSED]);
    await db.query(
      `${reps} INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, owner_id)
       SELECT gen_random_uuid(), 'BO-' || i, c.id, 'Bench', (ARRAY['qualify', 'propose', 'negotiate'])[1 + i % 3], 1000000 + (i::bigint * 104729) % 100000000,
              '2026-12-31', r.ids[1 + i % 200]
         FROM r, c, generate_series(1, $1::int) i`, [OPEN]);
    await db.query(
      `${reps} INSERT INTO sales_visits (id, owner_id, customer_id, purpose, planned_start, planned_end, status)
       SELECT gen_random_uuid(), r.ids[1 + i % 200], c.id, 'Bench', t, t + interval '1 hour', (ARRAY['planned', 'checked_in', 'done', 'done', 'cancelled'])[1 + i % 5]
         FROM r, c, generate_series(1, $1::int) i, LATERAL (SELECT ${SPREAD} AS t) x`, [VISITS]);
    await db.query(
      `${reps} INSERT INTO sales_costs (id, owner_id, budget, category, amount_idr, spent_on)
       SELECT gen_random_uuid(), r.ids[1 + i % 200], CASE WHEN i % 2 = 0 THEN 'prospecting' ELSE 'cost' END, 'transport', 10000 + i % 500000,
              ((${SPREAD}) + interval '7 hours')::date
         FROM r, generate_series(1, $1::int) i`, [COSTS]);
    out.generateSeconds = Math.round((performance.now() - t0) / 1000);
    log('generated');
    for (const t of ['opportunities', 'sales_visits', 'sales_costs', 'report_sales_changes']) await db.query(`VACUUM ANALYZE ${t}`);
    const t1 = performance.now();
    out.firstFold = { days: await foldSales(db, new Date()), seconds: Math.round((performance.now() - t1) / 100) / 10 };
    log(`first fold ${JSON.stringify(out.firstFold)}`);
    await db.query('VACUUM ANALYZE report_sales_daily');
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const s = performance.now();
      await runReport(db, 'sales', { period: '2025', compare: 'previous', language: 'id' }, new Date());
      samples.push(performance.now() - s);
    }
    const [rows] = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_sales_daily');
    out.salesDailyRows = Number(rows?.n ?? 0);
    out.salesYearly = { ...percentiles(samples), targetMs: 3000, loadAvg: os.loadavg() };
  } finally {
    await server.close();
    const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
