// A property test of the router on PostgreSQL: random arrivals (calls, e-mails, call-backs
// of customers worth different priorities), accepts, rejects, lapses, hang-ups, callers who
// leave, agents changing state or vanishing — with TWO router instances (two contexts on the
// same database, each with its own pool) routing at the same time. After every step:
//  - no agent holds two tasks, and every agent's state matches its tasks;
//  - no task was ever held by two agents at once, nor accepted twice without a re-queue;
//  - within a queue, no task was offered while a higher-priority task it could have had waited;
// and at the end, with everyone ready, every task is worked to its end: none was lost.
// The seed is printed; SAPA_PROPERTY_SEED=<seed> replays a run.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { setMyState, completeTask, touchPresence } from '../../../src/server/contact-center/agent-commands.js';
import { createContactCenter, type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { createTask } from '../../../src/server/contact-center/intake.js';
import { acceptOffer, answeredCall, rejectOffer } from '../../../src/server/contact-center/offers.js';
import { SapaError } from '../../../src/shared/errors.js';
import { reconcile } from '../../../src/server/contact-center/reconciler.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { addAgent, addCustomer, testClock } from '../helpers/contact-center.js';

const SEED = Number(process.env.SAPA_PROPERTY_SEED ?? (Date.now() % 2_147_483_647));
const RUNS = Number(process.env.SAPA_PROPERTY_RUNS ?? 20);
const clock = testClock();

let database: TestDatabase;
let dbA: Db;
let dbB: Db;
let routers: [ContactCenter, ContactCenter];
const customers: (string | null)[] = [null];

beforeAll(async () => {
  database = await createPostgresDatabase();
  const url = database.databaseUrl ?? '';
  dbA = await openDb({ databaseUrl: url });
  dbB = await openDb({ databaseUrl: url });
  // No loops and no databaseUrl: the test drives both routers; pushes stay in each process.
  const make = (db: Db) => createContactCenter({ db, clock: clock.now, presenceTimeoutSec: 30 });
  routers = [make(dbA), make(dbB)];
  customers.push(
    await addCustomer(dbA, { phone: '+6281200000001', vvip: true, tier: 'platinum' }),
    await addCustomer(dbA, { phone: '+6281200000002', tier: 'gold', billing: 'postpaid' }),
    await addCustomer(dbA, { phone: '+6281200000003', tier: 'regular' }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(routers.map((r) => r.close()));
  await dbA.close();
  await dbB.close();
  await database.drop();
});

type Op =
  | { op: 'arrive'; queue: number; kind: 'call' | 'email' | 'callback'; customer: number }
  | { op: 'tick'; seconds: number }
  | { op: 'route' }
  | { op: 'churn'; agent: number; state: 'ready' | 'not_ready' | 'offline' }
  | { op: 'accept' | 'reject' | 'complete' | 'vanish' | 'back'; agent: number; via: 0 | 1 }
  | { op: 'lapse' }
  | { op: 'leave'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('arrive' as const), queue: fc.nat(1), kind: fc.constantFrom('call' as const, 'email' as const, 'callback' as const), customer: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), seconds: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 4, arbitrary: fc.constant({ op: 'route' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('churn' as const), agent: fc.nat(4), state: fc.constantFrom('ready' as const, 'ready' as const, 'not_ready' as const, 'offline' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('accept' as const), agent: fc.nat(4), via: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), agent: fc.nat(4), via: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('complete' as const), agent: fc.nat(4), via: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('vanish' as const), agent: fc.nat(4), via: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('back' as const), agent: fc.nat(4), via: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'lapse' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), pick: fc.nat(50) }) },
);

interface World {
  queues: string[];
  agents: { id: string; queues: string[] }[];
  tasks: { id: string; kind: string; sipCallId: string | null }[];
  lastEventId: number;
}

