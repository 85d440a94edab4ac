// The router as the SIP bridge sees it (CallRouterPort): a trunk call arrives for a hotline,
// is rung at once or queued, answered or not, ends; a queued caller asks where they stand.
// The schedule sends traffic to the site on duty; a queue's overflow sends a caller waiting
// too long with every home agent busy to the other site, where the same Call-ID arrives again.
import { toE164 } from '../../shared/phone.js';
import { hotlineKey } from '../../shared/queue-routing.js';
import { type Db } from '../db/db.js';
import {
  type ArrivalAnswer, type CallArrival, type CallOffer, type CallRouterPort, type QueueStanding,
} from './call-router-port.js';
import { inTransaction, type RouterContext } from './context.js';
import { customerByPhone } from './customer-facts.js';
import { appendEvent } from './events.js';
import { createTask } from './intake.js';
import { answeredCall, ringFailed } from './offers.js';
import { loadRouting } from './queue-settings.js';
import { routeQueueOnce } from './router-step.js';
import { loadSchedule, siteOnDuty } from './schedule.js';
import { endForAgent } from './task-end.js';
import { finishTask, lockCallTask, type TaskRow, TASK_COLUMNS } from './tasks.js';

/** Handle time assumed for the expected wait until a queue has answered calls of its own. */
const DEFAULT_HANDLE_SEC = 180;

async function queueForNumber(db: Db, dialled: string): Promise<string | null> {
  const [row] = await db.query<{ code: string }>(
    `SELECT code FROM queues WHERE active
        AND EXISTS (SELECT 1 FROM unnest(hotline_numbers) n WHERE regexp_replace(n, '[^0-9]', '', 'g') = $1)
      ORDER BY code LIMIT 1`, [hotlineKey(dialled)]);
  return row?.code ?? null;
}

