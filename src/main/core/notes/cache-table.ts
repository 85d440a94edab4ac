// Notes from a pull batch into the cache (inside the pull's transaction). Server rows
// (version > 0) replace local optimistic rows (version 0) of the same id; an older
// version never overwrites a newer one.
import { type CacheTable } from '../cache/cache-table.js';

export const notesTable: CacheTable<'notes'> = {
  table: 'notes',
  prepare(db) {
    const upsert = db.prepare(
      `INSERT INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, interaction_id = excluded.interaction_id,
         body = excluded.body, author_id = excluded.author_id, author_name = excluded.author_name,
         created_at = excluded.created_at, version = excluded.version
       WHERE excluded.version > notes.version`);
    const remove = db.prepare<[string, number]>('DELETE FROM notes WHERE id = ? AND version <= ?');
    return {
      upsert: (n) => upsert.run(n.id, n.customerId, n.interactionId, n.body, n.authorId, n.authorName, n.createdAt, n.version).changes,
      remove: (id, version) => remove.run(id, version).changes,
    };
  },
};
