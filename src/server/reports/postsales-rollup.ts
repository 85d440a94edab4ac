// The post-sales rollups (migration 043, docs/reports.md "Post-sales report"): the fold takes
// the notes the triggers left — invoices' due dates, promises' days, orders' ids — and
// rebuilds those keys whole from the records, so folding twice changes nothing. The SQL
// rules below (what is open on a day, when a promise is kept, when an order is done) are
// the only statement of each definition: the drill-downs use the same fragments.
import { addDays, COMPANY_UTC_OFFSET_MS, localDay, type Period } from '../../shared/report-periods.js';
import { ORDER_FINAL_STATUSES } from '../../shared/domain.js';
import { type Db } from '../db/db.js';
import { foldNoted } from './noted-fold.js';

/**
 * The days a period is read at: ageing and "open at end" at the end of `asOf` (the period's
 * last day, or today while it runs), "open at start" at the end of the day before it, the
 * flows over [from, asOf]. A period not begun yet reads today at both ends.
 */
export function postSalesDays(period: Period, now: Date): { asOf: string; start: string; today: string } {
  const today = localDay(now);
  const asOf = period.to < today ? period.to : today;
  const before = addDays(period.from, -1);
  return { asOf, start: before < asOf ? before : asOf, today };
}

/** The local (Asia/Jakarta) day of a timestamptz, whatever the session's time zone. */
export const localDayOf = (ts: string) => `((${ts}) AT TIME ZONE 'UTC' + interval '${COMPANY_UTC_OFFSET_MS / 1000} seconds')::date`;

const paymentSum = (r: string, where = 'true') =>
  `(SELECT COALESCE(sum((e->>'amountIdr')::bigint), 0) FROM jsonb_array_elements(${r}.payments) e WHERE ${where})`;

/**
 * The part of an invoice's paid amount the feed sent as a total without dated payments
 * (paidIdr only): taken as settled on the issue day, as no day is known.
 */
export const undatedPaid = (r: string) => `least(${r}.amount_idr, greatest(0, ${r}.paid_idr - ${paymentSum(r)}))`;

/** What is open of invoice `r` at the end of local day `day` (an invoice issued by then). */
export const openAt = (r: string, day: string) =>
  `greatest(0, ${r}.amount_idr - ${undatedPaid(r)} - ${paymentSum(r, `(e->>'paidAt')::date <= ${day}`)})`;

/**
 * A promise `p` on invoice `r` is kept when the payments dated from the day it was made to the
 * promised day add up to the promised amount — or when the invoice was paid in full by the
 * promised day (a promise larger than what was left; a paid total without dates).
 */
export const promiseKept = (p: string, r: string) =>
  `(${paymentSum(r, `(e->>'paidAt')::date BETWEEN ${localDayOf(`${p}.created_at`)} AND ${p}.promised_date`)} >= ${p}.amount_idr
    OR ${openAt(r, `${p}.promised_date`)} = 0)`;

const FINAL = `ARRAY[${ORDER_FINAL_STATUSES.map((s) => `'${s}'`).join(', ')}]`;

/**
 * The moment order `o` reached its (final) status for the last time: the first entry of the
 * history's closing run of that status. Null when the history does not show it.
 */
export const orderDoneAt = (o: string) =>
  `(SELECT min((h.e->>'at')::timestamptz) FROM jsonb_array_elements(${o}.status_history) WITH ORDINALITY h(e, n)
     WHERE h.e->>'status' = ${o}.status
       AND h.n > COALESCE((SELECT max(x.n) FROM jsonb_array_elements(${o}.status_history) WITH ORDINALITY x(e, n)
                            WHERE x.e->>'status' <> ${o}.status), 0))`;
export const orderIsFinal = (o: string) => `${o}.status = ANY(${FINAL}::text[])`;

