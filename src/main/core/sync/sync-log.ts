// Recent sync errors and the conflicts the server answered, kept in the cache for the
// diagnostics panel and the conflict notice.
import { type CacheDb } from '../cache/open-cache.js';

const KEEP_ERRORS = 50;

export interface ConflictView {
  id: number; mutationId: string; entity: string; entityId: string; field: string;
  yourValue: unknown; serverValue: unknown; at: string;
}

export interface SyncLog {
  error(message: string): void;
  recentErrors(limit: number): { at: string; message: string }[];
  openConflictCount(): number;
  openConflicts(): ConflictView[];
  dismissConflict(id: number): boolean;
}

export function createSyncLog(db: CacheDb): SyncLog {
  const insert = db.prepare('INSERT INTO sync_errors (at, message) VALUES (?, ?)');
  const trim = db.prepare('DELETE FROM sync_errors WHERE id <= (SELECT max(id) FROM sync_errors) - ?');
  const recent = db.prepare<[number], { at: string; message: string }>(
    'SELECT at, message FROM sync_errors ORDER BY id DESC LIMIT ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_conflicts WHERE dismissed = 0');
  const open = db.prepare<[], {
    id: number; mutation_id: string; entity: string; entity_id: string; field: string;
    your_value: string | null; server_value: string | null; at: string;
  }>('SELECT * FROM sync_conflicts WHERE dismissed = 0 ORDER BY id DESC LIMIT 100');
  const dismiss = db.prepare('UPDATE sync_conflicts SET dismissed = 1 WHERE id = ?');
  const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text) as unknown);
  return {
    error(message) {
      insert.run(new Date().toISOString(), message.slice(0, 1000));
      trim.run(KEEP_ERRORS);
    },
    recentErrors: (limit) => recent.all(limit),
    openConflictCount: () => count.get()?.n ?? 0,
    openConflicts: () => open.all().map((r) => ({
      id: r.id, mutationId: r.mutation_id, entity: r.entity, entityId: r.entity_id, field: r.field,
      yourValue: parse(r.your_value), serverValue: parse(r.server_value), at: r.at,
    })),
    dismissConflict: (id) => dismiss.run(id).changes > 0,
  };
}
