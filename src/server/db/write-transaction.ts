// The one way to write synced rows. See docs/decisions/0002-sync-versions.md.
//
// Every writing transaction first takes a global transaction-scoped advisory lock, and
// only then takes versions (the BEFORE triggers call nextval). The lock is released after
// the commit has become visible, so version N+1 cannot even be assigned before version N
// is committed (or rolled back): versions become visible strictly in order, and a reader
// that has seen version N has seen every committed version below it. The triggers take the
// same lock too, so a write that bypasses this helper is still safe — the helper exists
// so that the lock is taken *first*, before the transaction holds any row locks (no
// lock-order deadlocks), and so that the rule has a name.
import { type Db } from './db.js';

export const SYNC_WRITE_LOCK = 7041964;

export async function withWriteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
    return fn(tx);
  });
}
