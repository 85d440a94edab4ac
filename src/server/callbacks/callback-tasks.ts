// The call-back source of the contact center: a call-back falls due → a call-back task in
// the queue, preferably for the agent it was promised by; a call-back cancelled (or done)
// meanwhile → its task withdrawn; the task's outcome → the call-back row (done, or due
// again at the retry time the agent chose). One sweep every few seconds, on every server
// instance: each step is idempotent (one task per call-back id, conditional UPDATEs), so
// two instances sweeping together do the work once. The router's task table (migration
// 017) is read, never written, here.
import { type TaskIntakePort } from '../contact-center/task-intake-port.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';

const SWEEP_EVERY_MS = 3_000;
/** Per sweep: a backlog (a server that was down all night) drains over a few sweeps. */
const BATCH = 200;

interface DueRow { id: string; customer_id: string; phone: string | null; note: string | null; assignee_id: string | null; due_at: Date | string }

export interface SweepResult { enqueued: number; withdrawn: number; settled: number }

/** One pass: enqueue what fell due, withdraw what was cancelled, settle what was worked. */
export async function sweepCallbacks(db: Db, intake: TaskIntakePort, now: Date = new Date()): Promise<SweepResult> {
  // The number: the call-back's own, else the customer's first phone on file.
  const due = await db.query<DueRow>(
    `SELECT c.id, c.customer_id, COALESCE(c.phone_e164, cu.phones->0->>'e164') AS phone, c.note, c.assignee_id, c.due_at
     FROM callbacks c JOIN customers cu ON cu.id = c.customer_id
     WHERE c.status = 'open' AND c.due_at <= $1
       AND NOT EXISTS (SELECT 1 FROM cc_tasks t WHERE t.kind = 'callback' AND t.source_ref = c.id::text)
     ORDER BY c.due_at LIMIT ${BATCH}`, [now]);
  let enqueued = 0;
  for (const c of due) {
    const r = await intake.enqueue({
      kind: 'callback', sourceRef: c.id, queueCode: null, customerId: c.customer_id, from: c.phone ?? '',
      subject: c.note, preferredAgentId: c.assignee_id, notBefore: new Date(c.due_at),
    });
    if (r.created) enqueued += 1;
  }

  const settled = await settleFromTasks(db);

  // Cancelled (or closed some other way) while its task is still waiting or out with an agent.
  const gone = await db.query<{ id: string }>(
    `SELECT c.id FROM callbacks c JOIN cc_tasks t ON t.kind = 'callback' AND t.source_ref = c.id::text
     WHERE c.status <> 'open' AND t.status IN ('waiting', 'reserved', 'assigned') LIMIT ${BATCH}`);
  for (const c of gone) await intake.withdraw('callback', c.id);

  return { enqueued, withdrawn: gone.length, settled };
}

/**
 * The call-back row follows its task: reached or wrong number → done; no answer → due at
 * the retry time (the router re-queued the task with it as its not-before). Conditional,
 * so a second instance's sweep changes nothing.
 */
async function settleFromTasks(db: Db): Promise<number> {
  return withWriteTransaction(db, async (tx) => {
    const done = await tx.query<{ id: string }>(
      `UPDATE callbacks c SET status = 'done'
       FROM cc_tasks t
       WHERE t.kind = 'callback' AND t.source_ref = c.id::text AND c.status = 'open'
         AND t.status = 'done' AND t.outcome IN ('reached', 'wrong_number')
       RETURNING c.id`);
    const retried = await tx.query<{ id: string }>(
      `UPDATE callbacks c SET due_at = t.not_before
       FROM cc_tasks t
       WHERE t.kind = 'callback' AND t.source_ref = c.id::text AND c.status = 'open'
         -- Re-queued: its not-before moved past both its first place and the current due time
         -- (a fresh task's not-before is its due time, or its enqueue time when already due).
         AND t.status = 'waiting' AND t.not_before > c.due_at AND t.not_before > t.enqueued_at
       RETURNING c.id`);
    return done.length + retried.length;
  });
}

export interface CallbackTaskScheduler { start(): void; stop(): Promise<void> }

export function callbackTaskScheduler(
  db: Db, intake: TaskIntakePort, onError: (error: unknown) => void, everyMs = SWEEP_EVERY_MS,
): CallbackTaskScheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepCallbacks(db, intake).then(() => undefined, onError).finally(() => { running = null; });
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
