// The server side of a desktop's working set (docs/decisions/0004, item 9): which customers
// a `scope=working` pull serves. Rules, unioned:
//   - customers the desktop joined (working_sets: opened, looked up — also offline),
//   - open cases and open call-backs assigned to the user,
//   - the user's own contacts of the last N days,
//   - customers of the user's branch with a contact in the last N days, and customers with
//     an open case in a category of the user's queues (queue-policy.ts) — these two can be
//     large, so together they are capped at `bound` customers, most recently active first.
// N: SAPA_WORKING_SET_RECENT_DAYS on the server (30). The bound: the desktop sends its
// working-set limit; the server never goes above MAX_RULE_BOUND.
import { type Db, type SqlParam } from '../db/db.js';
import { categoriesForQueues } from './queue-policy.js';

export const DEFAULT_RECENT_DAYS = 30;
export const MAX_RULE_BOUND = 200_000;

export interface WorkingScope {
  userId: string;
  branch: string | null;
  categories: string[];
  recentDays: number;
  bound: number;
}

export function recentDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.SAPA_WORKING_SET_RECENT_DAYS);
  return env.SAPA_WORKING_SET_RECENT_DAYS && Number.isInteger(days) && days > 0 && days <= 3650 ? days : DEFAULT_RECENT_DAYS;
}

/** Reads the user's branch and queues (inside the pull's snapshot). */
export async function loadWorkingScope(tx: Db, userId: string, o: { recentDays: number; bound?: number | undefined }): Promise<WorkingScope> {
  const [u] = await tx.query<{ branch: string | null; queues: string[] | null }>(
    'SELECT branch, queues FROM users WHERE id = $1', [userId]);
  return {
    userId,
    branch: u?.branch ?? null,
    categories: await categoriesForQueues(tx, u?.queues ?? []),
    recentDays: o.recentDays,
    bound: Math.min(o.bound ?? MAX_RULE_BOUND, MAX_RULE_BOUND),
  };
}

/**
 * The set as a subquery over parameters $3..$7 (see scopeParams); $1 and $2 stay the
 * version window. A hashed subplan: PostgreSQL computes it at most once per statement, and
 * not at all when the window holds no row of that table.
 */
export const WORKING_SET_SQL = `(SELECT customer_id FROM working_sets WHERE user_id = $3
  UNION SELECT customer_id FROM cases WHERE assignee_id = $3 AND status IN ('open', 'in_progress')
  UNION SELECT customer_id FROM callbacks WHERE assignee_id = $3 AND status = 'open'
  UNION SELECT customer_id FROM interactions WHERE agent_id = $3 AND started_at > now() - make_interval(days => $5::int)
  UNION (SELECT customer_id FROM (
      SELECT i.customer_id, max(i.started_at) AS last FROM interactions i JOIN customers c ON c.id = i.customer_id
       WHERE c.branch = $4::text AND i.started_at > now() - make_interval(days => $5::int) GROUP BY i.customer_id
      UNION ALL
      SELECT customer_id, max(opened_at) AS last FROM cases
       WHERE status IN ('open', 'in_progress') AND category = ANY($6::text[]) GROUP BY customer_id
    ) rules GROUP BY customer_id ORDER BY max(last) DESC, customer_id LIMIT $7::int))`;

export function scopeParams(s: WorkingScope): SqlParam[] {
  return [s.userId, s.branch, s.recentDays, s.categories, s.bound];
}
