// What happens to an offer: the agent accepts it (or, for a call, their phone answers), the
// agent rejects it, the phone fails to take it, or it lapses. A rejected, failed or lapsed
// offer puts the task back with its place kept; lapses and unanswered rings count as misses,
// and `misses_before_not_ready` misses in a row set the agent not ready (missed_offers) so
// the queue stops waiting on someone who is not there.
import { SapaError } from '../../shared/errors.js';
import { type AgentTask, type TaskOffer } from '../../shared/contact-center.js';
import { type Db } from '../db/db.js';
import { changeAgent, lockAgent } from './agent-state.js';
import { inTransaction, type Outbox, type RouterContext } from './context.js';
import { loadRouting, weightsFrom } from './queue-settings.js';
import { takeBack } from './task-end.js';
import { agentTaskView, offerView } from './task-view.js';
import { assignTask, lockTask, TASK_COLUMNS, type TaskRow } from './tasks.js';

/**
 * The live reservation `reservationId` of `userId`, locked. Someone else's (or an unknown id)
 * is a 404 — nobody learns of another agent's work — and one of theirs that ended is a 409.
 */
async function liveReservation(tx: Db, userId: string, reservationId: string, now: Date): Promise<TaskRow> {
  const task = await lockTask(tx, 'reservation_id', reservationId);
  if (task && task.agent_id === userId && task.status === 'reserved' && task.reserved_until && new Date(task.reserved_until) > now) return task;
  const [once] = await tx.query<{ agent_id: string | null }>(
    "SELECT agent_id FROM cc_events WHERE event = 'reserved' AND detail->>'reservationId' = $1 LIMIT 1", [reservationId]);
  if (once?.agent_id === userId) {
    throw new SapaError('CONFLICT', 'This offer is no longer open (it lapsed, was taken back or the customer left)', { reason: 'stale_reservation' });
  }
  throw new SapaError('NOT_FOUND', `No offer ${reservationId}`);
}

export async function acceptOffer(ctx: RouterContext, userId: string, reservationId: string): Promise<AgentTask> {
  return inTransaction(ctx, async (tx, out, now) => {
    const task = await liveReservation(tx, userId, reservationId, now);
    const assigned = await assign(tx, out, now, task, 'accepted');
    const routing = await loadRouting(tx, task.queue_code);
    return agentTaskView(assigned, routing?.weights ?? weightsFrom({}), now);
  });
}

async function assign(tx: Db, out: Outbox, now: Date, task: TaskRow, event: 'accepted' | 'answered'): Promise<TaskRow> {
  const assigned = await assignTask(tx, now, task, event);
  const agent = await lockAgent(tx, task.agent_id ?? '', now);
  await changeAgent(tx, out, now, agent, { derived: 'on_task', misses: 0, cause: event });
  if (task.reservation_id && task.agent_id) {
    out.push({ k: 'push', userId: task.agent_id, push: { type: 'task_offer_ended', reservationId: task.reservation_id, reason: 'accepted' } });
  }
  return assigned;
}

export async function rejectOffer(ctx: RouterContext, userId: string, reservationId: string): Promise<void> {
  await inTransaction(ctx, async (tx, out, now) => {
    const task = await liveReservation(tx, userId, reservationId, now);
    await takeBack(ctx, tx, out, now, task, 'rejected', 'rejected');
  });
}

/** The SIP bridge: the agent's leg answered. A reservation that already ended is a 409. */
export async function answeredCall(ctx: RouterContext, taskId: string, reservationId: string): Promise<void> {
  await inTransaction(ctx, async (tx, out, now) => {
    const task = await lockTask(tx, 'id', taskId);
    if (!task || task.reservation_id !== reservationId || task.status !== 'reserved') {
      throw new SapaError('CONFLICT', `Reservation ${reservationId} of task ${taskId} is not open`);
    }
    // An answer that beats the lapse by a hair still counts: the caller is talking to them.
    await assign(tx, out, now, task, 'answered');
  });
}

/** The SIP bridge: the agent's leg failed. No answer counts as a miss; busy/declined/unreachable do not. */
export async function ringFailed(ctx: RouterContext, taskId: string, reservationId: string, reason: 'busy' | 'no_answer' | 'declined' | 'unreachable'): Promise<void> {
  await inTransaction(ctx, async (tx, out, now) => {
    const task = await lockTask(tx, 'id', taskId);
    if (!task || task.reservation_id !== reservationId || task.status !== 'reserved') return;
    await missOrBack(ctx, tx, out, now, task, reason === 'no_answer', reason === 'declined' ? 'rejected' : 'ring_failed', reason);
  });
}

/** Ends every reservation whose time ran out (run by the loop and the reconciler). */
export async function lapseExpired(ctx: RouterContext): Promise<number> {
  const now = ctx.clock();
  const due = await ctx.db.query<{ id: string }>(
    "SELECT id FROM cc_tasks WHERE status = 'reserved' AND reserved_until <= $1 ORDER BY reserved_until LIMIT 200", [now]);
  let lapsed = 0;
  for (const { id } of due) {
    await inTransaction(ctx, async (tx, out, at) => {
      const [task] = await tx.query<TaskRow>(
        `SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE id = $1 AND status = 'reserved' AND reserved_until <= $2 FOR UPDATE SKIP LOCKED`, [id, at]);
      if (!task) return;
      await missOrBack(ctx, tx, out, at, task, true, 'lapsed', 'lapsed');
      lapsed++;
    });
  }
  return lapsed;
}

async function missOrBack(
  ctx: RouterContext, tx: Db, out: Outbox, now: Date, task: TaskRow, miss: boolean,
  event: 'lapsed' | 'ring_failed' | 'rejected', why: string,
): Promise<void> {
  const agentId = task.agent_id;
  await takeBack(ctx, tx, out, now, task, event, event === 'lapsed' ? 'lapsed' : 'rejected', { why });
  if (!agentId || !miss) return;
  const agent = await lockAgent(tx, agentId, now);
  const misses = agent.misses + 1;
  const routing = await loadRouting(tx, task.queue_code);
  if (misses >= (routing?.missesBeforeNotReady ?? 2) && agent.chosen === 'ready') {
    await changeAgent(tx, out, now, agent, {
      chosen: 'not_ready', reason: 'missed_offers', misses: 0,
      derived: agent.derived === 'ready' ? 'not_ready' : agent.derived, cause: 'missed_offers',
    });
  } else {
    await tx.query('UPDATE cc_agent_state SET misses = $2 WHERE user_id = $1', [agentId, misses]);
  }
}

/** The offer out to the agent now (the poll after a reconnect). */
export async function myOffer(ctx: RouterContext, userId: string): Promise<TaskOffer | null> {
  const now = ctx.clock();
  const [task] = await ctx.db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE agent_id = $1 AND status = 'reserved' AND reserved_until > $2`, [userId, now]);
  if (!task) return null;
  const routing = await loadRouting(ctx.db, task.queue_code);
  return offerView(task, routing?.weights ?? weightsFrom({}), now);
}
