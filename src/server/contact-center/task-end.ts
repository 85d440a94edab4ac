// The end of a task an agent had (reserved or assigned): the task is finished, the offer
// (if still out) withdrawn from the desktop, and the agent moves on — to wrap-up after a
// call they talked on (bounded by the queue's limit), otherwise back to what they chose.
import { type Db } from '../db/db.js';
import { changeAgent, isPresent, lockAgent, restingState } from './agent-state.js';
import { type Outbox, type RouterContext } from './context.js';
import { finishTask, requeueTask, type TaskRow } from './tasks.js';
import { type TaskEvent } from './events.js';

export async function endForAgent(
  ctx: RouterContext, tx: Db, out: Outbox, now: Date, task: TaskRow, status: 'done' | 'abandoned' | 'cancelled', outcome: string,
): Promise<TaskRow> {
  const ended = await finishTask(tx, now, task, status, outcome);
  if (task.agent_id) {
    if (task.status === 'reserved' && task.reservation_id) {
      out.push({ k: 'push', userId: task.agent_id, push: { type: 'task_offer_ended', reservationId: task.reservation_id, reason: outcome === 'caller_left' ? 'caller_left' : 'taken_back' } });
    }
    const talked = task.status === 'assigned' && task.kind === 'call';
    await freeAgent(ctx, tx, out, now, task.agent_id, talked ? await wrapUpLimit(tx, task.queue_code) : 0, `task_${status}`);
  }
  return ended;
}

/** Puts an agent's reserved or assigned task back in the queue (its place kept) and frees the agent. */
export async function takeBack(
  ctx: RouterContext, tx: Db, out: Outbox, now: Date, task: TaskRow, event: TaskEvent, reason: 'rejected' | 'lapsed' | 'taken_back',
  detail: Record<string, unknown> = {},
): Promise<TaskRow> {
  const back = await requeueTask(tx, now, task, event, detail);
  if (task.agent_id) {
    if (task.status === 'reserved' && task.reservation_id) {
      out.push({ k: 'push', userId: task.agent_id, push: { type: 'task_offer_ended', reservationId: task.reservation_id, reason } });
    }
    await freeAgent(ctx, tx, out, now, task.agent_id, 0, event);
  }
  out.push({ k: 'kick' });
  return back;
}

async function wrapUpLimit(tx: Db, queueCode: string): Promise<number | null> {
  const [q] = await tx.query<{ wrap_up_limit_sec: number | null }>('SELECT wrap_up_limit_sec FROM queues WHERE code = $1', [queueCode]);
  return q ? q.wrap_up_limit_sec : 0;
}

/**
 * The agent has no task any more: wrap-up for `wrapUpSec` (null: until they end it, 0: none),
 * or what they chose. An agent who is not in a task state (already moved by the reconciler) is left as is.
 */
export async function freeAgent(ctx: RouterContext, tx: Db, out: Outbox, now: Date, agentId: string, wrapUpSec: number | null, cause: string): Promise<void> {
  const agent = await lockAgent(tx, agentId, now);
  if (agent.derived !== 'reserved' && agent.derived !== 'on_task') return;
  if (wrapUpSec !== 0) {
    const until = wrapUpSec === null ? null : new Date(now.getTime() + wrapUpSec * 1000);
    await changeAgent(tx, out, now, agent, { derived: 'wrap_up', wrapUpUntil: until, cause });
    return;
  }
  await changeAgent(tx, out, now, agent, { derived: restingState(agent.chosen, isPresent(agent, now, ctx.presenceTimeoutSec)), cause });
  out.push({ k: 'kick' });
}
