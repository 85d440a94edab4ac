// What the agent's desktop tells the router: the state they choose, that it is there
// (presence), what its phone is doing; and what it asks: its state, its tasks, its queues.
import { SapaError } from '../../shared/errors.js';
import {
  TASK_KINDS, type TaskKind,
  type AgentStateView, type AgentTask, type CompleteTaskRequest, type MyQueue, type SetAgentStateRequest,
} from '../../shared/contact-center.js';
import { type AgentStatus } from '../../shared/softphone.js';
import { changeAgent, agentView, lockAgent, readAgent, restingState } from './agent-state.js';
import { inTransaction, type RouterContext } from './context.js';
import { loadRouting, weightsFrom } from './queue-settings.js';
import { freeAgent, takeBack, endForAgent } from './task-end.js';
import { agentTaskView } from './task-view.js';
import { lockTask, requeueTask, TASK_COLUMNS, type TaskRow } from './tasks.js';

/** A call-back nobody answered is tried again this much later unless the agent says when. */
export const DEFAULT_RETRY_MIN = 30;
const MAX_RETRY_DAYS = 14;

export async function myState(ctx: RouterContext, userId: string): Promise<AgentStateView> {
  const row = await readAgent(ctx.db, userId);
  if (row) return agentView(row);
  return inTransaction(ctx, async (tx, _out, now) => agentView(await lockAgent(tx, userId, now)));
}

/**
 * The agent's choice. Ready, not ready or offline applies at once when they have no task;
 * an offer still out is taken back if they stop being ready; during wrap-up any choice ends
 * the wrap-up; on a task it applies when the task ends. Choosing is also presence.
 */
