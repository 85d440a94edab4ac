// Where a read goes (docs/decisions/0032-read-replicas.md). With DATABASE_READ_URL the
// server holds a second set of pools on a PostgreSQL streaming replica, and the reads that
// may be a little behind — pulls and priority pulls, customer search, phone lookups, the
// 360 view and history — go there; every write, every push and everything inside a
// transaction stays on the primary. PGlite has no replica: readDb answers the primary.
//
// A pull from the replica is correct however far it lags: it computes its upper bound
// (`head`) in the same REPEATABLE READ snapshot as its rows, on the replica (sync/pull.ts).
// A standby replays commits in the primary's commit order, and the global write lock
// (write-transaction.ts) makes versions commit in order, so a standby snapshot that holds
// version N holds every committed version below it, exactly as on the primary.
import { type Db } from './db.js';

/** The pool a lag-tolerant read uses: the replica when configured, else `db` itself (PGlite, a transaction). */
export function readDb(db: Db): Db {
  return db.replica ?? db;
}

/** The primary with its read replica attached; closing it closes both. */
export function withReadReplica(primary: Db, replica: Db): Db {
  return {
    engine: primary.engine,
    replica,
    query: (sql, params, options) => primary.query(sql, params, options),
    transaction: (fn) => primary.transaction(fn),
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
