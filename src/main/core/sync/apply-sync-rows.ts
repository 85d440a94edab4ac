// Applies the sync issue's tables (notes, call-backs) from a pull batch into the cache.
// Runs inside the pull's transaction. Server rows (version > 0) replace local optimistic
// rows (version 0) of the same id; an older version never overwrites a newer one.
import { type Callback, type Note } from '../../../shared/domain.js';
import { type CacheDb } from '../cache/open-cache.js';

export interface SyncRowsApplier {
  upsertNote(n: Note): number;
  upsertCallback(c: Callback): number;
  remove(table: 'notes' | 'callbacks', id: string, version: number): number;
}

export function createSyncRowsApplier(db: CacheDb): SyncRowsApplier {
  const note = db.prepare(
    `INSERT INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, interaction_id = excluded.interaction_id,
       body = excluded.body, author_id = excluded.author_id, author_name = excluded.author_name,
       created_at = excluded.created_at, version = excluded.version
     WHERE excluded.version > notes.version`);
  const callback = db.prepare(
    `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by, created_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, phone_e164 = excluded.phone_e164,
       due_at = excluded.due_at, note = excluded.note, assignee_id = excluded.assignee_id, status = excluded.status,
       created_by = excluded.created_by, created_at = excluded.created_at, version = excluded.version
     WHERE excluded.version > callbacks.version`);
  const removeNote = db.prepare('DELETE FROM notes WHERE id = ? AND version <= ?');
  const removeCallback = db.prepare('DELETE FROM callbacks WHERE id = ? AND version <= ?');
  return {
    upsertNote: (n) => note.run(n.id, n.customerId, n.interactionId, n.body, n.authorId, n.authorName, n.createdAt, n.version).changes,
    upsertCallback: (c) => callback.run(c.id, c.customerId, c.phoneE164, c.dueAt, c.note, c.assigneeId, c.status, c.createdBy,
      c.createdAt, c.version).changes,
    remove: (table, id, version) => (table === 'notes' ? removeNote : removeCallback).run(id, version).changes,
  };
}
