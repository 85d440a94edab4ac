// Putting work into a queue: one task per kind + source reference (a call's SIP Call-ID,
// an inbound message id, a call-back id), so a source that delivers twice makes one task.
// The customer part of the priority is computed here, once, with the queue's weights.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type TaskKind } from '../../shared/contact-center.js';
import { type Db } from '../db/db.js';
import { inTransaction, type RouterContext } from './context.js';
import { customerContext } from './customer-facts.js';
import { appendEvent } from './events.js';
import { customerPriority } from './priority.js';
import { weightsFrom } from './queue-settings.js';
import { type NewTask, type TaskIntakePort } from './task-intake-port.js';
import { endForAgent } from './task-end.js';
import { finishTask, lockTask } from './tasks.js';

export interface TaskDraft {
  kind: TaskKind;
  sourceRef: string;
  queueCode: string;
  customerId: string | null;
  from: string;
  subject: string | null;
  preferredAgentId?: string | null;
  notBefore?: Date;
  /** Keeps an older place in the queue (a call-back made from a caller who waited). */
  enqueuedAt?: Date;
  siteCode?: string | null;
  needsIdentityCheck?: boolean;
}

/**
 * Inserts the task unless one with its kind + source reference exists; answers its id.
 * A new task kicks the router loops, unless `quiet`: a call's arrival routes it itself, so
 * the caller is told "ring" in the answer rather than by a separate offer.
 */
export async function createTask(ctx: RouterContext, d: TaskDraft, tx?: Db, quiet = false): Promise<{ taskId: string; created: boolean }> {
  const run = async (db: Db, now: Date): Promise<{ taskId: string; created: boolean }> => {
    const [existing] = await db.query<{ id: string }>('SELECT id FROM cc_tasks WHERE kind = $1 AND source_ref = $2', [d.kind, d.sourceRef]);
    if (existing) return { taskId: existing.id, created: false };
    const [queue] = await db.query<{ priority_weights: unknown; required_skills: string[]; active: boolean }>(
      'SELECT priority_weights, required_skills, active FROM queues WHERE code = $1', [d.queueCode]);
    if (!queue) throw new SapaError('NOT_FOUND', `No queue "${d.queueCode}"`);
    const customer = d.customerId ? await customerContext(db, d.customerId, now) : null;
    const priority = customerPriority(customer?.facts ?? null, weightsFrom(queue.priority_weights), now);
    const id = uuidv7();
    const rows = await db.query<{ id: string }>(
      `INSERT INTO cc_tasks (id, kind, source_ref, queue_code, status, customer_id, from_address, subject, tier, vvip,
         needs_identity_check, base_points, reasons, required_skills, preferred_agent_id, site_code, enqueued_at, not_before)
       VALUES ($1, $2, $3, $4, 'waiting', $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::text[], $14, $15, $16, $17)
       ON CONFLICT (kind, source_ref) DO NOTHING RETURNING id`,
      [
        id, d.kind, d.sourceRef, d.queueCode, customer?.customerId ?? null, d.from.slice(0, 320), d.subject?.slice(0, 500) ?? null,
        customer?.facts.tier ?? null, customer?.facts.vvip ?? false, d.needsIdentityCheck ?? false, priority.points,
        JSON.stringify(priority.reasons), queue.required_skills, d.preferredAgentId ?? customer?.lastAgentId ?? null,
        d.siteCode ?? null, d.enqueuedAt ?? now, d.notBefore && d.notBefore > now ? d.notBefore : now,
      ],
    );
    if (rows.length === 0) {
      // Another transaction made it meanwhile: theirs stands.
      const [raced] = await db.query<{ id: string }>('SELECT id FROM cc_tasks WHERE kind = $1 AND source_ref = $2', [d.kind, d.sourceRef]);
      if (!raced) throw new SapaError('CONFLICT', 'task intake raced and lost its row');
      return { taskId: raced.id, created: false };
    }
    await appendEvent(db, {
      at: now, event: 'enqueued', taskId: id, queueCode: d.queueCode,
      detail: { kind: d.kind, points: priority.points, site: d.siteCode ?? null },
    });
    return { taskId: id, created: true };
  };
  if (tx) return run(tx, ctx.clock());
  const result = await inTransaction(ctx, async (db, out, now) => {
    const r = await run(db, now);
    if (r.created && !quiet) out.push({ k: 'kick' });
    return r;
  });
  return result;
}

/** The queue an e-mail to `address` belongs to (the queue listing it), else the general queue. */
async function queueForAddress(db: Db, address: string | undefined): Promise<string> {
  if (address) {
    const [row] = await db.query<{ code: string }>(
      'SELECT code FROM queues WHERE active AND $1 = ANY(mail_addresses) ORDER BY code LIMIT 1', [address.trim().toLowerCase()]);
    if (row) return row.code;
  }
  const [general] = await db.query<{ code: string }>("SELECT code FROM queues WHERE code = 'general'");
  if (general) return general.code;
  throw new SapaError('NOT_FOUND', `No queue takes mail to ${address ?? '(no address)'}`);
}

export function taskIntake(ctx: RouterContext): TaskIntakePort {
  return {
    async enqueue(task: NewTask) {
      const queueCode = task.queueCode ?? await queueForAddress(ctx.db, task.toAddress);
      return createTask(ctx, {
        kind: task.kind, sourceRef: task.sourceRef, queueCode, customerId: task.customerId, from: task.from,
        subject: task.subject, preferredAgentId: task.preferredAgentId ?? null, ...(task.notBefore ? { notBefore: task.notBefore } : {}),
      });
    },
    async withdraw(kind, sourceRef) {
      await withdrawTask(ctx, kind, sourceRef);
    },
  };
}

/** The source took it back: a waiting task is cancelled; one out to an agent is ended for them. */
export async function withdrawTask(ctx: RouterContext, kind: TaskKind, sourceRef: string): Promise<void> {
  await inTransaction(ctx, async (tx, out, now) => {
    const [found] = await tx.query<{ id: string }>('SELECT id FROM cc_tasks WHERE kind = $1 AND source_ref = $2', [kind, sourceRef]);
    if (!found) return;
    const task = await lockTask(tx, 'id', found.id);
    if (!task || !['waiting', 'reserved', 'assigned'].includes(task.status)) return;
    if (task.status === 'waiting') await finishTask(tx, now, task, 'cancelled', 'withdrawn');
    else await endForAgent(ctx, tx, out, now, task, 'cancelled', 'withdrawn');
  });
}
