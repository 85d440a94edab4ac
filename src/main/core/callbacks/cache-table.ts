// Call-backs from a pull batch into the cache (inside the pull's transaction). Server rows
// (version > 0) replace local optimistic rows (version 0) of the same id; an older
// version never overwrites a newer one.
import { type CacheTable } from '../cache/cache-table.js';

export const callbacksTable: CacheTable<'callbacks'> = {
  table: 'callbacks',
  prepare(db) {
    const upsert = db.prepare(
      `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by, created_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, phone_e164 = excluded.phone_e164,
         due_at = excluded.due_at, note = excluded.note, assignee_id = excluded.assignee_id, status = excluded.status,
         created_by = excluded.created_by, created_at = excluded.created_at, version = excluded.version
       WHERE excluded.version > callbacks.version`);
    const remove = db.prepare<[string, number]>('DELETE FROM callbacks WHERE id = ? AND version <= ?');
    return {
      upsert: (c) => upsert.run(c.id, c.customerId, c.phoneE164, c.dueAt, c.note, c.assigneeId, c.status, c.createdBy,
        c.createdAt, c.version).changes,
      remove: (id, version) => remove.run(id, version).changes,
    };
  },
};
