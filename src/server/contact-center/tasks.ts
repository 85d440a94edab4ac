// A task's moves (cc_tasks, migration 017), each with its event, inside the caller's
// transaction: reserve → assign → finish, or back to waiting with its place (enqueued_at)
// kept. Agent state moves are the caller's business (agent-state.ts).
import { type TaskKind, type TaskStatus } from '../../shared/contact-center.js';
import { type Db } from '../db/db.js';
import { appendEvent, type TaskEvent } from './events.js';

export interface TaskRow {
  id: string;
  kind: TaskKind;
  source_ref: string;
  queue_code: string;
  status: TaskStatus;
  customer_id: string | null;
  from_address: string;
  subject: string | null;
  tier: string | null;
  vvip: boolean;
  needs_identity_check: boolean;
  base_points: number;
  reasons: { factor: string; points: number }[];
  required_skills: string[];
  preferred_agent_id: string | null;
  site_code: string | null;
  enqueued_at: Date;
  not_before: Date;
  agent_id: string | null;
  reservation_id: string | null;
  reserved_until: Date | null;
  assigned_at: Date | null;
  ended_at: Date | null;
  outcome: string | null;
  offers: number;
}

export const TASK_COLUMNS = `id, kind, source_ref, queue_code, status, customer_id, from_address, subject, tier, vvip,
  needs_identity_check, base_points, reasons, required_skills, preferred_agent_id, site_code, enqueued_at, not_before,
  agent_id, reservation_id, reserved_until, assigned_at, ended_at, outcome, offers`;

export async function lockTask(tx: Db, where: 'id' | 'reservation_id', value: string): Promise<TaskRow | null> {
  const [row] = await tx.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE ${where} = $1 FOR UPDATE`, [value]);
  return row ?? null;
}

export async function lockCallTask(tx: Db, sipCallId: string): Promise<TaskRow | null> {
  const [row] = await tx.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM cc_tasks WHERE kind = 'call' AND source_ref = $1 FOR UPDATE`, [sipCallId]);
  return row ?? null;
}

async function update(tx: Db, id: string, set: string, params: unknown[]): Promise<TaskRow> {
  const [row] = await tx.query<TaskRow>(`UPDATE cc_tasks SET ${set} WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [id, ...params] as never[]);
  if (!row) throw new Error(`task ${id} vanished`);
  return row;
}

async function log(tx: Db, now: Date, t: TaskRow, event: TaskEvent, agentId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await appendEvent(tx, { at: now, event, taskId: t.id, agentId, queueCode: t.queue_code, detail });
}

export async function reserveTask(tx: Db, now: Date, t: TaskRow, agentId: string, reservationId: string, until: Date, score: number): Promise<TaskRow> {
  const row = await update(tx, t.id,
    "status = 'reserved', agent_id = $2, reservation_id = $3, reserved_until = $4, offers = offers + 1",
    [agentId, reservationId, until]);
  await log(tx, now, row, 'reserved', agentId, { reservationId, until: until.toISOString(), score });
  return row;
}

/** Back to waiting with its place kept: a rejected, lapsed or failed offer, a lost agent. */
export async function requeueTask(tx: Db, now: Date, t: TaskRow, event: TaskEvent, detail: Record<string, unknown> = {}, notBefore?: Date): Promise<TaskRow> {
  const row = await update(tx, t.id,
    "status = 'waiting', agent_id = NULL, reservation_id = NULL, reserved_until = NULL, assigned_at = NULL, not_before = $2",
    [notBefore ?? t.not_before]);
  await log(tx, now, t, event, t.agent_id, { ...detail, reservationId: t.reservation_id });
  return row;
}

export async function assignTask(tx: Db, now: Date, t: TaskRow, event: 'accepted' | 'answered'): Promise<TaskRow> {
  const row = await update(tx, t.id, "status = 'assigned', reserved_until = NULL, assigned_at = $2", [now]);
  await log(tx, now, row, event, t.agent_id, { reservationId: t.reservation_id });
  return row;
}

/** The end of a task: done (handled), abandoned (the caller left waiting) or cancelled (withdrawn). */
export async function finishTask(tx: Db, now: Date, t: TaskRow, status: 'done' | 'abandoned' | 'cancelled', outcome: string): Promise<TaskRow> {
  const row = await update(tx, t.id,
    'status = $2, reservation_id = NULL, reserved_until = NULL, ended_at = $3, outcome = $4', [status, now, outcome]);
  const event: TaskEvent = status === 'done' ? 'done' : status;
  await log(tx, now, t, event, t.agent_id, { outcome, from: t.status });
  return row;
}
