// The rep's visit plan kept on this desktop (cache table sales_visits, migration 0009): the
// last fetched copy of each visit as JSON, patched by the outbox's local effects so the plan
// shows a check-in or a result at once, offline too. A fetch replaces only visits with no
// change still waiting in the outbox (local_changes = 0): those keep what the rep did.
import { Visit } from '../../../shared/pipeline.js';
import { type CacheDb } from '../cache/open-cache.js';

export function storeFetchedVisits(db: CacheDb, visits: readonly Visit[], fetchedAt: string): void {
  const put = db.prepare(
    `INSERT INTO sales_visits (id, owner_id, planned_start, data, local_changes, fetched_at) VALUES (?, ?, ?, ?, 0, ?)
     ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, planned_start = excluded.planned_start, data = excluded.data,
       fetched_at = excluded.fetched_at WHERE sales_visits.local_changes = 0`);
  db.transaction(() => {
    for (const v of visits) put.run(v.id, v.ownerId, v.plannedStart, JSON.stringify(v), fetchedAt);
  })();
}

export function cachedVisit(db: CacheDb, id: string): Visit | null {
  const row = db.prepare<[string], { data: string; local_changes: number }>('SELECT data, local_changes FROM sales_visits WHERE id = ?').get(id);
  return row ? { ...Visit.parse(JSON.parse(row.data)), pending: row.local_changes > 0 } : null;
}

/** Visits of `ownerId` planned from `from` (inclusive) to `to` (exclusive), ISO instants. */
export function cachedVisits(db: CacheDb, ownerId: string, from: string, to: string): Visit[] {
  return db.prepare<[string, string, string], { data: string; local_changes: number }>(
    'SELECT data, local_changes FROM sales_visits WHERE owner_id = ? AND planned_start >= ? AND planned_start < ? ORDER BY planned_start, id',
  ).all(ownerId, from, to).map((r) => ({ ...Visit.parse(JSON.parse(r.data)), pending: r.local_changes > 0 }));
}

/** Applies `patch` to a cached visit and counts one more (or, with delta −1, one fewer) change in the outbox. */
export function patchVisit(db: CacheDb, id: string, patch: (v: Visit) => Visit, delta: 1 | 0 | -1): void {
  const row = db.prepare<[string], { data: string }>('SELECT data FROM sales_visits WHERE id = ?').get(id);
  if (!row) return;
  const next = patch(Visit.parse(JSON.parse(row.data)));
  db.prepare('UPDATE sales_visits SET data = ?, local_changes = MAX(0, local_changes + ?) WHERE id = ?').run(JSON.stringify(next), delta, id);
}