async function newWorld(): Promise<World> {
  const queues = [`p${randomUUID().slice(0, 8)}`, `p${randomUUID().slice(0, 8)}`];
  for (const q of queues) {
    await dbA.query("INSERT INTO queues (code, label_id, label_en, reservation_sec, misses_before_not_ready, wrap_up_limit_sec) VALUES ($1, 'Uji', 'Test', 15, 3, 0)", [q]);
  }
  const agents: World['agents'] = [];
  const works = [[queues[0]], [queues[1]], queues, queues, [queues[0]]] as string[][];
  for (const w of works) {
    const a = await addAgent(dbA, { queues: w });
    await dbA.query("INSERT INTO cc_agent_state (user_id, chosen, derived, since, ready_since, phone_ready, phone_status, phone_since, last_seen_at) VALUES ($1, 'ready', 'ready', $2, $2, true, 'available', $2, $2)", [a.id, clock.now()]);
    agents.push({ id: a.id, queues: w });
  }
  const [e] = await dbA.query<{ id: number }>('SELECT COALESCE(max(id), 0)::int AS id FROM cc_events');
  return { queues, agents, tasks: [], lastEventId: e?.id ?? 0 };
}

interface TaskState { id: string; queue_code: string; kind: string; status: string; agent_id: string | null; reservation_id: string | null; source_ref: string; score: number; not_before: Date }

async function tasksOf(w: World): Promise<TaskState[]> {
  return dbA.query<TaskState>(
    `SELECT t.id, t.queue_code, t.kind, t.status, t.agent_id, t.reservation_id, t.source_ref, t.not_before,
            t.base_points + 1.0 * extract(epoch FROM ($2::timestamptz - t.enqueued_at)) AS score
       FROM cc_tasks t WHERE t.queue_code = ANY($1::text[])`, [w.queues, clock.now()]);
}

async function checkInvariants(w: World): Promise<void> {
  const tasks = await tasksOf(w);
  const agents = await dbA.query<{ user_id: string; chosen: string; derived: string }>(
    'SELECT user_id, chosen, derived FROM cc_agent_state WHERE user_id = ANY($1::uuid[])', [w.agents.map((a) => a.id)]);
  for (const a of agents) {
    const reserved = tasks.filter((t) => t.agent_id === a.user_id && t.status === 'reserved').length;
    const assigned = tasks.filter((t) => t.agent_id === a.user_id && t.status === 'assigned').length;
    const where = `agent ${a.user_id} ${a.chosen}/${a.derived} with ${reserved} reserved, ${assigned} assigned`;
    expect(reserved + assigned, where).toBeLessThanOrEqual(1);
    expect(reserved === 1, where).toBe(a.derived === 'reserved');
    expect(assigned === 1, where).toBe(a.derived === 'on_task');
    if (a.derived === 'ready') expect(a.chosen, where).toBe('ready');
    if (a.derived === 'not_ready') expect(a.chosen, where).toBe('not_ready');
  }
  // No task lost: every arrival has its row, in a known status.
  expect(new Set(tasks.map((t) => t.id))).toEqual(new Set(w.tasks.map((t) => t.id)));
  // Never two agents at once, never accepted twice without going back to the queue in between.
  const events = await dbA.query<{ task_id: string; event: string; agent_id: string | null }>(
    'SELECT task_id, event, agent_id FROM cc_events WHERE task_id = ANY($1::uuid[]) ORDER BY id', [w.tasks.map((t) => t.id)]);
  const holder = new Map<string, string | null>();
  for (const e of events) {
    const held = holder.get(e.task_id) ?? null;
    if (e.event === 'reserved') {
      expect(held, `task ${e.task_id} reserved to ${e.agent_id} while held by ${held}`).toBeNull();
      holder.set(e.task_id, e.agent_id);
    } else if (e.event === 'accepted' || e.event === 'answered') {
      expect(held, `task ${e.task_id} ${e.event}`).toBe(e.agent_id);
    } else if (['lapsed', 'rejected', 'ring_failed', 'released', 'requeued', 'done', 'abandoned', 'cancelled'].includes(e.event)) {
      holder.set(e.task_id, null);
    }
  }
}

