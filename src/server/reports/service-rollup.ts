// The service rollup (docs/reports.md, "Service report"; migration 038): cc_events folded
// into report_calls (one row per call that ended waiting) and report_service_daily (sums
// per local day × queue × site × team × agent × tier). Incremental and idempotent: the fold
// takes the tasks with events past the watermark — plus those with events in the last
// LOOKBACK, because a bigserial id can commit after a higher one — recomputes each task's row
// from all its events with the live floor's definitions, and rebuilds the days those rows
// fall on. Folding twice gives the same tables; a report calls catchUp() before reading.
import { SERVICE_LEVEL_SEC, SHORT_ABANDON_SEC } from '../../shared/floor.js';
import { COMPANY_UTC_OFFSET_MS } from '../../shared/report-periods.js';
import { type Db } from '../db/db.js';

/** Handle-time target of the source documents: a call handled in under 2.5 minutes. */
export const HANDLE_TARGET_SEC = 150;
/** Events this recent are read again at every fold (an id committed out of order is not lost). */
const LOOKBACK_MS = 10 * 60_000;
/** Tasks recomputed per statement (bounded memory per batch). */
const BATCH = 5_000;

const OFFSET_INTERVAL = `${COMPANY_UTC_OFFSET_MS / 1000} seconds`;

async function recomputeTasks(tx: Db, taskIds: string[]): Promise<string[]> {
  // The days these tasks counted on before, to rebuild them too (a task can only move forward, but say so in SQL).
  const before = await tx.query<{ day: string }>(
    'SELECT DISTINCT day::text AS day FROM report_calls WHERE task_id = ANY($1::uuid[])', [taskIds]);
  await tx.query('DELETE FROM report_calls WHERE task_id = ANY($1::uuid[])', [taskIds]);
  // A call: its first `enqueued` says kind = call. It counts on the day of its first
  // `answered`, or never answered, of its `abandoned`; its wait runs from the first
  // `enqueued` to that event (the floor's definitions, floor/snapshot.ts).
  const after = await tx.query<{ day: string }>(
    `WITH f AS (
       SELECT e.task_id,
              min(e.at) FILTER (WHERE e.event = 'enqueued') AS enqueued_at,
              bool_or(e.event = 'enqueued' AND e.detail->>'kind' = 'call') AS is_call,
              min(e.at) FILTER (WHERE e.event = 'answered') AS answered_at,
              min(e.at) FILTER (WHERE e.event = 'abandoned') AS abandoned_at,
              min(e.queue_code) FILTER (WHERE e.event IN ('answered', 'abandoned')) AS queue_code,
              (array_agg(e.agent_id ORDER BY e.at, e.id) FILTER (WHERE e.event = 'answered'))[1] AS agent_id
         FROM cc_events e
        WHERE e.task_id = ANY($1::uuid[]) AND e.event IN ('enqueued', 'answered', 'abandoned')
        GROUP BY e.task_id
     ), calls AS (
       SELECT f.*, COALESCE(f.answered_at, f.abandoned_at) AS ended_wait_at,
              (SELECT min(d.at) FROM cc_events d WHERE d.task_id = f.task_id AND d.event = 'done' AND d.at >= f.answered_at) AS done_at
         FROM f WHERE f.is_call AND COALESCE(f.answered_at, f.abandoned_at) IS NOT NULL
     )
     INSERT INTO report_calls (task_id, day, ended_wait_at, queue_code, site_code, team_id, agent_id, tier, answered, wait_sec, handle_sec)
     SELECT c.task_id, (c.ended_wait_at + $2::interval)::date, c.ended_wait_at, c.queue_code, COALESCE(t.site_code, ''),
            u.team_id, c.agent_id, COALESCE(t.tier, ''), c.answered_at IS NOT NULL,
            EXTRACT(EPOCH FROM (c.ended_wait_at - c.enqueued_at)),
            CASE WHEN c.answered_at IS NOT NULL AND c.done_at IS NOT NULL THEN EXTRACT(EPOCH FROM (c.done_at - c.answered_at)) END
       FROM calls c
       LEFT JOIN cc_tasks t ON t.id = c.task_id
       LEFT JOIN users u ON u.id = c.agent_id
     RETURNING day::text AS day`,
    [taskIds, OFFSET_INTERVAL]);
  return [...new Set([...before, ...after].map((r) => r.day))];
}

/** Rebuilds the daily sums of these local days from report_calls. */
export async function rebuildServiceDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_service_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_service_daily (day, queue_code, site_code, team_id, agent_id, tier, answered, answered_in_target, abandoned,
                                       short_abandoned, answered_wait_sec, handled, handle_sec, handled_in_target)
     SELECT day, queue_code, site_code, team_id, agent_id, tier,
            count(*) FILTER (WHERE answered)::int,
            count(*) FILTER (WHERE answered AND wait_sec <= $2)::int,
            count(*) FILTER (WHERE NOT answered AND wait_sec >= $3)::int,
            count(*) FILTER (WHERE NOT answered AND wait_sec < $3)::int,
            COALESCE(sum(wait_sec) FILTER (WHERE answered), 0),
            count(handle_sec)::int,
            COALESCE(sum(handle_sec), 0),
            count(*) FILTER (WHERE handle_sec <= $4)::int
       FROM report_calls WHERE day = ANY($1::date[])
      GROUP BY day, queue_code, site_code, team_id, agent_id, tier`,
    [days, SERVICE_LEVEL_SEC, SHORT_ABANDON_SEC, HANDLE_TARGET_SEC]);
}

/**
 * Folds the events since the watermark into the rollup. One transaction holding the
 * watermark row's lock: two instances (or a report's catch-up and the job) take turns.
 * Returns how many tasks it recomputed.
 */
export async function foldServiceEvents(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [mark] = await tx.query<{ last_id: string }>(
      "SELECT last_id FROM report_watermarks WHERE source = 'cc_events' FOR UPDATE");
    const lastId = Number(mark?.last_id ?? 0);
    const [top] = await tx.query<{ max: string | null }>('SELECT max(id) AS max FROM cc_events');
    const maxId = Number(top?.max ?? 0);
    const tasks = await tx.query<{ task_id: string }>(
      `SELECT task_id FROM cc_events WHERE id > $1 AND id <= $2 AND task_id IS NOT NULL AND event IN ('enqueued', 'answered', 'abandoned', 'done')
       UNION
       SELECT task_id FROM cc_events WHERE at >= $3 AND id <= $2 AND task_id IS NOT NULL AND event IN ('enqueued', 'answered', 'abandoned', 'done')`,
      [lastId, maxId, new Date(now.getTime() - LOOKBACK_MS)]);
    const ids = tasks.map((t) => t.task_id);
    const days = new Set<string>();
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const d of await recomputeTasks(tx, ids.slice(i, i + BATCH))) days.add(d);
    }
    await rebuildServiceDays(tx, [...days]);
    await tx.query("UPDATE report_watermarks SET last_id = GREATEST(last_id, $1), folded_at = $2 WHERE source = 'cc_events'", [maxId, now]);
    return ids.length;
  });
}
