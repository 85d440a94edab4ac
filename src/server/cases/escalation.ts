// Escalation of cases past their due time: a sweep on every server instance. A case still
// being worked at its due time goes to the team lead of its assignee's team (level 1); one
// still being worked a further ESCALATE_AGAIN_MS later goes to the next level, an admin
// (level 2). Each step is a conditional UPDATE (escalation_level = the level seen), so two
// instances sweeping together escalate once, and each writes one event in the customer's
// timeline. Only cases filed through case.create (created_by set) escalate: rows of the demo
// seed, long past due, would otherwise page every lead at a server's first start.
// `now` is a parameter so tests run the clock past a due time without waiting.
import { v7 as uuidv7 } from 'uuid';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';

const SWEEP_EVERY_MS = 30_000;
/** After the first escalation, how long until the next level hears of it. */
export const ESCALATE_AGAIN_MS = 4 * 3_600_000;
const BATCH = 200;

interface BreachRow { id: string; case_no: string; subject: string; customer_id: string; escalation_level: number; target: string | null; target_name: string | null }

/** One pass: escalate what breached. Answers how many cases moved up a level. */
export async function sweepCaseEscalations(db: Db, now: Date = new Date()): Promise<number> {
  return withWriteTransaction(db, async (tx) => {
    const rows = await tx.query<BreachRow>(
      `SELECT k.id, k.case_no, k.subject, k.customer_id, k.escalation_level,
              CASE WHEN k.escalation_level = 0 THEN t.lead_user_id ELSE a.id END AS target,
              CASE WHEN k.escalation_level = 0 THEN l.display_name ELSE a.display_name END AS target_name
       FROM cases k
       LEFT JOIN users u ON u.id = k.assignee_id
       LEFT JOIN teams t ON t.id = coalesce(k.team_id, u.team_id)
       LEFT JOIN users l ON l.id = t.lead_user_id
       LEFT JOIN LATERAL (SELECT id, display_name FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY username LIMIT 1) a ON true
       WHERE k.status IN ('open', 'in_progress', 'waiting_customer') AND k.created_by IS NOT NULL
         AND ((k.escalation_level = 0 AND k.sla_due_at <= $1)
           OR (k.escalation_level = 1 AND k.sla_due_at <= $1::timestamptz - make_interval(secs => $2::double precision / 1000)))
       ORDER BY k.sla_due_at LIMIT ${BATCH}
       FOR UPDATE OF k`, [now, ESCALATE_AGAIN_MS]);
    let moved = 0;
    for (const r of rows) {
      const level = r.escalation_level + 1;
      const updated = await tx.query<{ id: string }>(
        `UPDATE cases SET escalation_level = $2, escalated_to = $3, escalated_at = $5, updated_at = now()
         WHERE id = $1 AND escalation_level = $4 RETURNING id`, [r.id, level, r.target, r.escalation_level, now]);
      if (updated.length === 0) continue;
      moved += 1;
      const who = level === 1 ? 'team lead' : 'next level';
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_name, subject, body)
         VALUES ($1, $2, 'case', 'outbound', $3, 'Sapa', $4, $5)`,
        [uuidv7(), r.customer_id, now, `${r.case_no} · ${r.subject} · SLA breached: escalated to the ${who}`,
          r.target_name ? `Escalated to ${r.target_name}` : 'No one to escalate to: set the team lead in Organisation → Teams']);
    }
    return moved;
  });
}

export interface CaseEscalationScheduler { start(): void; stop(): Promise<void> }

/**
 * The server's case clock: the system clock, which a test server (SAPA_TEST_CLOCK=1) may run
 * ahead through POST /test/clock so an e2e sees an SLA pass without waiting hours.
 */
export interface CaseClock {
  now(): Date;
  setOffset(ms: number): Date;
  /** Hears every setOffset (the report schedules sweep at once: reports/schedules.ts). */
  onSet(listener: () => void): void;
}

export function caseClock(): CaseClock {
  let offsetMs = 0;
  const listeners: (() => void)[] = [];
  return {
    now: () => new Date(Date.now() + offsetMs),
    setOffset(ms) {
      offsetMs = ms;
      for (const l of listeners) l();
      return new Date(Date.now() + offsetMs);
    },
    onSet(listener) { listeners.push(listener); },
  };
}

export function caseEscalationScheduler(
  db: Db, onError: (error: unknown) => void, everyMs = SWEEP_EVERY_MS, clock: Pick<CaseClock, 'now'> = { now: () => new Date() },
): CaseEscalationScheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepCaseEscalations(db, clock.now()).then(() => undefined, onError).finally(() => { running = null; });
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
