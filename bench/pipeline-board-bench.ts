// `npm run bench:pipeline`: loading the pipeline board (GET /sales/opportunities/board, the
// real server over HTTP on real PostgreSQL) with 50 000 opportunities across 5 stages, 40
// reps in 2 teams: as an admin (everyone's), as a sales manager (a team of 20) and as a rep
// (their own ~1 250). One load = each column's count, value, weighted value and first 50
// cards. Prints one JSON object (progress on stderr). Target: p95 ≤ 200 ms.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startServer } from '../src/server/app.js';
import { createSession } from '../src/server/auth/sessions.js';
import { API_PREFIX } from '../src/shared/http.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles } from './stats.js';

const OPPORTUNITIES = Number(process.env.BENCH_PIPELINE_OPPORTUNITIES ?? 50_000);
const LOADS = Number(process.env.BENCH_PIPELINE_LOADS ?? 200);
const REPS = 40;
const TARGET_P95_MS = 200;
const DB_NAME = 'sapa_bench_pipeline';
const log = (msg: string) => process.stderr.write(`[bench:pipeline] ${msg}\n`);

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, 0, true);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME), seedDemo: { customers: 2_000, interactionsMean: 0, seed: 18 } });
  const db = server.db;
  try {
    log(`seeding ${REPS} reps in 2 teams and ${OPPORTUNITIES} opportunities…`);
    const managers: string[] = [randomUUID(), randomUUID()];
    const teams: string[] = [randomUUID(), randomUUID()];
    for (let t = 0; t < 2; t++) {
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'sales_manager', 'x')`,
        [managers[t]!, `bmgr${t}`, `Manajer ${t}`]);
      await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [teams[t]!, `Bench sales ${t}`, managers[t]!]);
    }
    const reps: string[] = [];
    for (let i = 0; i < REPS; i++) {
      const id = randomUUID();
      reps.push(id);
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash, team_id) VALUES ($1, $2, $3, 'sales_rep', 'x', $4)`,
        [id, `brep${i}`, `Sales ${i}`, teams[i % 2]!]);
    }
    const t0 = performance.now();
    await db.query(
      `INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, products, owner_id)
       SELECT gen_random_uuid(), 'OPP-B' || lpad(g::text, 6, '0'), c.ids[1 + (g % array_length(c.ids, 1))], 'Peluang ' || g,
              (ARRAY['qualify', 'propose', 'negotiate', 'won', 'lost'])[1 + ((g / $3::int) % 5)], 1000000 + (g * 7919) % 250000000,
              current_date + ((g % 240) - 60), '[{"code": "FIBER-100", "quantity": 1}]'::jsonb, r.ids[1 + (g % array_length(r.ids, 1))]
       FROM generate_series(1, $1::int) g,
            (SELECT array_agg(id) AS ids FROM customers) c,
            (SELECT $2::uuid[] AS ids) r`, [OPPORTUNITIES, reps, REPS]); // stage by g / REPS, rep by g % REPS: every rep in every stage
    // As autovacuum leaves a table at rest (the visibility map lets the totals read only the index).
    await db.query('VACUUM ANALYZE opportunities');
    const seedMs = performance.now() - t0;
    const [admin] = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
    const tokens = {
      admin: (await createSession(db, admin!.id, 3_600_000)).token,
      manager: (await createSession(db, managers[0]!, 3_600_000)).token,
      rep: (await createSession(db, reps[0]!, 3_600_000)).token,
    };
    const figures: Record<string, unknown> = {
      bench: 'pipeline-board', machine: { cores: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10) }, opportunities: OPPORTUNITIES, loadsPerCaller: LOADS,
      seedMs: Math.round(seedMs), seedRowsPerSec: Math.round(OPPORTUNITIES / (seedMs / 1000)), targetP95Ms: TARGET_P95_MS,
    };
    for (const [who, token] of Object.entries(tokens)) {
      const url = `${server.url}${API_PREFIX}/sales/opportunities/board?owner=team`;
      for (let i = 0; i < 10; i++) await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(); // warm-up
      const samples: number[] = [];
      let cards = 0;
      let counted = 0;
      for (let i = 0; i < LOADS; i++) {
        const start = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const body = await res.json() as { columns: { count: number; cards: unknown[] }[] };
        samples.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`board answered ${res.status}`);
        cards = body.columns.reduce((n, c) => n + c.cards.length, 0);
        counted = body.columns.reduce((n, c) => n + c.count, 0);
      }
      const p = percentiles(samples);
      figures[who] = { ...p, opportunitiesInScope: counted, cardsPerLoad: cards, loadsPerSec: Math.round(1000 / (samples.reduce((a, b) => a + b, 0) / samples.length)) };
      log(`${who}: p95 ${p.p95.toFixed(1)} ms over ${counted} opportunities`);
    }
    figures.meetsTarget = ['admin', 'manager', 'rep'].every((w) => (figures[w] as { p95: number }).p95 <= TARGET_P95_MS);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

await main();
