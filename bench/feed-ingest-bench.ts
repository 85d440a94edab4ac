// `npm run bench:feeds`: (1) 1 M invoice records through the integration API
// (POST /api/v1/integrations/invoices, BENCH_FEED_BATCH records a batch, BENCH_FEED_PARALLEL
// batches in flight) into PostgreSQL, records/s (target ≥ 20 000/s), and the same batches
// again (all unchanged: the idempotent path); (2) the collectors' ageing worklist
// (GET /api/v1/receivables/worklist) on those 1 M invoices, typical filters and a deep
// keyset page, p50/p95/p99 (target p95 ≤ 50 ms). One JSON object on stdout.
// The database `sapa_bench_feeds` is made fresh on every run (the ingest is what is measured).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startServer } from '../src/server/app.js';
import { createSession } from '../src/server/auth/sessions.js';
import { createKey } from '../src/server/integrations/keys.js';
import { API_PREFIX } from '../src/shared/http.js';
import { FeedResult } from '../src/shared/integrations.js';
import { WorklistPage } from '../src/shared/receivables.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles, pick, rng, timeEach } from './stats.js';

const DB_NAME = 'sapa_bench_feeds';
const INVOICES = Number(process.env.BENCH_FEED_INVOICES ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_FEED_CUSTOMERS ?? 100_000);
const BATCH = Number(process.env.BENCH_FEED_BATCH ?? 5_000);
const PARALLEL = Number(process.env.BENCH_FEED_PARALLEL ?? 2);
const SAMPLES = Number(process.env.BENCH_FEED_SAMPLES ?? 40);
/** 0 skips the machine's own limit (a plain INSERT of the same rows, no API, no triggers). */
const RAW = process.env.BENCH_FEED_RAW !== '0';
const BRANCHES = ['Jakarta Pusat', 'Bandung', 'Surabaya', 'Medan', 'Makassar', 'Semarang', 'Denpasar', 'Palembang'];
const log = (msg: string) => process.stderr.write(`[bench:feeds] ${msg}\n`);
const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function invoice(i: number, now: number) {
  // 239 (a prime): the due dates are not correlated with the customer (and so the branch) of an invoice.
  const issued = now - ((i * 7919) % 239) * DAY;
  const amount = 100_000 + ((i * 104_729) % 50) * 50_000;
  const paid = i % 3 === 0 ? amount : i % 3 === 1 ? Math.floor(amount / 4) : 0;
  return {
    invoiceNo: `INV-B-${i}`, customerExternalId: `EXT-${1 + (i % CUSTOMERS)}`, amountIdr: amount,
    issuedAt: dateOf(issued), dueDate: dateOf(issued + 14 * DAY),
    payments: paid ? [{ ref: `PAY-B-${i}`, amountIdr: paid, paidAt: dateOf(issued + 10 * DAY) }] : [],
  };
}

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, Number.MAX_SAFE_INTEGER, true);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME) });
  try {
    const db = server.db;
    log(`seeding ${CUSTOMERS} customers`);
    await db.query(
      `INSERT INTO customers (id, customer_no, external_id, full_name, branch, tier, vvip, search_terms)
       SELECT gen_random_uuid(), 'B' || lpad(i::text, 8, '0'), 'EXT-' || i, 'Pelanggan ' || i,
              ($2::text[])[1 + i % cardinality($2::text[])], (ARRAY['platinum', 'gold', 'silver', 'regular'])[1 + (i / 8) % 4], i % 50 = 0, '{}'
       FROM generate_series(1, $1::int) AS i`, [CUSTOMERS, BRANCHES]);
    const [admin] = await db.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name, role, password_hash)
       VALUES (gen_random_uuid(), 'bench-admin', 'Bench Admin', 'admin', 'x'), (gen_random_uuid(), 'bench-lead', 'Bench Lead', 'lead', 'x')
       RETURNING id`);
    const { key } = await createKey(db, { name: 'bench-billing', scopes: ['invoices'] }, admin?.id ?? '');
    const post = async (records: unknown[]): Promise<FeedResult> => {
      const res = await fetch(`${server.url}${API_PREFIX}/integrations/invoices`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-sapa-key': key }, body: JSON.stringify({ records }),
      });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      return FeedResult.parse(await res.json());
    };
    const now = Date.now();
    const ingest = async (label: string): Promise<{ seconds: number; recordsPerSec: number; inserted: number; updated: number; unchanged: number; rejected: number }> => {
      let next = 0;
      const totals = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
      const t0 = performance.now();
      const worker = async (): Promise<void> => {
        while (next < INVOICES) {
          const from = next;
          next += BATCH;
          const records = Array.from({ length: Math.min(BATCH, INVOICES - from) }, (_, k) => invoice(from + k, now));
          const r = await post(records);
          totals.inserted += r.inserted; totals.updated += r.updated; totals.unchanged += r.unchanged; totals.rejected += r.rejected.length;
          if ((from / BATCH) % 40 === 0) log(`${label}: ${from + records.length} / ${INVOICES}`);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      const seconds = (performance.now() - t0) / 1000;
      return { seconds: Math.round(seconds * 10) / 10, recordsPerSec: Math.round(INVOICES / seconds), ...totals };
    };
    const first = await ingest('first pass');
    log(`first pass: ${first.recordsPerSec} records/s`);
    const again = await ingest('same batches again');
    log(`same again: ${again.recordsPerSec} records/s`);
    // What autovacuum does after a million inserts (insert threshold): statistics and the
    // visibility map, which lets the worklist's covering index answer without the table.
    await db.query('VACUUM ANALYZE receivables');
    await db.query('VACUUM ANALYZE customers');

    // The worklist as a collector (a lead) uses it.
    const [lead] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'bench-lead'");
    const token = (await createSession(db, lead?.id ?? '', 3_600_000)).token;
    const get = async (query: string): Promise<WorklistPage> => {
      const res = await fetch(`${server.url}${API_PREFIX}/receivables/worklist?limit=50&${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      return WorklistPage.parse(await res.json());
    };
    const random = rng(7);
    const one = <T>(items: T[]): T => pick(items, 1, random)[0]!;
    const combos: { name: string; query: () => string; deep?: number }[] = [
      { name: 'all open, most overdue first', query: () => '' },
      { name: 'branch', query: () => `branch=${encodeURIComponent(one(BRANCHES))}` },
      { name: 'bucket 31–60', query: () => 'bucket=d31_60' },
      { name: 'bucket 1–30 + branch + platinum', query: () => `bucket=d1_30&tier=platinum&branch=${encodeURIComponent(one(BRANCHES))}` },
      { name: 'over 90 days, open ≥ Rp 2 000 000', query: () => 'bucket=d90_plus&minOpenIdr=2000000' },
      { name: 'current (not yet due) + gold', query: () => 'bucket=current&tier=gold' },
      { name: 'keyset page 20, branch', query: () => `branch=${encodeURIComponent(one(BRANCHES))}`, deep: 20 },
    ];
    const worklist: Record<string, ReturnType<typeof percentiles> & { rowsOnFirstPage: number }> = {};
    const all: number[] = [];
    for (const c of combos) {
      let rows = 0;
      await get(c.query());
      const samples = await timeEach(Array.from({ length: SAMPLES }, () => c.query()), async (query) => {
        let page = await get(query);
        rows = page.rows.length;
        for (let i = 1; i < (c.deep ?? 1) && page.nextCursor; i++) page = await get(`${query}&cursor=${encodeURIComponent(page.nextCursor)}`);
      });
      const perPage = c.deep ? samples.map((s) => s / c.deep!) : samples;
      all.push(...perPage);
      worklist[c.name] = { ...percentiles(perPage), rowsOnFirstPage: rows };
    }
    const t0 = performance.now();
    const totals = await fetch(`${server.url}${API_PREFIX}/receivables/totals`, { headers: { authorization: `Bearer ${token}` } });
    await totals.json();
    const totalsMs = Math.round(performance.now() - t0);
    // The machine's limit: the same rows straight into a table with the same indexes (no
    // HTTP, no validation, no triggers, no customer check), one plain INSERT … unnest per batch.
    let raw: { seconds: number; recordsPerSec: number } | null = null;
    if (RAW) {
      const byExt = new Map<string, string>();
      (await db.query<{ id: string; external_id: string }>('SELECT id, external_id FROM customers')).forEach((r) => byExt.set(r.external_id, r.id));
      await db.query('DROP TABLE IF EXISTS receivables_raw');
      await db.query('CREATE TABLE receivables_raw (LIKE receivables INCLUDING DEFAULTS INCLUDING INDEXES)');
      const t0 = performance.now();
      for (let from = 0; from < INVOICES; from += BATCH) {
        const recs = Array.from({ length: Math.min(BATCH, INVOICES - from) }, (_, k) => invoice(from + k, now));
        const paid = recs.map((r) => r.payments.reduce((a, p) => a + p.amountIdr, 0));
        await db.query(
          `INSERT INTO receivables_raw (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status, payments, source, updated_at)
           SELECT gen_random_uuid(), u.n, u.c, u.a, u.p, u.i::date, u.d::date, 'open', u.j::jsonb, 'raw', now()
           FROM unnest($1::text[], $2::uuid[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[]) AS u(n, c, a, p, i, d, j)`,
          [recs.map((r) => r.invoiceNo), recs.map((r) => byExt.get(r.customerExternalId) ?? null), recs.map((r) => r.amountIdr), paid,
            recs.map((r) => r.issuedAt), recs.map((r) => r.dueDate), recs.map((r) => JSON.stringify(r.payments))]);
      }
      const seconds = (performance.now() - t0) / 1000;
      raw = { seconds: Math.round(seconds * 10) / 10, recordsPerSec: Math.round(INVOICES / seconds) };
      log(`plain INSERT of the same rows: ${raw.recordsPerSec} records/s`);
      await db.query('DROP TABLE receivables_raw');
    }

    const overall = percentiles(all);
    process.stdout.write(`${JSON.stringify({
      bench: 'feeds', cores: os.cpus().length, nproc: Number(execFileSync('nproc').toString().trim()), loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      invoices: INVOICES, customers: CUSTOMERS, batch: BATCH, parallel: PARALLEL,
      ingest: {
        firstPass: first, sameBatchesAgain: again, targetRecordsPerSec: 20_000, met: first.recordsPerSec >= 20_000,
        plainInsertOfTheSameRows: raw, apiShareOfPlainInsert: raw ? Math.round((first.recordsPerSec / raw.recordsPerSec) * 100) / 100 : null,
      },
      worklistMs: { overall, targetP95: 50, met: overall.p95 <= 50, byFilter: worklist },
      branchTotalsMs: totalsMs,
    }, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
