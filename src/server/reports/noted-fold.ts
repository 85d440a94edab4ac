// The turn-taking of the folds that take the change notes their triggers left (quality,
// sales, post-sales, customers; migrations 040–044): one fold at a time per source (its
// report_watermarks row locked), the notes taken and their days rebuilt in the same
// transaction, and when it last ran recorded. Idempotent: a fold with no notes rebuilds nothing.
import { type Db } from '../db/db.js';

export async function foldNoted<T>(db: Db, source: string, now: Date, fold: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM report_watermarks WHERE source = $1 FOR UPDATE', [source]);
    const result = await fold(tx);
    await tx.query('UPDATE report_watermarks SET folded_at = $1 WHERE source = $2', [now, source]);
    return result;
  });
}
