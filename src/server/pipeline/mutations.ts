// The field's writes, through the outbox (offline too): a visit's check-in and check-out
// (the first wins, a replay changes nothing), its report (the last wins), and a cost with the
// id of its receipt (the id is the desktop's: a replay records it once). Only the visit's
// rep writes on it; a time from the future (a wrong desktop clock) is taken as now.
import { SapaError } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import { type Db } from '../db/db.js';
import { type MutationContext, type ServerMutationsOf } from '../sync/mutations/types.js';

async function ownVisit(tx: Db, visitId: string, ctx: MutationContext): Promise<{ status: string; check_in_at: string | null }> {
  if (!can(ctx.user.role, 'visits.work')) throw new SapaError('FORBIDDEN', 'You may not work visits');
  const [v] = await tx.query<{ owner_id: string; status: string; check_in_at: string | null }>(
    'SELECT owner_id, status, check_in_at FROM sales_visits WHERE id = $1 FOR UPDATE', [visitId]);
  if (!v) throw new SapaError('NOT_FOUND', `Visit ${visitId} does not exist`);
  if (v.owner_id !== ctx.user.id) throw new SapaError('FORBIDDEN', 'This visit belongs to another rep');
  if (v.status === 'cancelled') throw new SapaError('CONFLICT', 'The visit was cancelled');
  return v;
}

const notLater = (at: string): Date => new Date(Math.min(Date.parse(at), Date.now()));

export const visitMutations = {
  'visit.checkIn': {
    async apply(tx, a, ctx) {
      const v = await ownVisit(tx, a.visitId, ctx);
      if (v.check_in_at !== null) return;
      await tx.query(
        `UPDATE sales_visits SET check_in_at = $2, check_in_lat = $3, check_in_lng = $4, check_in_accuracy_m = $5,
           status = CASE WHEN status = 'planned' THEN 'checked_in' ELSE status END WHERE id = $1`,
        [a.visitId, notLater(a.at), a.position?.lat ?? null, a.position?.lng ?? null, a.position?.accuracyM ?? null]);
    },
  },
  'visit.checkOut': {
    async apply(tx, a, ctx) {
      const v = await ownVisit(tx, a.visitId, ctx);
      const at = notLater(a.at);
      if (v.check_in_at !== null && at.getTime() < Date.parse(v.check_in_at)) {
        throw new SapaError('INVALID_INPUT', 'at: the check-out is before the check-in');
      }
      await tx.query(
        `UPDATE sales_visits SET check_out_at = COALESCE(check_out_at, $2), check_out_lat = COALESCE(check_out_lat, $3),
           check_out_lng = COALESCE(check_out_lng, $4), check_in_at = COALESCE(check_in_at, $2), status = 'done' WHERE id = $1`,
        [a.visitId, at, a.position?.lat ?? null, a.position?.lng ?? null]);
    },
  },
  'visit.report': {
    async apply(tx, a, ctx) {
      await ownVisit(tx, a.visitId, ctx);
      await tx.query(
        `UPDATE sales_visits SET result = $2, notes = $3, next_step = $4, next_step_due = $5::date, reported_at = $6,
           status = CASE WHEN $2 = 'not_met' THEN 'done' ELSE status END WHERE id = $1`,
        [a.visitId, a.result, a.notes || null, a.nextStep || null, a.nextStepDue, notLater(a.at)]);
    },
  },
  'cost.record': {
    async apply(tx, a, ctx) {
      if (!can(ctx.user.role, 'visits.work')) throw new SapaError('FORBIDDEN', 'You may not record costs');
      const [existing] = await tx.query<{ owner_id: string; amount_idr: number }>('SELECT owner_id, amount_idr FROM sales_costs WHERE id = $1', [a.id]);
      if (existing) {
        if (existing.owner_id !== ctx.user.id || existing.amount_idr !== a.amountIdr) throw new SapaError('CONFLICT', `Cost ${a.id} is another cost`);
        return;
      }
      if (a.visitId) {
        const [v] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM sales_visits WHERE id = $1', [a.visitId]);
        if (!v) throw new SapaError('NOT_FOUND', `Visit ${a.visitId} does not exist`);
        if (v.owner_id !== ctx.user.id) throw new SapaError('FORBIDDEN', 'This visit belongs to another rep');
      }
      if (a.opportunityId) {
        const [o] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM opportunities WHERE id = $1', [a.opportunityId]);
        if (!o) throw new SapaError('NOT_FOUND', `Opportunity ${a.opportunityId} does not exist`);
        if (o.owner_id !== ctx.user.id) throw new SapaError('FORBIDDEN', 'This opportunity belongs to another rep');
      }
      await tx.query(
        `INSERT INTO sales_costs (id, owner_id, budget, category, amount_idr, spent_on, visit_id, opportunity_id, note, receipt_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11)`,
        [a.id, ctx.user.id, a.budget, a.category, a.amountIdr, a.spentOn, a.visitId, a.opportunityId, a.note, a.receiptId, notLater(a.createdAt)]);
    },
  },
} satisfies ServerMutationsOf<'visit.checkIn' | 'visit.checkOut' | 'visit.report' | 'cost.record'>;