/** Within a queue: a task offered in this step outranked every task still waiting that its agent could have had. */
async function checkPriority(w: World, sinceEventId: number): Promise<void> {
  const offered = await dbA.query<{ task_id: string; agent_id: string; score: number }>(
    `SELECT task_id, agent_id, (detail->>'score')::float8 AS score FROM cc_events
      WHERE id > $1 AND event = 'reserved' AND task_id = ANY($2::uuid[])`, [sinceEventId, w.tasks.map((t) => t.id)]);
  if (offered.length === 0) return;
  const tasks = await tasksOf(w);
  for (const o of offered) {
    const task = tasks.find((t) => t.id === o.task_id);
    if (!task) continue;
    const better = tasks.filter((u) => u.queue_code === task.queue_code && u.status === 'waiting'
      && new Date(u.not_before) <= clock.now() && u.score > o.score + 1e-6);
    expect(better.map((u) => `${u.id} ${u.score} > ${o.score}`), `offer of ${o.task_id} to ${o.agent_id}`).toEqual([]);
  }
}

async function agentTask(agentId: string, status: 'reserved' | 'assigned'): Promise<TaskState | null> {
  const [t] = await dbA.query<TaskState>(
    'SELECT id, queue_code, kind, status, agent_id, reservation_id, source_ref, 0 AS score, not_before FROM cc_tasks WHERE agent_id = $1 AND status = $2', [agentId, status]);
  return t ?? null;
}

/** An offer that ran out before the agent acted is a 409 to them: a right answer, not a failure. */
async function tolerateStale(p: Promise<unknown>): Promise<void> {
  try { await p; } catch (error) {
    if (!(error instanceof SapaError && error.code === 'CONFLICT')) throw error;
  }
}

async function apply(w: World, op: Op): Promise<void> {
  const [A, B] = routers;
  const via = 'via' in op ? routers[op.via] : routers[('customer' in op ? op.customer : 0) % 2] ?? A;
  const agent = 'agent' in op ? w.agents[op.agent % w.agents.length] : undefined;
  switch (op.op) {
    case 'arrive': {
      const queueCode = w.queues[op.queue] ?? '';
      const customerId = customers[op.customer] ?? null;
      if (op.kind === 'call') {
        // What the bridge's arrival does after picking the queue: one task per Call-ID, held at a site.
        const sipCallId = `prop-${randomUUID()}`;
        const { taskId } = await createTask(via.ctx, { kind: 'call', sourceRef: sipCallId, queueCode, customerId, from: '+6281200000001', subject: null, siteCode: 'jakarta' });
        w.tasks.push({ id: taskId, kind: 'call', sipCallId });
      } else {
        const { taskId } = await via.intake.enqueue({ kind: op.kind, sourceRef: randomUUID(), queueCode, customerId, from: 'x@contoh.id', subject: 'uji' });
        w.tasks.push({ id: taskId, kind: op.kind, sipCallId: null });
      }
      return;
    }
    case 'tick':
      clock.advance(op.seconds);
      await touchPresence(A.ctx, w.agents.map((a) => a.id).filter((_, i) => i !== 4));
      return;
    case 'route': {
      const [e] = await dbA.query<{ id: number }>('SELECT COALESCE(max(id), 0)::int AS id FROM cc_events');
      await Promise.all([routeAll(A.ctx), routeAll(B.ctx)]);
      await checkPriority(w, e?.id ?? 0);
      return;
    }
    case 'churn':
      if (!agent) return;
      await Promise.all([
        routeAll(B.ctx), reconcile(A.ctx),
        setMyState(A.ctx, agent.id, op.state === 'not_ready' ? { state: 'not_ready', reason: 'break' } : { state: op.state }),
      ]);
      return;
    case 'accept': {
      if (!agent) return;
      const t = await agentTask(agent.id, 'reserved');
      if (!t?.reservation_id) return;
      // The other router routes at the same moment.
      await Promise.all([
        tolerateStale(t.kind === 'call' ? answeredCall(via.ctx, t.id, t.reservation_id) : acceptOffer(via.ctx, agent.id, t.reservation_id)),
        routeAll(routers[1 - op.via]?.ctx ?? B.ctx),
      ]);
      return;
    }
    case 'reject': {
      if (!agent) return;
      const t = await agentTask(agent.id, 'reserved');
      if (t?.reservation_id) await tolerateStale(rejectOffer(via.ctx, agent.id, t.reservation_id));
      return;
    }
    case 'complete': {
      if (!agent) return;
      const t = await agentTask(agent.id, 'assigned');
      if (!t) return;
      if (t.kind === 'call') await via.calls.ended(t.source_ref, 'hangup');
      else if (t.kind === 'callback') await completeTask(via.ctx, agent.id, t.id, { kind: 'callback', outcome: op.via === 0 ? 'reached' : 'no_answer', retryAt: new Date(clock.now().getTime() + 30_000).toISOString() });
      else await completeTask(via.ctx, agent.id, t.id, { kind: t.kind as 'email' | 'follow_up' });
      return;
    }
    case 'vanish':
      if (!agent) return;
      await dbA.query('UPDATE cc_agent_state SET last_seen_at = $2 WHERE user_id = $1', [agent.id, new Date(clock.now().getTime() - 60_000)]);
      await Promise.all([reconcile(A.ctx), reconcile(B.ctx)]);
      return;
    case 'back':
      if (!agent) return;
      await touchPresence(via.ctx, [agent.id]);
      await reconcile(via.ctx);
      return;
    case 'lapse':
      clock.advance(16);
      await touchPresence(A.ctx, w.agents.map((a) => a.id));
      await Promise.all([reconcile(A.ctx), reconcile(B.ctx)]);
      return;
    case 'leave': {
      const calls = w.tasks.filter((t) => t.sipCallId);
      const call = calls[op.pick % Math.max(1, calls.length)];
      if (call?.sipCallId) await via.calls.ended(call.sipCallId, 'caller_left');
      return;
    }
  }
}

