// Visit plans (docs/sales.md): the calendar's visits of a period (own, a team's, one rep's),
// planning one, and plan vs realisation per rep. Check-in, check-out and the report come
// through the outbox (mutations.ts), offline too.
import { type z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Realisation, type Visit, type VisitPlan, type VisitsQuery } from '../../shared/pipeline.js';
import { type Db, type SqlParam } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { periodOrThrow } from './budgets.js';
import { ownerClause, ownersFor, requireVisibleOwner } from './scope.js';

interface Row {
  id: string; owner_id: string; owner_name: string; customer_id: string; full_name: string; salutation: Visit['salutation']; address: string | null;
  purpose: string; planned_start: string; planned_end: string; opportunity_id: string | null; status: Visit['status'];
  check_in_at: string | null; check_in_lat: number | null; check_in_lng: number | null; check_out_at: string | null;
  result: Visit['result']; notes: string | null; next_step: string | null; next_step_due: string | null; cost_idr: number;
}

const SELECT = `SELECT v.id, v.owner_id, u.display_name AS owner_name, v.customer_id, c.full_name, c.salutation, c.address, v.purpose, v.planned_start,
  v.planned_end, v.opportunity_id, v.status, v.check_in_at, v.check_in_lat, v.check_in_lng, v.check_out_at, v.result, v.notes, v.next_step,
  v.next_step_due::text AS next_step_due, COALESCE((SELECT sum(k.amount_idr) FROM sales_costs k WHERE k.visit_id = v.id), 0)::bigint AS cost_idr
  FROM sales_visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.owner_id`;

export const toVisit = (r: Row): Visit => ({
  id: r.id, ownerId: r.owner_id, ownerName: r.owner_name, customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation,
  address: r.address, purpose: r.purpose, plannedStart: r.planned_start, plannedEnd: r.planned_end, opportunityId: r.opportunity_id,
  status: r.status, checkInAt: r.check_in_at,
  checkInPosition: r.check_in_lat !== null && r.check_in_lng !== null ? { lat: r.check_in_lat, lng: r.check_in_lng } : null,
  checkOutAt: r.check_out_at, result: r.result, notes: r.notes, nextStep: r.next_step, nextStepDue: r.next_step_due, costIdr: r.cost_idr, pending: false,
});

/** The visits planned from `from` to `to` (days in Jakarta time), earliest first. */
export async function listVisits(db: Db, user: SessionUser, q: z.output<typeof VisitsQuery>): Promise<{ visits: Visit[] }> {
  const owners = await ownersFor(db, user, q.owner);
  const params: SqlParam[] = [q.from, q.to];
  if (owners !== null) params.push(owners);
  const rows = await db.query<Row>(
    `${SELECT} WHERE v.planned_start >= ($1::date::timestamp AT TIME ZONE 'Asia/Jakarta')
       AND v.planned_start < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta') AND ${ownerClause('v.owner_id', owners, 3)}
     ORDER BY v.planned_start, v.id LIMIT 2000`, params);
  return { visits: rows.map(toVisit) };
}

export async function getVisit(db: Db, id: string): Promise<Visit> {
  const [r] = await db.query<Row>(`${SELECT} WHERE v.id = $1`, [id]);
  if (!r) throw new SapaError('NOT_FOUND', `Visit ${id} does not exist`);
  return toVisit(r);
}

/** Plans a visit (the desktop picks the id: planning twice with one id plans once). */
export async function planVisit(db: Db, user: SessionUser, input: z.output<typeof VisitPlan>): Promise<Visit> {
  const ownerId = input.ownerId ?? user.id;
  await requireVisibleOwner(db, user, ownerId, 'visit');
  const [customer] = await db.query('SELECT 1 FROM customers WHERE id = $1', [input.customerId]);
  if (!customer) throw new SapaError('INVALID_INPUT', 'customerId: there is no such customer');
  if (input.opportunityId) {
    const [o] = await db.query<{ customer_id: string }>('SELECT customer_id FROM opportunities WHERE id = $1', [input.opportunityId]);
    if (!o || o.customer_id !== input.customerId) throw new SapaError('INVALID_INPUT', 'opportunityId: not an opportunity of this customer');
  }
  if (Date.parse(input.plannedEnd) - Date.parse(input.plannedStart) > 24 * 3_600_000) {
    throw new SapaError('INVALID_INPUT', 'plannedEnd: a visit lasts at most a day');
  }
  await withWriteTransaction(db, async (tx) => {
    const [existing] = await tx.query<{ owner_id: string; customer_id: string }>('SELECT owner_id, customer_id FROM sales_visits WHERE id = $1', [input.id]);
    if (existing) {
      if (existing.customer_id !== input.customerId || existing.owner_id !== ownerId) throw new SapaError('CONFLICT', `Visit ${input.id} is another visit`);
      return;
    }
    await tx.query(
      `INSERT INTO sales_visits (id, owner_id, customer_id, purpose, planned_start, planned_end, opportunity_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [input.id, ownerId, input.customerId, input.purpose, input.plannedStart, input.plannedEnd, input.opportunityId, user.id]);
  });
  return getVisit(db, input.id);
}

/** Plan vs realisation per rep for a period: planned, done (checked out or reported), not met, cancelled, still open. */
export async function visitRealisation(db: Db, user: SessionUser, periodKey: string, owner: string): Promise<Realisation> {
  const period = periodOrThrow(periodKey);
  const owners = await ownersFor(db, user, owner);
  const params: SqlParam[] = [period.start, period.end];
  if (owners !== null) params.push(owners);
  const rows = await db.query<{ user_id: string; name: string; planned: number; done: number; not_met: number; cancelled: number; open: number }>(
    `SELECT v.owner_id AS user_id, u.display_name AS name, count(*)::int AS planned,
       count(*) FILTER (WHERE v.status = 'done' AND v.result IS DISTINCT FROM 'not_met')::int AS done,
       count(*) FILTER (WHERE v.result = 'not_met')::int AS not_met,
       count(*) FILTER (WHERE v.status = 'cancelled')::int AS cancelled,
       count(*) FILTER (WHERE v.status IN ('planned', 'checked_in'))::int AS open
     FROM sales_visits v JOIN users u ON u.id = v.owner_id
     WHERE v.planned_start >= ($1::date::timestamp AT TIME ZONE 'Asia/Jakarta') AND v.planned_start < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
       AND ${ownerClause('v.owner_id', owners, 3)}
     GROUP BY 1, 2 ORDER BY 2`, params);
  return {
    period: period.key,
    rows: rows.map((r) => ({
      userId: r.user_id, name: r.name, planned: r.planned, done: r.done, notMet: r.not_met, cancelled: r.cancelled, open: r.open,
      percent: r.planned > 0 ? Math.floor((r.done * 100) / r.planned) : null,
    })),
  };
}
