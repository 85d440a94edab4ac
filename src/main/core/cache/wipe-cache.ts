// Empties the open cache for an admin's wipe order: every row of every table goes (customers,
// history, outbox, session, settings …), but the schema and the desktop's client id stay, so
// core keeps running on the same file and a later sign-in syncs from scratch. Deleted content
// is overwritten (secure_delete), the file rebuilt (VACUUM) and the WAL emptied, so none of it
// stays in a free page or in the WAL.
import { type CacheDb } from './open-cache.js';

/** Kept: the schema's history, and the id the server knows this desktop by. */
const KEPT = new Set(['schema_migrations', 'sync_client']);

export function wipeCacheContents(db: CacheDb): void {
  const tables = db.prepare<[], { name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  // FTS5 keeps its index in shadow tables (<name>_data, …): emptied through the table itself.
  const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      // Rows first: triggers of external-content indexes remove them from their index.
      for (const { name } of tables) {
        if (!KEPT.has(name) && !virtual.includes(name) && !isShadow(name)) db.prepare(`DELETE FROM "${name}"`).run();
      }
      for (const name of virtual) db.prepare(`INSERT INTO "${name}" ("${name}") VALUES ('delete-all')`).run();
    })();
  } finally {
    db.pragma('secure_delete = OFF');
  }
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
