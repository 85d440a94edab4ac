// The imports table: status rows and rejected lines.
import { type ImportStatus } from '../../shared/http.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';

interface ImportRow {
  id: string; file_name: string; state: ImportStatus['state']; rows_read: number; rows_inserted: number;
  rows_updated: number; rows_rejected: number; bytes_read: number; started_at: Date;
  finished_at: Date | null; error: string | null;
}

export interface ImportCounters {
  rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsRejected: number; bytesRead: number;
}

export interface Reject { line: number; externalId: string | null; reason: string; raw: string }

export async function createImport(db: Db, id: string, fileName: string, actorId: string): Promise<ImportStatus> {
  await db.query('INSERT INTO imports (id, file_name, state, created_by) VALUES ($1, $2, \'running\', $3)', [id, fileName, actorId]);
  return getImport(db, id);
}

export async function getImport(db: Db, id: string): Promise<ImportStatus> {
  const [row] = await db.query<ImportRow>('SELECT * FROM imports WHERE id = $1', [id]);
  if (!row) throw new SapaError('NOT_FOUND', `No import ${id}`);
  return {
    id: row.id, fileName: row.file_name, state: row.state, rowsRead: row.rows_read,
    rowsInserted: row.rows_inserted, rowsUpdated: row.rows_updated, rowsRejected: row.rows_rejected,
    bytesRead: row.bytes_read, startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null, error: row.error,
  };
}

export async function saveProgress(db: Db, id: string, c: ImportCounters): Promise<void> {
  await db.query(
    `UPDATE imports SET rows_read = $2, rows_inserted = $3, rows_updated = $4, rows_rejected = $5, bytes_read = $6
     WHERE id = $1`,
    [id, c.rowsRead, c.rowsInserted, c.rowsUpdated, c.rowsRejected, c.bytesRead],
  );
}

export async function finishImport(db: Db, id: string, c: ImportCounters, error: string | null): Promise<void> {
  await saveProgress(db, id, c);
  await db.query('UPDATE imports SET state = $2, error = $3, finished_at = now() WHERE id = $1', [
    id, error ? 'failed' : 'done', error,
  ]);
}

export async function saveRejects(db: Db, id: string, rejects: readonly Reject[]): Promise<void> {
  if (rejects.length === 0) return;
  await db.query(
    `INSERT INTO import_rejects (import_id, line, external_id, reason, raw)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
    [id, rejects.map((r) => r.line), rejects.map((r) => r.externalId), rejects.map((r) => r.reason), rejects.map((r) => r.raw)],
  );
}

/** Rejected lines in file order, a page at a time (a big file can have many). */
export async function* readRejects(db: Db, id: string, pageSize = 1000): AsyncGenerator<Reject> {
  let after = 0;
  for (;;) {
    const page = await db.query<{ line: number; external_id: string | null; reason: string; raw: string | null }>(
      'SELECT line, external_id, reason, raw FROM import_rejects WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3',
      [id, after, pageSize],
    );
    for (const r of page) yield { line: r.line, externalId: r.external_id, reason: r.reason, raw: r.raw ?? '' };
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
    after = last.line;
  }
}
