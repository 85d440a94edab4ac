// Which users' working sets hold a row: the rules of src/server/sync/working-scope.ts
// (WORKING_SET_SQL) turned around for one customer and evaluated from scratch after the
// write committed — not read from the server's `scope_members`, so a fault in the
// maintained scope shows as a missed delivery or a stray poke rather than agreeing with
// itself. The cap (50 000 most recently active) is left out: a simulated branch holds far
// fewer customers.
import type pg from 'pg';

const HOLDERS_SQL = `
WITH c AS (SELECT id, branch FROM customers WHERE id = $1),
recent AS (SELECT EXISTS (SELECT 1 FROM interactions WHERE customer_id = $1 AND started_at > now() - make_interval(days => $2::int)) AS r)
SELECT DISTINCT user_id::text FROM (
  SELECT user_id FROM working_sets WHERE customer_id = $1
  UNION SELECT assignee_id FROM cases WHERE customer_id = $1 AND status IN ('open', 'in_progress')
  UNION SELECT assignee_id FROM callbacks WHERE customer_id = $1 AND status = 'open'
  UNION SELECT agent_id FROM interactions WHERE customer_id = $1 AND started_at > now() - make_interval(days => $2::int)
  UNION SELECT u.id FROM users u, c, recent WHERE recent.r AND u.branch = c.branch
  UNION SELECT u.id FROM users u JOIN queues q ON q.code = ANY (u.queues) AND q.active
          JOIN cases k ON k.customer_id = $1 AND k.status IN ('open', 'in_progress') AND k.category = ANY (q.case_categories)
) x WHERE user_id IS NOT NULL`;

/** The customer a watched row belongs to (a case event's is looked up). */
export async function customerOfRow(client: pg.Client, rowId: string): Promise<string | null> {
  const r = await client.query<{ c: string }>(
    'SELECT customer_id::text AS c FROM interactions WHERE id = $1 UNION ALL SELECT customer_id::text FROM notes WHERE id = $1', [rowId]);
  return r.rows[0]?.c ?? null;
}

export async function holders(client: pg.Client, customerId: string, recentDays = 30): Promise<string[]> {
  const r = await client.query<{ user_id: string }>(HOLDERS_SQL, [customerId, recentDays]);
  return r.rows.map((x) => x.user_id);
}
