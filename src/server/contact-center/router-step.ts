// One routing decision: the best waiting task of a queue × the best free agent for it,
// reserved for the queue's reservation time. Why it is safe on N instances (decision 0020):
//  - a queue is routed by one transaction at a time (a transaction-scoped advisory lock
//    taken with try: an instance that finds it taken leaves that queue to the holder), so
//    within a queue tasks go out strictly in priority order;
//  - the agent and the task are claimed with SELECT … FOR UPDATE SKIP LOCKED, re-checked in
//    the newest committed state (derived = 'ready', status = 'waiting'), so an agent who
//    works two queues routed at once by two instances is taken by one of them only;
//  - the unique index cc_tasks_one_per_agent makes "two tasks for one agent" impossible
//    even for a bug in this file.
// Priority = base_points + perSecondWaited × seconds since enqueued_at; ties: oldest first.
// Free agents: the task's preferred agent first, then the one idle longest (ready_since).
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PRIORITY_WEIGHTS } from '../../shared/queue-routing.js';
import { type CallOffer } from './call-router-port.js';
import { type Db } from '../db/db.js';
import { type AgentRow, AGENT_COLUMNS, changeAgent } from './agent-state.js';
import { inTransaction, type Outbox, type RouterContext } from './context.js';
import { weightsFrom } from './queue-settings.js';
import { offerView } from './task-view.js';
import { reserveTask, TASK_COLUMNS, type TaskRow } from './tasks.js';

/** Tasks of a queue looked at per decision: the best this many (a deeper task waits for the next). */
const CANDIDATE_TASKS = 50;
/** Claims lost to another instance before this decision gives up (the loop comes back). */
const CLAIM_TRIES = 4;
/** Namespace of the router's advisory locks (the second key is the queue's hash). */
export const ROUTER_LOCK_SPACE = 20017;
/** Skill level from which an agent counts as senior (the first widening stage). */
export const SENIOR_LEVEL = 4;

export interface Reservation {
  taskId: string;
  reservationId: string;
  agentId: string;
  queueCode: string;
  kind: TaskRow['kind'];
  score: number;
}

/**
 * Queues with a task due and at least one ready agent who works them, oldest task first.
 * Driven from the ready agents (few on a busy floor) and the waiting-task index.
 */
export async function queuesToRoute(db: Db, now: Date): Promise<string[]> {
  const rows = await db.query<{ queue_code: string }>(
    `SELECT q.code AS queue_code
       FROM (SELECT DISTINCT unnest(u.queues) AS code FROM cc_agent_state s JOIN users u ON u.id = s.user_id
              WHERE s.derived = 'ready' AND u.disabled_at IS NULL) q
      CROSS JOIN LATERAL (SELECT min(t.enqueued_at) AS oldest FROM cc_tasks t
                           WHERE t.queue_code = q.code AND t.status = 'waiting' AND t.not_before <= $1) w
      WHERE w.oldest IS NOT NULL
      ORDER BY w.oldest`,
    [now], { prepare: 'cc_queues_to_route' },
  );
  return rows.map((r) => r.queue_code);
}

interface Candidate {
  task_id: string; agent_id: string; score: number; extension: string | null; reservation_sec: number; priority_weights: unknown;
}

/**
 * The best (task, agent) pair of the queue, skipping agents and tasks another transaction
 * holds. Eligibility (widening): the preferred agent always; otherwise every required skill
 * at a senior level, or at any level once the task waited widen_skilled_after_sec, and
 * anyone in the queue once it waited widen_anyone_after_sec. Calls also need the agent's
 * phone registered and, when the call is held at a site, an agent of that site (or of none).
 */
