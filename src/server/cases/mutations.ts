// case.create: a complaint or service request filed from the customer screen. The case and
// its timeline event are written together; a replay (same case id) writes nothing more, so a
// case filed offline and pushed twice arrives once. The server numbers the case and sets
// its due time on the office calendar; the author holds it until someone reassigns it.
import { caseDueAt, caseOpenedSubject } from '../../shared/cases.js';
import { SapaError } from '../../shared/errors.js';
import { requireCustomer } from '../customers/resolve.js';
import { type Db } from '../db/db.js';
import { loadSla } from '../messaging/inbound.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

/** The categories agents may file under: those of the active queues (Organisation → Queues). */
export async function activeCaseCategories(db: Db): Promise<Set<string>> {
  const rows = await db.query<{ c: string }>('SELECT DISTINCT unnest(case_categories) AS c FROM queues WHERE active');
  return new Set(rows.map((r) => r.c));
}

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
      const due = caseDueAt(openedAt, a.priority, await loadSla(tx));
      const [row] = await tx.query<{ case_no: string }>(
        `INSERT INTO cases (id, case_no, customer_id, category, subject, description, priority, status, opened_at,
                            sla_due_at, assignee_id, interaction_id, created_by)
         VALUES ($1, 'K-' || nextval('case_no_seq'), $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $9)
         RETURNING case_no`,
        [a.id, a.customerId, a.category, a.subject, a.description, a.priority, openedAt, due, ctx.user.id, a.interactionId]);
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
         VALUES ($1, $2, 'case', 'inbound', $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [a.eventId, a.customerId, openedAt, ctx.user.id, ctx.user.displayName,
          caseOpenedSubject(row?.case_no ?? null, a.subject), a.description || null]);
    },
  },
} satisfies ServerMutationsOf<'case.create'>;