/** Rebuilds report_receivables_daily for these due dates from all invoices due on them. */
export async function rebuildReceivableDays(tx: Db, dueDates: string[]): Promise<void> {
  if (dueDates.length === 0) return;
  await tx.query('DELETE FROM report_receivables_daily WHERE due_date = ANY($1::date[])', [dueDates]);
  // Dated payments are summed per day (never before the issue day) and capped at what the
  // invoice still owed: an overpayment is a credit, not a collection. The day the running sum
  // reaches the amount owed closes the invoice.
  await tx.query(
    `WITH inv AS (
       SELECT r.id, r.amount_idr AS amount, ${undatedPaid('r')} AS undated, r.issued_at, r.due_date, r.payments
         FROM receivables r WHERE r.due_date = ANY($1::date[])
     ), pay AS (
       SELECT i.id, i.due_date, i.amount - i.undated AS owed, greatest((e->>'paidAt')::date, i.issued_at) AS day,
              sum((e->>'amountIdr')::bigint) AS paid
         FROM inv i CROSS JOIN LATERAL jsonb_array_elements(i.payments) e
        GROUP BY 1, 2, 3, 4
     ), run AS (
       SELECT due_date, day, owed, paid, sum(paid) OVER (PARTITION BY id ORDER BY day) AS through FROM pay
     ), flows AS (
       SELECT due_date, issued_at AS day, 1 AS issued, amount AS issued_idr, undated AS undated_idr, 0::bigint AS collected_idr,
              CASE WHEN undated >= amount THEN 1 ELSE 0 END AS closed
         FROM inv
       UNION ALL
       SELECT due_date, day, 0, 0, 0, least(paid, greatest(0, owed - (through - paid))),
              CASE WHEN owed > 0 AND through >= owed AND through - paid < owed THEN 1 ELSE 0 END
         FROM run
     )
     INSERT INTO report_receivables_daily (due_date, day, issued, issued_idr, undated_idr, collected_idr, closed)
     SELECT due_date, day, sum(issued), sum(issued_idr), sum(undated_idr), sum(collected_idr), sum(closed)
       FROM flows GROUP BY 1, 2`,
    [dueDates]);
}

/** Rebuilds report_promises_daily for these promised days. */
export async function rebuildPromiseDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_promises_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_promises_daily (day, promised, promised_idr, kept, kept_idr)
     SELECT p.promised_date, count(*)::int, sum(p.amount_idr), count(*) FILTER (WHERE k.kept)::int,
            COALESCE(sum(p.amount_idr) FILTER (WHERE k.kept), 0)
       FROM payment_promises p JOIN receivables r ON r.id = p.receivable_id
       CROSS JOIN LATERAL (SELECT ${promiseKept('p', 'r')} AS kept) k
      WHERE p.promised_date = ANY($1::date[])
      GROUP BY 1`,
    [days]);
}

/** Recomputes these orders' outcomes; answers the days they were on before and are on now. */
async function refreshOrderOutcomes(tx: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const before = await tx.query<{ day: string }>(
    'DELETE FROM report_order_outcomes WHERE order_id = ANY($1::uuid[]) RETURNING day::text AS day', [ids]);
  const after = await tx.query<{ day: string }>(
    `INSERT INTO report_order_outcomes (order_id, day, product, cancelled, cycle_days)
     SELECT o.id, ${localDayOf('d.at')}, o.product, o.status = 'cancelled',
            CASE WHEN o.status = 'cancelled' THEN NULL ELSE greatest(0, ${localDayOf('d.at')} - ${localDayOf('o.placed_at')}) END
       FROM orders o CROSS JOIN LATERAL (SELECT ${orderDoneAt('o')} AS at) d
      WHERE o.id = ANY($1::uuid[]) AND ${orderIsFinal('o')} AND d.at IS NOT NULL
     RETURNING day::text AS day`, [ids]);
  return [...new Set([...before, ...after].map((r) => r.day))];
}

/** Rebuilds report_orders_daily for these days from the outcomes. */
export async function rebuildOrderDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_orders_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_orders_daily (day, product, cancelled, cycle_days, orders)
     SELECT day, product, cancelled, cycle_days, count(*)::int FROM report_order_outcomes
      WHERE day = ANY($1::date[]) GROUP BY 1, 2, 3, 4`, [days]);
}

/** Folds every note left since the last fold. Returns how many keys were rebuilt. */
export async function foldPostSales(db: Db, now: Date): Promise<number> {
  return foldNoted(db, 'postSales', now, async (tx) => {
    const due = await tx.query<{ d: string }>(
      'WITH taken AS (DELETE FROM report_receivable_changes RETURNING due_date) SELECT DISTINCT due_date::text AS d FROM taken');
    const promised = await tx.query<{ d: string }>(
      'WITH taken AS (DELETE FROM report_promise_changes RETURNING day) SELECT DISTINCT day::text AS d FROM taken');
    const orders = await tx.query<{ id: string }>(
      'WITH taken AS (DELETE FROM report_order_changes RETURNING order_id) SELECT DISTINCT order_id AS id FROM taken');
    await rebuildReceivableDays(tx, due.map((r) => r.d));
    await rebuildPromiseDays(tx, promised.map((r) => r.d));
    const orderDays = await refreshOrderOutcomes(tx, orders.map((r) => r.id));
    await rebuildOrderDays(tx, orderDays);
    return due.length + promised.length + orderDays.length;
  });
}