const CANDIDATE_SQL = `
WITH q AS (
  SELECT code, COALESCE((priority_weights->>'perSecondWaited')::float8, $4) AS per_sec,
         widen_skilled_after_sec, widen_anyone_after_sec, reservation_sec, priority_weights
    FROM queues WHERE code = $1
), t AS (
  SELECT t.id, t.kind, t.site_code, t.required_skills, t.preferred_agent_id, t.enqueued_at,
         extract(epoch FROM ($2::timestamptz - t.enqueued_at)) AS waited,
         t.base_points + q.per_sec * extract(epoch FROM ($2::timestamptz - t.enqueued_at)) AS score,
         q.widen_skilled_after_sec, q.widen_anyone_after_sec
    FROM cc_tasks t, q
   WHERE t.queue_code = q.code AND t.status = 'waiting' AND t.not_before <= $2 AND NOT (t.id = ANY($5::uuid[]))
   ORDER BY score DESC, t.enqueued_at, t.id
   LIMIT ${CANDIDATE_TASKS}
)
SELECT t.id AS task_id, a.user_id AS agent_id, t.score, e.extension, q.reservation_sec, q.priority_weights
  FROM t CROSS JOIN q CROSS JOIN LATERAL (
    SELECT s.user_id
      FROM cc_agent_state s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN branches b ON b.code = u.branch
     WHERE s.derived = 'ready' AND $1 = ANY(u.queues) AND u.disabled_at IS NULL
       AND NOT (s.user_id = ANY($3::uuid[]))
       AND (t.kind <> 'call' OR (s.phone_ready AND EXISTS (SELECT 1 FROM agent_extensions e WHERE e.user_id = s.user_id)))
       AND (t.kind <> 'call' OR t.site_code IS NULL OR b.site_code IS NULL OR b.site_code = t.site_code)
       -- A chat only to an agent below their chat capacity (the chats they hold: migration 033).
       AND (t.kind <> 'chat' OR (SELECT count(*) FROM webchat_conversations wc WHERE wc.agent_id = s.user_id AND wc.status = 'active') < u.chat_capacity)
       AND (s.user_id = t.preferred_agent_id
            OR t.waited >= t.widen_anyone_after_sec
            OR (SELECT count(*) FROM user_skills us
                 WHERE us.user_id = s.user_id AND us.skill_code = ANY(t.required_skills)
                   AND (us.level >= ${SENIOR_LEVEL} OR t.waited >= t.widen_skilled_after_sec)) = cardinality(t.required_skills))
     ORDER BY (s.user_id = t.preferred_agent_id) IS TRUE DESC, s.ready_since, s.user_id
     LIMIT 1
  ) a
  LEFT JOIN agent_extensions e ON e.user_id = a.user_id
 ORDER BY t.score DESC, t.enqueued_at, t.id
 LIMIT 1`;

/**
 * Routes one pair in `queueCode`, or answers null (nothing to do, or another instance has the
 * queue). `answeredInline`: the call whose arrival asks, told "ring" in the answer itself, so
 * no call offer goes out for it on the bus (the bridge would ring twice).
 */
export async function routeQueueOnce(ctx: RouterContext, queueCode: string, answeredInline?: string): Promise<Reservation | null> {
  return inTransaction(ctx, async (tx, out, now) => {
    const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [ROUTER_LOCK_SPACE, queueCode]);
    if (!lock?.ok) return null;
    const skipAgents: string[] = [];
    const skipTasks: string[] = [];
    for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
      const [c] = await tx.query<Candidate>(CANDIDATE_SQL, [queueCode, now, skipAgents, DEFAULT_PRIORITY_WEIGHTS.perSecondWaited, skipTasks], { prepare: 'cc_best_pair' });
      if (!c) return null;
      const [agentFree] = await tx.query<AgentRow>(
        `SELECT ${AGENT_COLUMNS} FROM cc_agent_state WHERE user_id = $1 AND derived = 'ready' FOR UPDATE SKIP LOCKED`, [c.agent_id]);
      if (!agentFree) { skipAgents.push(c.agent_id); continue; }
      const [task] = await tx.query<TaskRow>(
        `SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE id = $1 AND status = 'waiting' FOR UPDATE SKIP LOCKED`, [c.task_id]);
      if (!task) { skipTasks.push(c.task_id); continue; }
      return reserve(tx, out, now, task, agentFree, c, task.id === answeredInline);
    }
    return null;
  });
}

async function reserve(tx: Db, out: Outbox, now: Date, task: TaskRow, agent: AgentRow, c: Candidate, inline: boolean): Promise<Reservation> {
  const agentId = agent.user_id;
  const until = new Date(now.getTime() + c.reservation_sec * 1000);
  const reservationId = uuidv7();
  const reserved = await reserveTask(tx, now, task, agentId, reservationId, until, c.score);
  await changeAgent(tx, out, now, agent, { derived: 'reserved', cause: 'offer' });
  out.push({ k: 'push', userId: agentId, push: { type: 'task_offer', offer: offerView(reserved, weightsFrom(c.priority_weights), now) } });
  if (task.kind === 'call' && !inline) {
    const offer: Omit<CallOffer, 'expiresAt'> & { expiresAt: string } = {
      taskId: task.id, reservationId, sipCallId: task.source_ref, siteCode: task.site_code ?? '',
      extension: c.extension ?? '', agentId, expiresAt: until.toISOString(),
    };
    out.push({ k: 'call_offer', offer });
  }
  return { taskId: task.id, reservationId, agentId, queueCode: task.queue_code, kind: task.kind, score: c.score };
}

/** Routes until nothing more can be paired (bounded per pass); answers the reservations made. */
export async function routeAll(ctx: RouterContext, maxPairs = 200): Promise<Reservation[]> {
  const made: Reservation[] = [];
  let progress = true;
  while (progress && made.length < maxPairs) {
    progress = false;
    for (const queue of await queuesToRoute(ctx.db, ctx.clock())) {
      const r = await routeQueueOnce(ctx, queue);
      if (r) { made.push(r); progress = true; }
      if (made.length >= maxPairs) break;
    }
  }
  return made;
}
