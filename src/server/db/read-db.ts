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

/**
 * Errors that mean "the replica cannot be reached" (not "the query failed"): refused or lost
 * connections, a standby still starting, a test database the standby has not replayed yet.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', '57P03', '3D000']);

function unreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && UNREACHABLE_CODES.has(code))
    || (error instanceof Error && /Connection terminated|connection timeout/i.test(error.message));
}

/** After the replica could not be reached, reads go to the primary this long before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;

/**
 * The replica, falling back to the primary while it cannot be reached: a pull from the
 * primary is as correct as one from the replica (decision 0032), so a replica that is down
 * costs the primary load, not the desktops' sync. Only work that never reached the replica
 * moves (a failed connect); a statement that failed there is not run again.
 */
function replicaOrPrimary(primary: Db, replica: Db, now: () => number): Db {
  let downUntil = 0;
  const down = (error: unknown): boolean => {
    if (!unreachable(error)) return false;
    downUntil = now() + REPLICA_RETRY_MS;
    return true;
  };
  return {
    engine: replica.engine,
    async query(sql, params, options) {
      if (now() < downUntil) return primary.query(sql, params, options);
      try {
        return await replica.query(sql, params, options);
      } catch (error) {
        if (down(error)) return primary.query(sql, params, options);
        throw error;
      }
    },
    async transaction(fn) {
      if (now() < downUntil) return primary.transaction(fn);
      let started = false;
      try {
        return await replica.transaction((tx) => {
          started = true;
          return fn(tx);
        });
      } catch (error) {
        if (!started && down(error)) return primary.transaction(fn);
        throw error;
      }
    },
    close: () => replica.close(),
  };
}

/** The primary with its read replica attached; closing it closes both. */
export function withReadReplica(primary: Db, replica: Db, now: () => number = Date.now): Db {
  return {
    engine: primary.engine,
    replica: replicaOrPrimary(primary, replica, now),
    query: (sql, params, options) => primary.query(sql, params, options),
    transaction: (fn) => primary.transaction(fn),
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
