// Which of some customers lie in a user's working set (the rules of sync/working-scope.ts,
// asked per customer). The set's branch and queue rules are capped by the desktop's bound
// for replication; here a customer matching a rule counts as in scope whatever the bound,
// since the user's work legitimately covers it.
import { type Db } from '../db/db.js';
import { categoriesForQueues } from '../sync/queue-policy.js';
import { recentDaysFromEnv } from '../sync/working-scope.js';

export async function inWorkingScope(db: Db, userId: string, customerIds: readonly string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const [u] = await db.query<{ branch: string | null; queues: string[] | null }>('SELECT branch, queues FROM users WHERE id = $1', [userId]);
  const rows = await db.query<{ cid: string }>(
    `SELECT t.cid::text AS cid FROM unnest($2::uuid[]) AS t(cid) WHERE
        EXISTS (SELECT 1 FROM working_sets w WHERE w.user_id = $1 AND w.customer_id = t.cid)
     OR EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = t.cid AND k.status IN ('open', 'in_progress')
                 AND (k.assignee_id = $1 OR k.category = ANY($5::text[])))
     OR EXISTS (SELECT 1 FROM callbacks b WHERE b.customer_id = t.cid AND b.assignee_id = $1 AND b.status = 'open')
     OR EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = t.cid AND i.started_at > now() - make_interval(days => $4::int)
                 AND (i.agent_id = $1 OR EXISTS (SELECT 1 FROM customers c WHERE c.id = t.cid AND c.branch = $3::text)))`,
    [userId, [...customerIds], u?.branch ?? null, recentDaysFromEnv(), await categoriesForQueues(db, u?.queues ?? [])]);
  return new Set(rows.map((r) => r.cid));
}
