// A task as the desktop sees it: the offer (with its priority and reasons at this moment)
// and the agent's task in progress. The caller number or sender is shown as is; whether the
// customer's details may be shown yet is needs_identity_check (an unknown caller number).
import { type AgentTask, type PriorityReason, type TaskOffer } from '../../shared/contact-center.js';
import { Tier } from '../../shared/domain.js';
import { type PriorityWeights } from '../../shared/queue-routing.js';
import { priorityAt } from './priority.js';
import { type TaskRow } from './tasks.js';

function common(t: TaskRow, weights: PriorityWeights, now: Date) {
  const base = { points: t.base_points, reasons: t.reasons as PriorityReason[] };
  const p = priorityAt(base, new Date(t.enqueued_at), weights, now);
  const tier = Tier.safeParse(t.tier);
  return {
    taskId: t.id,
    kind: t.kind,
    queueCode: t.queue_code,
    customerId: t.customer_id,
    from: t.from_address,
    subject: t.subject,
    tier: tier.success ? tier.data : null,
    vvip: t.vvip,
    priority: p.points,
    reasons: p.reasons,
    waitedSec: Math.max(0, Math.floor((now.getTime() - new Date(t.enqueued_at).getTime()) / 1000)),
    needsIdentityCheck: t.needs_identity_check,
    sourceId: t.kind === 'call' ? null : t.source_ref,
  };
}

export function offerView(t: TaskRow, weights: PriorityWeights, now: Date): TaskOffer {
  if (!t.reservation_id || !t.reserved_until) throw new Error(`task ${t.id} is not reserved`);
  return { ...common(t, weights, now), reservationId: t.reservation_id, expiresAt: new Date(t.reserved_until).toISOString() };
}

export function agentTaskView(t: TaskRow, weights: PriorityWeights, now: Date): AgentTask {
  return { ...common(t, weights, now), status: t.status, assignedAt: t.assigned_at ? new Date(t.assigned_at).toISOString() : null };
}
