// The append-only event log (cc_events, migration 017: a trigger refuses UPDATE and
// DELETE). Written in the same transaction as the change it records, so the log and the
// state never disagree; the lead console and the reports compute from it.
import { type Db } from '../db/db.js';

export type TaskEvent =
  | 'enqueued' | 'reserved' | 'accepted' | 'answered' | 'rejected' | 'lapsed' | 'ring_failed' | 'released'
  | 'requeued' | 'done' | 'abandoned' | 'cancelled' | 'overflowed';

export interface EventRow {
  at: Date;
  event: TaskEvent | 'agent_state';
  taskId?: string | null;
  agentId?: string | null;
  queueCode?: string | null;
  detail?: Record<string, unknown>;
}

export async function appendEvent(tx: Db, e: EventRow): Promise<void> {
  await tx.query(
    'INSERT INTO cc_events (at, event, task_id, agent_id, queue_code, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [e.at, e.event, e.taskId ?? null, e.agentId ?? null, e.queueCode ?? null, JSON.stringify(e.detail ?? {})],
  );
}
