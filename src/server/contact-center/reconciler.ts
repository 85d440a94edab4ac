// The truth about agents, re-established every few seconds on every instance from what can
// be observed, so nobody stays "on a call" after a lost BYE or a crashed desktop:
//  - presence: no live socket, status report or request for presenceTimeoutSec → offline;
//    what they had is released (an offer or an accepted e-mail/call-back goes back to the
//    queue with its place; a call they were on is ended) — they keep what they chose, so
//    when the desktop comes back they are ready again at once;
//  - the desktop reported "no call" after the router put them on a call → the call ended;
//  - wrap-up past the queue's limit → what they chose;
//  - offers past their time → lapsed (offers.ts);
//  - a task state that disagrees with the agent's → the agent's is corrected.
// Every fix takes the agent's row with SKIP LOCKED, so two instances never fight over one.
import { type Db } from '../db/db.js';
import { changeAgent, isPresent, restingState, type AgentRow } from './agent-state.js';
import { inTransaction, type Outbox, type RouterContext } from './context.js';
import { lapseExpired } from './offers.js';
import { endForAgent, takeBack } from './task-end.js';
import { TASK_COLUMNS, type TaskRow } from './tasks.js';

/** A desktop's "no call" this long after the router saw the call answered ends it (a report in flight is not a hang-up). */
export const NO_CALL_GRACE_SEC = 2;

const AGENT_COLUMNS = 'user_id, chosen, reason, derived, since, ready_since, wrap_up_until, misses, phone_ready, last_seen_at';

export interface ReconcileResult { lapsed: number; offline: number; back: number; callsEnded: number; wrapUpsEnded: number; corrected: number }

export async function reconcile(ctx: RouterContext): Promise<ReconcileResult> {
  const result: ReconcileResult = { lapsed: 0, offline: 0, back: 0, callsEnded: 0, wrapUpsEnded: 0, corrected: 0 };
  result.lapsed = await lapseExpired(ctx);
  const now = ctx.clock();
  const stale = new Date(now.getTime() - ctx.presenceTimeoutSec * 1000);
  const candidates = await ctx.db.query<{ user_id: string }>(
    `SELECT user_id FROM cc_agent_state
      WHERE (derived <> 'offline' AND (last_seen_at IS NULL OR last_seen_at < $1))
         OR (derived = 'offline' AND chosen <> 'offline' AND last_seen_at >= $1)
         OR (derived = 'wrap_up' AND wrap_up_until <= $2)
         OR (derived IN ('reserved', 'on_task') AND NOT EXISTS (
               SELECT 1 FROM cc_tasks t WHERE t.agent_id = cc_agent_state.user_id AND t.status IN ('reserved', 'assigned')))
         OR (derived = 'on_task' AND phone_status IS DISTINCT FROM 'on_call' AND EXISTS (
               SELECT 1 FROM cc_tasks t WHERE t.agent_id = cc_agent_state.user_id AND t.status = 'assigned' AND t.kind = 'call'
                  AND phone_since > t.assigned_at AND phone_since <= $3))
      LIMIT 500`,
    [stale, now, new Date(now.getTime() - NO_CALL_GRACE_SEC * 1000)],
  );
  for (const { user_id } of candidates) {
    await inTransaction(ctx, async (tx, out, at) => {
      const [agent] = await tx.query<AgentRow & { phone_status: string | null; phone_since: Date | null }>(
        `SELECT ${AGENT_COLUMNS}, phone_status, phone_since FROM cc_agent_state WHERE user_id = $1 FOR UPDATE SKIP LOCKED`, [user_id]);
      if (agent) await fixAgent(ctx, tx, out, at, agent, result);
    });
  }
  return result;
}

async function fixAgent(
  ctx: RouterContext, tx: Db, out: Outbox, now: Date, agent: AgentRow & { phone_status: string | null; phone_since: Date | null },
  result: ReconcileResult,
): Promise<void> {
  const present = isPresent(agent, now, ctx.presenceTimeoutSec);
  const tasks = await tx.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE agent_id = $1 AND status IN ('reserved', 'assigned') FOR UPDATE`, [agent.user_id]);
  if (!present && agent.derived !== 'offline') {
    for (const task of tasks) {
      if (task.status === 'assigned' && task.kind === 'call') await endForAgent(ctx, tx, out, now, task, 'done', 'agent_lost');
      else await takeBack(ctx, tx, out, now, task, 'released', 'taken_back', { why: 'agent_lost' });
    }
    const fresh = await reread(tx, agent.user_id);
    await changeAgent(tx, out, now, fresh, { derived: 'offline', cause: 'presence_lost' });
    result.offline++;
    return;
  }
  if (present && agent.derived === 'offline' && agent.chosen !== 'offline') {
    await changeAgent(tx, out, now, agent, { derived: restingState(agent.chosen, true), cause: 'presence_back' });
    out.push({ k: 'kick' });
    result.back++;
    return;
  }
  if (agent.derived === 'wrap_up' && agent.wrap_up_until && new Date(agent.wrap_up_until) <= now) {
    await changeAgent(tx, out, now, agent, { derived: restingState(agent.chosen, present), cause: 'wrap_up_limit' });
    out.push({ k: 'kick' });
    result.wrapUpsEnded++;
    return;
  }
  const call = tasks.find((t) => t.status === 'assigned' && t.kind === 'call');
  if (agent.derived === 'on_task' && call && agent.phone_status !== 'on_call' && agent.phone_since && call.assigned_at
      && new Date(agent.phone_since) > new Date(call.assigned_at)
      && now.getTime() - new Date(agent.phone_since).getTime() >= NO_CALL_GRACE_SEC * 1000) {
    await endForAgent(ctx, tx, out, now, call, 'done', 'no_call_on_desktop');
    result.callsEnded++;
    return;
  }
  if ((agent.derived === 'reserved' || agent.derived === 'on_task') && tasks.length === 0) {
    await changeAgent(tx, out, now, agent, { derived: restingState(agent.chosen, present), cause: 'no_task' });
    out.push({ k: 'kick' });
    result.corrected++;
  }
}

async function reread(tx: Db, userId: string): Promise<AgentRow> {
  const [row] = await tx.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM cc_agent_state WHERE user_id = $1`, [userId]);
  if (!row) throw new Error(`agent state of ${userId} vanished`);
  return row;
}