export async function setMyState(ctx: RouterContext, userId: string, req: SetAgentStateRequest): Promise<AgentStateView> {
  return inTransaction(ctx, async (tx, out, now) => {
    await tx.query('INSERT INTO cc_agent_state (user_id, since) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, now]);
    await tx.query('UPDATE cc_agent_state SET last_seen_at = $2 WHERE user_id = $1', [userId, now]);
    let agent = await lockAgent(tx, userId, now);
    const reason = req.state === 'not_ready' ? req.reason : null;
    const misses = req.state === 'ready' ? 0 : agent.misses;
    if (agent.derived === 'reserved' && req.state !== 'ready') {
      agent = await changeAgent(tx, out, now, agent, { chosen: req.state, reason, misses, cause: 'chosen' });
      const [task] = await tx.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE agent_id = $1 AND status = 'reserved' FOR UPDATE`, [userId]);
      if (task) await takeBack(ctx, tx, out, now, task, 'released', 'taken_back', { why: 'agent_not_ready' });
      return agentView((await readAgent(tx, userId)) ?? agent);
    }
    const resting = agent.derived === 'ready' || agent.derived === 'not_ready' || agent.derived === 'offline' || agent.derived === 'wrap_up';
    const derived = resting ? restingState(req.state, true) : agent.derived;
    const changed = await changeAgent(tx, out, now, agent, { chosen: req.state, reason, misses, derived, cause: 'chosen' });
    if (changed.derived === 'ready') out.push({ k: 'kick' });
    return agentView(changed);
  });
}

/** The desktops of these users are connected (live socket): they count as present now. */
export async function touchPresence(ctx: RouterContext, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await ctx.db.query('UPDATE cc_agent_state SET last_seen_at = $2 WHERE user_id = ANY($1::uuid[])', [userIds, ctx.clock()]);
}

/**
 * The desktop's softphone status (PUT /agents/me/status): registered or not (calls need a
 * registered phone), and the end of after-call work when it moves on to available.
 */
export async function phoneReport(ctx: RouterContext, userId: string, status: AgentStatus): Promise<void> {
  await inTransaction(ctx, async (tx, out, now) => {
    const agent = await lockAgent(tx, userId, now);
    await tx.query(
      `UPDATE cc_agent_state SET phone_ready = $2, last_seen_at = $3,
         phone_since = CASE WHEN phone_status IS DISTINCT FROM $4 THEN $3 ELSE phone_since END, phone_status = $4
        WHERE user_id = $1`,
      [userId, status !== 'offline', now, status]);
    if (agent.derived === 'wrap_up' && status === 'available') {
      await changeAgent(tx, out, now, agent, { derived: restingState(agent.chosen, true), cause: 'wrap_up_done' });
      out.push({ k: 'kick' });
    }
    if (status !== 'offline' && !agent.phone_ready) out.push({ k: 'kick' });
  });
}

export async function myTasks(ctx: RouterContext, userId: string): Promise<AgentTask[]> {
  const now = ctx.clock();
  const rows = await ctx.db.query<TaskRow & { priority_weights: unknown }>(
    `SELECT ${TASK_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ')}, q.priority_weights
       FROM cc_tasks t JOIN queues q ON q.code = t.queue_code
      WHERE t.agent_id = $1 AND t.status = 'assigned' ORDER BY t.assigned_at`, [userId]);
  return rows.map((r) => agentTaskView(r, weightsFrom(r.priority_weights), now));
}

export async function myQueue(ctx: RouterContext, userId: string): Promise<MyQueue> {
  const now = ctx.clock();
  const rows = await ctx.db.query<{ code: string; label_id: string; label_en: string; kind: string | null; n: number; oldest: Date | null }>(
    `SELECT q.code, q.label_id, q.label_en, t.kind, count(t.id)::int AS n, min(t.enqueued_at) AS oldest
       FROM users u JOIN queues q ON q.code = ANY(u.queues) AND q.active
       LEFT JOIN cc_tasks t ON t.queue_code = q.code AND t.status = 'waiting' AND t.not_before <= $2
      WHERE u.id = $1
      GROUP BY q.code, q.label_id, q.label_en, t.kind ORDER BY q.code`, [userId, now]);
  const byQueue = new Map<string, MyQueue['queues'][number]>();
  for (const r of rows) {
    const q = byQueue.get(r.code) ?? {
      queueCode: r.code, labelId: r.label_id, labelEn: r.label_en,
      waiting: { call: 0, email: 0, callback: 0, follow_up: 0, message: 0, chat: 0 }, oldestWaitSec: null,
    };
    if (r.kind !== null && (TASK_KINDS as readonly string[]).includes(r.kind)) q.waiting[r.kind as TaskKind] = r.n;
    if (r.oldest) {
      const waited = Math.max(0, Math.floor((now.getTime() - new Date(r.oldest).getTime()) / 1000));
      q.oldestWaitSec = Math.max(q.oldestWaitSec ?? 0, waited);
    }
    byQueue.set(r.code, q);
  }
  return { queues: [...byQueue.values()], at: now.toISOString() };
}

/**
 * The agent finished an e-mail, call-back or follow-up. A call-back nobody answered goes
 * back to the queue, due at retryAt, with its place kept. Calls end through the SIP bridge.
 */
export async function completeTask(ctx: RouterContext, userId: string, taskId: string, req: CompleteTaskRequest): Promise<AgentTask> {
  return inTransaction(ctx, async (tx, out, now) => {
    const task = await lockTask(tx, 'id', taskId);
    if (!task || task.agent_id !== userId) throw new SapaError('NOT_FOUND', `No task ${taskId} of yours`);
    if (task.status !== 'assigned') {
      throw new SapaError('CONFLICT', `Task ${taskId} is ${task.status}, not in progress: it cannot be completed`, { status: task.status });
    }
    if (task.kind !== req.kind) {
      throw new SapaError('INVALID_INPUT', `Task ${taskId} is a ${task.kind}, not a ${req.kind}`, [`kind: expected ${task.kind}`]);
    }
    const weights = (await loadRouting(tx, task.queue_code))?.weights ?? weightsFrom({});
    if (req.kind === 'callback' && req.outcome === 'no_answer') {
      const retryAt = req.retryAt ? new Date(req.retryAt) : new Date(now.getTime() + DEFAULT_RETRY_MIN * 60_000);
      if (retryAt <= now || retryAt.getTime() - now.getTime() > MAX_RETRY_DAYS * 86_400_000) {
        throw new SapaError('INVALID_INPUT', `retryAt must be in the future and within ${MAX_RETRY_DAYS} days`, ['retryAt: out of range']);
      }
      const back = await requeueTask(tx, now, task, 'requeued', { outcome: 'no_answer', retryAt: retryAt.toISOString(), note: req.note ?? null }, retryAt);
      await freeAgent(ctx, tx, out, now, userId, 0, 'task_requeued');
      return agentTaskView(back, weights, now);
    }
    const outcome = req.kind === 'callback' ? req.outcome : 'handled';
    const done = await endForAgent(ctx, tx, out, now, task, 'done', outcome);
    return agentTaskView(done, weights, now);
  });
}
