// case.create: a complaint or service request filed from the customer screen. The case and
// its timeline event are written together; a replay (same case id) writes nothing more, so a
// case filed offline and pushed twice arrives once. The server numbers the case and sets
// its due time on the office calendar; the author holds it until someone reassigns it.
import { DEFAULT_REOPEN_DAYS, caseOpenedSubject, caseSourceDisposition, transitionProblem } from '../../shared/cases.js';
import { can } from '../../shared/permissions.js';
import { SapaError } from '../../shared/errors.js';
import { requireCustomer } from '../customers/resolve.js';
import { type Db } from '../db/db.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';
import { markCaseResponded, planCaseClocks } from './sla.js';
import { notifyStatusChange } from './case-messages.js';

/** The categories agents may file under: those of the active queues (Organisation → Queues). */
export async function activeCaseCategories(db: Db): Promise<Set<string>> {
  const rows = await db.query<{ c: string }>('SELECT DISTINCT unnest(case_categories) AS c FROM queues WHERE active');
  return new Set(rows.map((r) => r.c));
}

/** SAPA_CASE_REOPEN_DAYS: how long after resolving a case may be reopened (default 14). */
export function reopenDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SAPA_CASE_REOPEN_DAYS);
  return Number.isInteger(n) && n >= 0 && n <= 365 ? n : DEFAULT_REOPEN_DAYS;
}

interface CaseState { customer_id: string; case_no: string; subject: string; status: 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed'; assignee_id: string | null; resolved_at: Date | null }

export const caseMutations = {
  'case.create': {
    async apply(tx, a, ctx) {
      const [existing] = await tx.query<{ customer_id: string }>('SELECT customer_id FROM cases WHERE id = $1', [a.id]);
      if (existing) {
        if (existing.customer_id !== a.customerId) throw new SapaError('CONFLICT', `Case ${a.id} belongs to another customer`);
        return;
      }
      await requireCustomer(tx, a.customerId);
      if (!(await activeCaseCategories(tx)).has(a.category)) {
        throw new SapaError('INVALID_INPUT', `category: "${a.category}" is not a case category of an active queue`);
      }
      // Filed offline: the clock starts when the agent filed it, never in the future.
      const openedAt = new Date(Math.min(Date.parse(a.createdAt), Date.now()));
      // Targets of the category × the customer's tier (Organisation → Case SLA), else the priority's.
      const clocks = await planCaseClocks(tx, { customerId: a.customerId, category: a.category, priority: a.priority, openedAt });
      const [row] = await tx.query<{ case_no: string }>(
        `INSERT INTO cases (id, case_no, customer_id, category, subject, description, priority, status, opened_at,
                            sla_due_at, assignee_id, interaction_id, created_by, response_due_at, warn_at, team_id, source_channel)
         VALUES ($1, 'K-' || nextval('case_no_seq'), $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $9, $11, $12,
                 (SELECT team_id FROM users WHERE id = $9), $13)
         RETURNING case_no`,
        [a.id, a.customerId, a.category, a.subject, a.description, a.priority, openedAt, clocks.dueAt, ctx.user.id, a.interactionId,
          clocks.responseDueAt, clocks.warnAt, a.source]);
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body, disposition)
         VALUES ($1, $2, 'case', 'inbound', $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [a.eventId, a.customerId, openedAt, ctx.user.id, ctx.user.displayName,
          caseOpenedSubject(row?.case_no ?? null, a.subject), a.description || null, caseSourceDisposition(a.source)]);
    },
  },
  'case.setStatus': {
    async apply(tx, a, ctx) {
      const [k] = await tx.query<CaseState>(
        'SELECT customer_id, case_no, subject, status, assignee_id, resolved_at FROM cases WHERE id = $1 FOR UPDATE', [a.caseId]);
      if (!k) throw new SapaError('NOT_FOUND', `Case ${a.caseId} does not exist`);
      if (k.assignee_id !== ctx.user.id && !can(ctx.user.role, 'cases.manageAny')) {
        throw new SapaError('FORBIDDEN', `Case ${k.case_no} is assigned to someone else: ask them or a team lead`);
      }
      // Server order: the move is checked against the status the case has now. Already there: nothing to do.
      if (k.status === a.to) return;
      const problem = transitionProblem(k.status, a.to, k.resolved_at?.toISOString() ?? null, new Date(), reopenDaysFromEnv());
      if (problem) throw new SapaError('INVALID_INPUT', `status: ${problem}`);
      // Leaving `open` meets the response target (the first reply does too: markCaseResponded).
      if (k.status === 'open') await markCaseResponded(tx, a.caseId);
      await tx.query(
        `UPDATE cases SET status = $2, updated_at = now(),
           reopened_count = reopened_count + CASE WHEN status IN ('resolved', 'closed') AND $2 = 'in_progress' THEN 1 ELSE 0 END,
           resolved_at = CASE WHEN $2 = 'resolved' THEN now() WHEN $2 = 'closed' THEN coalesce(resolved_at, now()) ELSE NULL END
         WHERE id = $1`, [a.caseId, a.to]);
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
         VALUES ($1, $2, 'case', 'outbound', now(), $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [a.eventId, k.customer_id, ctx.user.id, ctx.user.displayName, `${k.case_no} · ${k.subject} · ${k.status} → ${a.to}`, a.note || null]);
      // The customer hears of it (setting caseNotifications); a failure to send never undoes the move.
      await notifyStatusChange(tx, { id: a.caseId, ...k }, a.eventId, a.to, ctx.user);
    },
  },
} satisfies ServerMutationsOf<'case.create' | 'case.setStatus'>;
