// The customers report's fold (migration 042, docs/reports.md "Customers report"). Two parts:
// - the lifecycle history (customer_lifecycle_events, written by triggers on customers and
//   contracts) summed per local day: the noted events' days are rebuilt whole from the
//   history (exact whatever the events' timestamps, idempotent, like the quality fold);
// - the payments received (receivables.payments lines) kept line by line in
//   report_customer_payments with the tier the customer held on the payment's day, and their
//   daily sums moved by the difference (a changed invoice's old lines out, its new lines in).
// Neither reads the customers table beyond the customers touched.
import { COMPANY_UTC_OFFSET_MS } from '../../shared/report-periods.js';
import { type Db } from '../db/db.js';
import { foldNoted } from './noted-fold.js';

const OFFSET_INTERVAL = `${COMPANY_UTC_OFFSET_MS / 1000} seconds`;
const localDay = (p: string) => `(e.at + ${p}::interval)::date`;
/** The events of these local days ($1 days, $2 the offset), through the index on `at`. */
const ON_DAYS = `${localDay('$2')} = ANY($1::date[])
  AND e.at >= (SELECT min(x) FROM unnest($1::date[]) x)::timestamp - $2::interval - interval '1 day'
  AND e.at < (SELECT max(x) FROM unnest($1::date[]) x)::timestamp + interval '2 days'`;
/** A tier move counts for customers in the base (a lost customer's tier change moves nobody). */
const TIER_MOVE = "e.kind = 'changed' AND e.active AND e.from_tier <> e.to_tier";

/** Rebuilds report_customers_daily and report_customers_stage_daily for these local days. */
export async function rebuildCustomerDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_customers_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query('DELETE FROM report_customers_stage_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_customers_daily (day, tier, opening, new, regained, lost, moved_in, moved_out)
     SELECT day, tier, sum(opening)::int, sum(new)::int, sum(regained)::int, sum(lost)::int, sum(moved_in)::int, sum(moved_out)::int
       FROM (SELECT ${localDay('$2')} AS day, e.to_tier AS tier,
                    (e.kind = 'opening' AND e.active)::int AS opening, (e.kind = 'new')::int AS new,
                    (e.kind = 'regained')::int AS regained, (e.kind IN ('lost', 'removed'))::int AS lost,
                    (${TIER_MOVE})::int AS moved_in, 0 AS moved_out
               FROM customer_lifecycle_events e
              WHERE ${ON_DAYS} AND ((e.kind = 'opening' AND e.active) OR e.kind IN ('new', 'regained', 'lost', 'removed') OR (${TIER_MOVE}))
             UNION ALL
             SELECT ${localDay('$2')}, e.from_tier, 0, 0, 0, 0, 0, 1
               FROM customer_lifecycle_events e WHERE ${ON_DAYS} AND ${TIER_MOVE}) x
      GROUP BY day, tier`,
    [days, OFFSET_INTERVAL]);
  await tx.query(
    `INSERT INTO report_customers_stage_daily (day, from_lifecycle, to_lifecycle, moves)
     SELECT ${localDay('$2')}, COALESCE(e.from_lifecycle, ''), e.to_lifecycle, count(*)::int
       FROM customer_lifecycle_events e
      WHERE ${ON_DAYS} AND (e.kind = 'new' OR (e.kind = 'changed' AND e.from_lifecycle <> e.to_lifecycle))
      GROUP BY 1, 2, 3`,
    [days, OFFSET_INTERVAL]);
}

/**
 * The payment lines of these invoices again: the old lines leave their days' sums, the
 * current ones enter them. A line's day is its paidAt (a local date); an invoice fed with a
 * paid amount but no lines counts as one line on the day it was last written (else its issue
 * day). Its tier is the customer's on that day: the latest history event by the day's end, or
 * for a day before the history began, the tier the first event started from.
 */
async function refoldPayments(tx: Db, receivableIds: string[]): Promise<void> {
  if (receivableIds.length === 0) return;
  await tx.query(
    `WITH old AS (DELETE FROM report_customer_payments WHERE receivable_id = ANY($1::uuid[]) RETURNING paid_on, tier, amount_idr)
     INSERT INTO report_customers_paid_daily (day, tier, paid_idr)
     SELECT paid_on, tier, -sum(amount_idr) FROM old GROUP BY 1, 2
     ON CONFLICT (day, tier) DO UPDATE SET paid_idr = report_customers_paid_daily.paid_idr + EXCLUDED.paid_idr`,
    [receivableIds]);
  await tx.query(
    `WITH lines AS (
       SELECT r.id, r.customer_id, (p->>'paidAt')::date AS paid_on, (p->>'amountIdr')::bigint AS amount_idr
         FROM receivables r CROSS JOIN LATERAL jsonb_array_elements(r.payments) p
        WHERE r.id = ANY($1::uuid[])
       UNION ALL
       SELECT r.id, r.customer_id, COALESCE((r.updated_at + $2::interval)::date, r.issued_at), r.paid_idr
         FROM receivables r WHERE r.id = ANY($1::uuid[]) AND r.payments = '[]'::jsonb AND r.paid_idr <> 0),
     tiered AS (
       INSERT INTO report_customer_payments (receivable_id, customer_id, paid_on, tier, amount_idr)
       SELECT l.id, l.customer_id, l.paid_on, COALESCE(
                (SELECT e.to_tier FROM customer_lifecycle_events e
                  WHERE e.customer_id = l.customer_id AND e.at < l.paid_on::timestamp + interval '1 day' - $2::interval
                  ORDER BY e.at DESC, e.id DESC LIMIT 1),
                (SELECT COALESCE(e.from_tier, e.to_tier) FROM customer_lifecycle_events e WHERE e.customer_id = l.customer_id
                  ORDER BY e.at, e.id LIMIT 1),
                (SELECT c.tier FROM customers c WHERE c.id = l.customer_id), 'regular'), l.amount_idr
         FROM lines l
       RETURNING paid_on, tier, amount_idr)
     INSERT INTO report_customers_paid_daily (day, tier, paid_idr)
     SELECT paid_on, tier, sum(amount_idr) FROM tiered GROUP BY 1, 2
     ON CONFLICT (day, tier) DO UPDATE SET paid_idr = report_customers_paid_daily.paid_idr + EXCLUDED.paid_idr`,
    [receivableIds, OFFSET_INTERVAL]);
}

/** Folds the events and payments noted since the last fold. Returns the days rebuilt. */
export async function foldCustomers(db: Db, now: Date): Promise<number> {
  return foldNoted(db, 'customers', now, async (tx) => {
    const changed = await tx.query<{ day: string }>(
      `WITH taken AS (DELETE FROM report_customers_changes RETURNING event_id)
       SELECT DISTINCT ${localDay('$1')}::text AS day FROM customer_lifecycle_events e WHERE e.id IN (SELECT event_id FROM taken)`,
      [OFFSET_INTERVAL]);
    await rebuildCustomerDays(tx, changed.map((c) => c.day));
    const paid = await tx.query<{ id: string }>(
      'WITH taken AS (DELETE FROM report_customers_payment_changes RETURNING receivable_id) SELECT DISTINCT receivable_id::text AS id FROM taken');
    await refoldPayments(tx, paid.map((p) => p.id));
    return changed.length;
  });
}
