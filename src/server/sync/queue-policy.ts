// Which case categories a user's queues cover: the working set brings in customers with an
// open case in any of these categories (pull.ts, data-access/in-scope.ts). The categories of
// each queue are the queues table's (migration 014, kept on the Organisation screen); a
// disabled queue brings in nothing, and a name that is no queue contributes nothing.
import { type Db } from '../db/db.js';

export interface QueueCategories { code: string; case_categories: readonly string[]; active: boolean }

/** Distinct categories of the given queues among `table`, sorted. */
export function categoriesFrom(table: readonly QueueCategories[], queues: readonly string[]): string[] {
  const wanted = new Set(queues);
  const out = new Set<string>();
  for (const q of table) if (q.active && wanted.has(q.code)) for (const c of q.case_categories) out.add(c);
  return [...out].sort();
}

/** The categories of `queues` as the queues table says now (inside the caller's snapshot). */
export async function categoriesForQueues(db: Db, queues: readonly string[]): Promise<string[]> {
  if (queues.length === 0) return [];
  const rows = await db.query<QueueCategories>(
    'SELECT code, case_categories, active FROM queues WHERE code = ANY($1::text[])', [[...queues]]);
  return categoriesFrom(rows, queues);
}
