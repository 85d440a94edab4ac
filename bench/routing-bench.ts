// `npm run bench:routing`: how long one routing decision takes on real PostgreSQL with a
// busy floor — 400 waiting tasks (calls, e-mails, call-backs of customers of every tier,
// some needing a skill) in 4 queues and 200 agents, all busy but the one who just freed up.
// A decision is the router's whole step (src/server/contact-center/router-step.ts): find the
// queues with work, take the queue's lock, pick the best task × best free agent, claim both
// with FOR UPDATE SKIP LOCKED, reserve, append the events, commit. Between samples (untimed)
// the reserved task is replaced by a new waiting one, so the queue stays at 400.
// Also timed: a call's arrival when nobody is free (intake, the try to route, the standing).
// Prints one JSON object on stdout (progress on stderr). Target: decision p99 ≤ 20 ms.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { openDb } from '../src/server/db/open.js';
import { createContactCenter } from '../src/server/contact-center/contact-center.js';
import { createTask } from '../src/server/contact-center/intake.js';
import { routeAll } from '../src/server/contact-center/router-step.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles, rng } from './stats.js';

const TASKS = Number(process.env.BENCH_ROUTING_TASKS ?? 400);
const AGENTS = Number(process.env.BENCH_ROUTING_AGENTS ?? 200);
const DECISIONS = Number(process.env.BENCH_ROUTING_DECISIONS ?? 1_000);
const ARRIVALS = Number(process.env.BENCH_ROUTING_ARRIVALS ?? 300);
const TARGET_P99_MS = 20;
const DB_NAME = 'sapa_bench_routing';
const QUEUES = ['general', 'billing', 'network', 'vip'];
const TIERS = ['platinum', 'gold', 'silver', 'regular', 'regular', 'regular'] as const;
const log = (msg: string) => process.stderr.write(`[bench:routing] ${msg}\n`);
const random = rng(20261202);
const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, 0, true);
  const db = await openDb({ databaseUrl: databaseUrl(DB_NAME) });
  let now = new Date('2026-12-02T03:00:00Z');
  const cc = createContactCenter({ db, clock: () => now, presenceTimeoutSec: 3600 });
  try {
    log(`seeding ${AGENTS} agents, ${TASKS} waiting tasks…`);
    await db.query("UPDATE queues SET required_skills = '{fiber}' WHERE code = 'network'");
    await db.query("INSERT INTO skills (code, label_id, label_en) VALUES ('fiber', 'Fiber', 'Fiber')");
    const customers: string[] = [];
    for (let i = 0; i < 300; i++) {
      const id = randomUUID();
      await db.query(
        `INSERT INTO customers (id, customer_no, full_name, phones, tier, vvip, billing, customer_since)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
        [id, `B-${i}`, `Pelanggan ${i}`, JSON.stringify([{ e164: `+62812${String(i).padStart(7, '0')}` }]), choose(TIERS),
          random() < 0.05, random() < 0.4 ? 'postpaid' : 'prepaid', `20${String(10 + Math.floor(random() * 15))}-01-01`]);
      customers.push(id);
    }
    const agents: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = randomUUID();
      const works = QUEUES.filter(() => random() < 0.5);
      if (works.length === 0) works.push(choose(QUEUES));
      await db.query(
        "INSERT INTO users (id, username, display_name, role, password_hash, queues) VALUES ($1, $2, $3, 'agent', 'x', $4::text[])",
        [id, `bench${i}`, `Agen ${i}`, works]);
      await db.query('INSERT INTO agent_extensions (user_id, extension) VALUES ($1, $2)', [id, String(2000 + i)]);
      if (random() < 0.6) await db.query("INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, 'fiber', $2)", [id, 1 + Math.floor(random() * 5)]);
      await db.query(
        `INSERT INTO cc_agent_state (user_id, chosen, derived, since, ready_since, phone_ready, phone_status, last_seen_at)
         VALUES ($1, 'ready', 'on_task', $2, NULL, true, 'on_call', $2)`,
        [id, new Date(now.getTime() - Math.floor(random() * 600_000))]);
      agents.push(id);
    }
    const addWaiting = async (): Promise<void> => {
      const kind = choose(['call', 'call', 'call', 'email', 'callback'] as const);
      await createTask(cc.ctx, {
        kind, sourceRef: uuidv7(), queueCode: choose(QUEUES), customerId: random() < 0.8 ? choose(customers) : null,
        from: '+6281200000000', subject: null, siteCode: kind === 'call' ? 'jakarta' : null,
        enqueuedAt: new Date(now.getTime() - Math.floor(random() * 600_000)),
      });
    };
    for (let i = 0; i < TASKS; i++) await addWaiting();
    await db.query('ANALYZE');

    log(`timing ${DECISIONS} decisions…`);
    const decisions: number[] = [];
    let idle = 0;
    for (let i = 0; i < DECISIONS; i++) {
      now = new Date(now.getTime() + 500);
      const agent = choose(agents);
      await db.query("UPDATE cc_agent_state SET derived = 'ready', ready_since = $2 WHERE user_id = $1", [agent, now]);
      const started = performance.now();
      const made = await routeAll(cc.ctx, 1);
      decisions.push(performance.now() - started);
      if (made.length === 0) { idle++; }
      // Untimed: the task goes on to its end, a new one takes its place, the agent is busy again.
      await db.query("UPDATE cc_tasks SET status = 'done', reservation_id = NULL, reserved_until = NULL, ended_at = $2 WHERE agent_id = $1 AND status = 'reserved'", [agent, now]);
      await db.query("UPDATE cc_agent_state SET derived = 'on_task', ready_since = NULL WHERE user_id = $1", [agent]);
      if (made.length > 0) await addWaiting();
    }

    log(`timing ${ARRIVALS} queued arrivals…`);
    const arrivals: number[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      now = new Date(now.getTime() + 300);
      const started = performance.now();
      const answer = await cc.calls.arrive({ sipCallId: uuidv7(), callerNumber: `+62812${String(i % 300).padStart(7, '0')}`, dialledNumber: '1500123', siteCode: 'jakarta', trusted: true });
      arrivals.push(performance.now() - started);
      if (answer.outcome !== 'queued') throw new Error(`expected queued, got ${answer.outcome}`);
    }
    const [waiting] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cc_tasks WHERE status = 'waiting'");
    const decision = percentiles(decisions);
    process.stdout.write(`${JSON.stringify({
      bench: 'routing',
      cores: os.availableParallelism(),
      // The machine's load while measuring: figures from a shared, loaded machine are not the router's alone.
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      engine: 'postgres',
      waitingTasks: TASKS,
      agents: AGENTS,
      decisionMs: decision,
      decisionsWithoutPair: idle,
      queuedArrivalMs: percentiles(arrivals),
      waitingAtEnd: waiting?.n ?? null,
      targetP99Ms: TARGET_P99_MS,
      met: decision.p99 <= TARGET_P99_MS,
    }, null, 2)}\n`);
  } finally {
    await cc.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