/** Everyone ready and present; route, accept and finish until nothing is left. */
async function drain(w: World): Promise<void> {
  const [A, B] = routers;
  for (const a of w.agents) {
    await touchPresence(A.ctx, [a.id]);
    await reconcile(A.ctx);
    await setMyState(A.ctx, a.id, { state: 'ready' });
  }
  for (let round = 0; round < 200; round++) {
    clock.advance(31);
    await touchPresence(A.ctx, w.agents.map((a) => a.id));
    await Promise.all([reconcile(A.ctx), reconcile(B.ctx)]);
    await Promise.all([routeAll(A.ctx), routeAll(B.ctx)]);
    let worked = 0;
    for (const a of w.agents) {
      const r = await agentTask(a.id, 'reserved');
      if (r?.reservation_id) {
        if (r.kind === 'call') await answeredCall(B.ctx, r.id, r.reservation_id);
        else await acceptOffer(A.ctx, a.id, r.reservation_id);
      }
      const t = await agentTask(a.id, 'assigned');
      if (t) {
        worked++;
        if (t.kind === 'call') await A.calls.ended(t.source_ref, 'hangup');
        else if (t.kind === 'callback') await completeTask(B.ctx, a.id, t.id, { kind: 'callback', outcome: 'reached' });
        else await completeTask(B.ctx, a.id, t.id, { kind: t.kind as 'email' | 'follow_up' });
      }
      // Not-ready after missed offers: ready again for the drain.
      await setMyState(A.ctx, a.id, { state: 'ready' });
    }
    const open = (await tasksOf(w)).filter((t) => ['waiting', 'reserved', 'assigned'].includes(t.status));
    if (open.length === 0 && worked === 0) return;
  }
  throw new Error('the drain did not finish: tasks stuck in the queue');
}

it('never gives a task to two agents, loses none, keeps priority order and agents consistent (two routers)', async () => {
  console.info(`router property: seed ${SEED}, ${RUNS} runs (replay with SAPA_PROPERTY_SEED=${SEED})`);
  let steps = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 40 }), async (ops) => {
        const w = await newWorld();
        for (const op of ops) {
          await apply(w, op);
          await checkInvariants(w);
          steps++;
        }
        await drain(w);
        await checkInvariants(w);
        const open = (await tasksOf(w)).filter((t) => ['waiting', 'reserved', 'assigned'].includes(t.status));
        expect(open).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  } catch (error) {
    console.error(`router property failed — replay with SAPA_PROPERTY_SEED=${SEED}`);
    throw error;
  }
  console.info(`router property, seed ${SEED}: ${RUNS} runs, ${steps} steps`);
}, 600_000);
