// The sales report's rollups (migration 044, docs/reports.md "Sales report"):
// report_sales_daily — won, lost, visits and spend per local day, team and owner — rebuilt
// for the days the triggers noted (old and new closed_at, planned_start, spent_on), and
// report_sales_pipeline — today's open pipeline, rewritten by every fold, so a past
// period's pipeline is the one its last day ended with. Idempotent like the other folds.
import { COMPANY_UTC_OFFSET_MS, localDay } from '../../shared/report-periods.js';
import { type Db } from '../db/db.js';
import { foldNoted } from './noted-fold.js';

const OFFSET_INTERVAL = `${COMPANY_UTC_OFFSET_MS / 1000} seconds`;
/** A timestamp's local day, the offset being parameter $2. */
const dayOf = (column: string) => `(${column} + $2::interval)::date`;
/** Rows of `column` within a day of the days ($1) — a bound the indexes can use; the exact day is matched beside it. */
const near = (column: string) => `${column} >= (SELECT min(x) FROM unnest($1::date[]) x)::timestamp - $2::interval - interval '1 day'
        AND ${column} < (SELECT max(x) FROM unnest($1::date[]) x)::timestamp + interval '2 days' AND ${dayOf(column)} = ANY($1::date[])`;

/** Rebuilds report_sales_daily for these local days. */
export async function rebuildSalesDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_sales_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_sales_daily (day, team_id, owner_id, won, won_value, lost, visits_planned, visits_realised, prospecting_spent, cost_spent)
     SELECT x.day, u.team_id, x.owner_id, sum(x.won), sum(x.won_value), sum(x.lost), sum(x.planned), sum(x.realised), sum(x.ps), sum(x.cs)
       FROM (
         SELECT ${dayOf('o.closed_at')} AS day, o.owner_id, (s.kind = 'won')::int AS won,
                CASE WHEN s.kind = 'won' THEN o.value_idr ELSE 0 END::bigint AS won_value, (s.kind = 'lost')::int AS lost,
                0 AS planned, 0 AS realised, 0::bigint AS ps, 0::bigint AS cs
           FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage_code
          WHERE s.kind IN ('won', 'lost') AND o.closed_at IS NOT NULL AND ${near('o.closed_at')}
         UNION ALL
         SELECT ${dayOf('v.planned_start')}, v.owner_id, 0, 0, 0, 1, (v.status IN ('checked_in', 'done'))::int, 0, 0
           FROM sales_visits v WHERE v.status <> 'cancelled' AND ${near('v.planned_start')}
         UNION ALL
         SELECT c.spent_on, c.owner_id, 0, 0, 0, 0, 0,
                CASE WHEN c.budget = 'prospecting' THEN c.amount_idr ELSE 0 END, CASE WHEN c.budget = 'cost' THEN c.amount_idr ELSE 0 END
           FROM sales_costs c WHERE c.spent_on = ANY($1::date[])
       ) x LEFT JOIN users u ON u.id = x.owner_id
      GROUP BY 1, 2, 3`,
    [days, OFFSET_INTERVAL]);
}

/**
 * Rewrites `day`'s pipeline from the open opportunities as they are now. Bounded by the open
 * opportunities (closed ones never reopen), read through opportunities_totals.
 */
export async function snapshotPipeline(tx: Db, day: string): Promise<void> {
  await tx.query('DELETE FROM report_sales_pipeline WHERE day = $1::date', [day]);
  await tx.query(
    `INSERT INTO report_sales_pipeline (day, stage_code, team_id, owner_id, open, value_idr, weighted_idr)
     SELECT $1::date, o.stage_code, u.team_id, o.owner_id, count(*)::int, sum(o.value_idr), sum(o.value_idr * s.probability / 100.0)
       FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage_code AND s.kind = 'open'
       LEFT JOIN users u ON u.id = o.owner_id
      GROUP BY 2, 3, 4`, [day]);
}

/** Folds the changes noted since the last fold and today's pipeline. Returns the days rebuilt. */
export async function foldSales(db: Db, now: Date): Promise<number> {
  return foldNoted(db, 'sales', now, async (tx) => {
    const changed = await tx.query<{ day: string }>(
      `WITH taken AS (DELETE FROM report_sales_changes RETURNING at, day)
       SELECT DISTINCT COALESCE(day, (at + $1::interval)::date)::text AS day FROM taken`, [OFFSET_INTERVAL]);
    await rebuildSalesDays(tx, changed.map((c) => c.day));
    await snapshotPipeline(tx, localDay(now));
    return changed.length;
  });
}
