// `npm run bench:interactions`: the lead's interactions browser on 1 M interactions in
// PostgreSQL (BENCH_BROWSER_INTERACTIONS). GET /api/v1/lead/interactions over HTTP, in
// typical filter combinations for a lead (their team of 10 agents out of 200) and an admin
// (everyone), first pages and deeper keyset pages. Prints one JSON object on stdout:
// p50/p95/p99 ms per combination and over all, the machine's core count. Target: p95 ≤ 100 ms.
// The database `sapa_bench_interactions` is seeded once and reused; `--fresh` rebuilds it.
import os from 'node:os';
import { startServer } from '../src/server/app.js';
import { API_PREFIX } from '../src/shared/http.js';
import { LeadInteractionPage } from '../src/shared/lead-interactions.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { benchPeople, seedInteractions, type BenchPeople } from './interactions-browser-seed.js';
import { percentiles, pick, rng, timeEach } from './stats.js';

const DB_NAME = 'sapa_bench_interactions';
const INTERACTIONS = Number(process.env.BENCH_BROWSER_INTERACTIONS ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_BROWSER_CUSTOMERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_BROWSER_SAMPLES ?? 40);
const TARGET_P95_MS = 100;
const log = (msg: string) => process.stderr.write(`[bench:interactions] ${msg}\n`);

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const DISPOSITIONS = ['resolved', 'complaint_logged', 'sale', 'no_answer'];

type Who = 'lead' | 'admin';
interface Combination { name: string; who: Who; query: (random: () => number, p: BenchPeople) => string; deepPages?: number }

const one = <T>(items: T[], random: () => number): T => pick(items, 1, random)[0]!;

const COMBINATIONS: Combination[] = [
  { name: 'lead: newest first, no filter', who: 'lead', query: () => '' },
  { name: 'lead: agent + disposition', who: 'lead', query: (r, p) => `agentId=${one(p.leadAgents, r)}&disposition=${one(DISPOSITIONS, r)}` },
  { name: 'lead: last 7 days, calls, recorded', who: 'lead', query: () => `from=${daysAgo(7)}&channel=call&recorded=true` },
  { name: 'lead: longest calls first', who: 'lead', query: () => 'sort=duration&order=desc&channel=call' },
  { name: 'lead: keyset page 20 (newest first)', who: 'lead', query: () => '', deepPages: 20 },
  { name: 'admin: newest first, no filter', who: 'admin', query: () => '' },
  { name: 'admin: team + last 30 days', who: 'admin', query: (r, p) => `teamId=${one(p.teams, r)}&from=${daysAgo(30)}` },
  { name: 'admin: disposition + tier', who: 'admin', query: (r) => `disposition=${one(DISPOSITIONS, r)}&tier=platinum` },
  { name: 'admin: agent + e-mails', who: 'admin', query: (r, p) => `agentId=${one(p.agents, r)}&channel=email` },
  { name: 'admin: duration 10–15 min, shortest first', who: 'admin', query: () => 'sort=duration&order=asc&minDurationSec=600&maxDurationSec=900' },
  { name: 'admin: recovered recordings', who: 'admin', query: () => 'recovered=true' },
  { name: 'admin: one customer by number', who: 'admin', query: (r) => `customer=B${String(1 + Math.floor(r() * CUSTOMERS)).padStart(8, '0')}` },
  { name: 'admin: queue + outbound + 90 days', who: 'admin', query: () => `queue=vip&direction=outbound&from=${daysAgo(90)}` },
  { name: 'admin: keyset page 20 (longest first)', who: 'admin', query: () => 'sort=duration&order=desc', deepPages: 20 },
];

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  await ensureDatabase(DB_NAME, 0, fresh);
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME) });
  try {
    const [{ n = 0 } = {}] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM interactions');
    const people = await benchPeople(server.db);
    if (n < INTERACTIONS) {
      if (n > 0) throw new Error(`${DB_NAME} holds ${n} interactions, fewer than ${INTERACTIONS}: run with --fresh`);
      const t0 = Date.now();
      await seedInteractions(server.db, CUSTOMERS, INTERACTIONS, log);
      log(`seeded in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    const get = async (token: string, query: string): Promise<LeadInteractionPage> => {
      const res = await fetch(`${server.url}${API_PREFIX}/lead/interactions?limit=50&${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      return LeadInteractionPage.parse(await res.json());
    };
    const random = rng(42);
    const results: Record<string, ReturnType<typeof percentiles> & { rowsOnFirstPage: number }> = {};
    const all: number[] = [];
    for (const c of COMBINATIONS) {
      const token = c.who === 'lead' ? people.leadToken : people.adminToken;
      let rows = 0;
      // A warm-up call per combination: the figures are for a server in use, not a cold cache.
      await get(token, c.query(random, people));
      const samples = await timeEach(Array.from({ length: SAMPLES }, () => c.query(random, people)), async (query) => {
        let page = await get(token, query);
        rows = page.interactions.length;
        // Deep pages: only the last request is what the lead waits for; the walk is setup.
        for (let i = 1; i < (c.deepPages ?? 1) && page.nextCursor; i++) page = await get(token, `${query}&cursor=${page.nextCursor}`);
      });
      // A deep-page sample timed the whole walk: report it per page.
      const perRequest = samples.map((ms) => ms / (c.deepPages ?? 1));
      all.push(...perRequest);
      results[c.name] = { ...percentiles(perRequest), rowsOnFirstPage: rows };
      log(`${c.name}: p95 ${results[c.name]?.p95} ms`);
    }
    const overall = percentiles(all);
    process.stdout.write(`${JSON.stringify({
      bench: 'interactions-browser', engine: 'postgres', interactions: Math.max(n, INTERACTIONS), customers: CUSTOMERS,
      agents: people.agents.length, leadAgents: people.leadAgents.length, pageSize: 50, samplesPerCombination: SAMPLES,
      cores: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      overallMs: overall, targetP95Ms: TARGET_P95_MS, metTarget: overall.p95 <= TARGET_P95_MS, combinations: results,
    }, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