async function callTask(db: Db, sipCallId: string): Promise<TaskRow | null> {
  const [row] = await db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE kind = 'call' AND source_ref = $1`, [sipCallId]);
  return row ?? null;
}

/** Place in the queue (1 = next) and the expected wait from recent handle times and agents present. */
async function standingOf(db: Db, task: TaskRow, now: Date): Promise<{ position: number; expectedWaitSec: number | null }> {
  const [row] = await db.query<{ ahead: number; agents: number; handle: number | null }>(
    `WITH q AS (SELECT COALESCE((priority_weights->>'perSecondWaited')::float8, 1) AS per_sec FROM queues WHERE code = $1),
     me AS (SELECT $3::float8 + q.per_sec * extract(epoch FROM ($2::timestamptz - $4::timestamptz)) AS score FROM q)
     SELECT (SELECT count(*)::int FROM cc_tasks t, q, me WHERE t.queue_code = $1 AND t.status = 'waiting' AND t.id <> $5
               AND t.base_points + q.per_sec * extract(epoch FROM ($2::timestamptz - t.enqueued_at)) > me.score) AS ahead,
            (SELECT count(*)::int FROM cc_agent_state s JOIN users u ON u.id = s.user_id
              WHERE $1 = ANY(u.queues) AND s.derived NOT IN ('offline', 'not_ready')) AS agents,
            (SELECT avg(extract(epoch FROM (ended_at - assigned_at)))::float8 FROM (
               SELECT ended_at, assigned_at FROM cc_tasks WHERE queue_code = $1 AND kind = 'call' AND status = 'done'
                  AND assigned_at IS NOT NULL ORDER BY ended_at DESC LIMIT 50) recent) AS handle`,
    [task.queue_code, now, task.base_points, task.enqueued_at, task.id]);
  const position = (row?.ahead ?? 0) + 1;
  const agents = row?.agents ?? 0;
  const expectedWaitSec = agents === 0 ? null : Math.round((position * (row?.handle ?? DEFAULT_HANDLE_SEC)) / agents);
  return { position, expectedWaitSec };
}

export function callRouter(ctx: RouterContext): CallRouterPort {
  return {
    async arrive(call: CallArrival): Promise<ArrivalAnswer> {
      const now = ctx.clock();
      const again = await callTask(ctx.db, call.sipCallId);
      if (again) {
        // The same call reached another site (an overflow or a schedule hand-over): it keeps its task and place.
        if (again.status !== 'waiting') return { outcome: 'rejected', reason: 'closed' };
        if (again.site_code !== call.siteCode) {
          await inTransaction(ctx, async (tx) => {
            await tx.query('UPDATE cc_tasks SET site_code = $2 WHERE id = $1', [again.id, call.siteCode]);
            await appendEvent(tx, { at: now, event: 'overflowed', taskId: again.id, queueCode: again.queue_code, detail: { from: again.site_code, to: call.siteCode } });
          });
        }
        return routeOrQueue(again.id, again.queue_code);
      }
      const queueCode = await queueForNumber(ctx.db, call.dialledNumber);
      if (!queueCode) return { outcome: 'rejected', reason: 'no_queue' };
      const schedule = await loadSchedule(ctx.db);
      if (schedule.length > 0) {
        const onDuty = siteOnDuty(schedule, now);
        if (!onDuty) return { outcome: 'rejected', reason: 'closed' };
        if (onDuty !== call.siteCode) return { outcome: 'overflow', taskId: null, toSiteCode: onDuty };
      }
      // A caller ID the carrier did not vouch for earns no customer's priority and is validated first.
      const customerId = call.trusted ? await customerByPhone(ctx.db, call.callerNumber) : null;
      const { taskId } = await createTask(ctx, {
        kind: 'call', sourceRef: call.sipCallId, queueCode, customerId, from: call.callerNumber, subject: null,
        siteCode: call.siteCode, needsIdentityCheck: customerId === null,
      }, undefined, true);
      return routeOrQueue(taskId, queueCode);
    },
    answered: (taskId, reservationId) => answeredCall(ctx, taskId, reservationId),
    ringFailed: (taskId, reservationId, reason) => ringFailed(ctx, taskId, reservationId, reason),
    async ended(sipCallId, reason) {
      await inTransaction(ctx, async (tx, out, now) => {
        const task = await lockCallTask(tx, sipCallId);
        if (!task) return;
        if (task.status === 'waiting') await finishTask(tx, now, task, reason === 'failed' ? 'cancelled' : 'abandoned', reason);
        else if (task.status === 'reserved') await endForAgent(ctx, tx, out, now, task, 'abandoned', 'caller_left');
        else if (task.status === 'assigned') await endForAgent(ctx, tx, out, now, task, 'done', reason);
      });
    },
    async convertToCallback(sipCallId) {
      const call = await callTask(ctx.db, sipCallId);
      if (!call) throw new Error(`no call task for ${sipCallId}`);
      return inTransaction(ctx, async (tx, out, now) => {
        const task = await lockCallTask(tx, sipCallId);
        if (task && task.status === 'waiting') await finishTask(tx, now, task, 'cancelled', 'converted_to_callback');
        else if (task && task.status === 'reserved') await endForAgent(ctx, tx, out, now, task, 'cancelled', 'converted_to_callback');
        // The call-back keeps the caller's place: it is due now and has waited as long as they did.
        // Its number is E.164 (trunks send "62812…"): the task card shows and dials it as a
        // phone number, and the outcome in the timeline carries it.
        const { taskId } = await createTask(ctx, {
          kind: 'callback', sourceRef: `call:${sipCallId}`, queueCode: call.queue_code, customerId: call.customer_id,
          from: toE164(call.from_address) ?? call.from_address, subject: null, enqueuedAt: new Date(call.enqueued_at), needsIdentityCheck: call.needs_identity_check,
        }, tx);
        out.push({ k: 'kick' });
        return { callbackTaskId: taskId };
      });
    },
    async standing(sipCallId): Promise<QueueStanding | null> {
      const now = ctx.clock();
      const task = await callTask(ctx.db, sipCallId);
      if (!task || (task.status !== 'waiting' && task.status !== 'reserved')) return null;
      const routing = await loadRouting(ctx.db, task.queue_code);
      const { position, expectedWaitSec } = await standingOf(ctx.db, task, now);
      const waitedSec = Math.max(0, Math.floor((now.getTime() - new Date(task.enqueued_at).getTime()) / 1000));
      let overLimit: QueueStanding['overLimit'] = null;
      if (routing && task.status === 'waiting') {
        const other = routing.overflowSiteCode && routing.overflowSiteCode !== task.site_code ? routing.overflowSiteCode : null;
        if (waitedSec >= routing.maxWaitSec) {
          overLimit = routing.maxWaitAction === 'overflow' && other ? { action: 'overflow', toSiteCode: other } : { action: 'callback' };
        } else if (other && waitedSec >= routing.overflowWaitSec && await homeAgentsAllBusy(ctx.db, task)) {
          overLimit = { action: 'overflow', toSiteCode: other };
        }
      }
      return { position, expectedWaitSec, waitedSec, overLimit };
    },
    onCallOffer(siteCode, listener) {
      return ctx.bus.subscribe((m) => {
        if (m.k !== 'call_offer' || m.offer.siteCode !== siteCode) return;
        const offer: CallOffer = { ...m.offer, expiresAt: new Date(m.offer.expiresAt) };
        listener(offer);
      });
    },
  };

  async function routeOrQueue(taskId: string, queueCode: string): Promise<ArrivalAnswer> {
    const reservation = await routeQueueOnce(ctx, queueCode, taskId);
    const task = await ctx.db.query<TaskRow & { extension: string | null }>(
      `SELECT ${TASK_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ')}, e.extension
         FROM cc_tasks t LEFT JOIN agent_extensions e ON e.user_id = t.agent_id WHERE t.id = $1`, [taskId]);
    const row = task[0];
    if (row && row.status === 'reserved' && row.reservation_id && row.agent_id && row.extension) {
      return { outcome: 'ring', taskId, reservationId: row.reservation_id, extension: row.extension, agentId: row.agent_id };
    }
    // Another task got the free agent (it ranks higher); this one waits its turn.
    if (reservation) await ctx.bus.publish([{ k: 'kick' }]);
    if (!row) return { outcome: 'rejected', reason: 'closed' };
    const { position, expectedWaitSec } = await standingOf(ctx.db, row, ctx.clock());
    return { outcome: 'queued', taskId, position, expectedWaitSec };
  }
}

/** Every agent of the call's site who works its queue is busy (reserved, on a task or in wrap-up) — none ready. */
async function homeAgentsAllBusy(db: Db, task: TaskRow): Promise<boolean> {
  const [row] = await db.query<{ ready: number }>(
    `SELECT count(*)::int AS ready FROM cc_agent_state s JOIN users u ON u.id = s.user_id LEFT JOIN branches b ON b.code = u.branch
      WHERE $1 = ANY(u.queues) AND s.derived = 'ready' AND ($2::text IS NULL OR b.site_code IS NULL OR b.site_code = $2)`,
    [task.queue_code, task.site_code]);
  return (row?.ready ?? 0) === 0;
}
