// What every part of the router works with: the database, the clock (the SQL takes the time
// as a parameter, never now(), so tests and the peak simulation run on a simulated clock),
// and the bus that carries offers and state changes to every instance after a commit.
import { type Db } from '../db/db.js';
import { type BusMessage, type CcBus } from './bus.js';

export interface RouterContext {
  db: Db;
  clock: () => Date;
  bus: CcBus;
  /** Presence older than this marks the agent offline (reconciler.ts). */
  presenceTimeoutSec: number;
}

/** Messages a transaction wants sent; published after it commits. */
export type Outbox = BusMessage[];

// PostgreSQL aborts one of two transactions that wait on each other's rows (deadlock) and
// may refuse one under serializable isolation; both are safe to run again from the start.
// They happen because the router's moves lock a task and its agent in the order each move
// starts from (an offer lapsing: task, then agent; the reconciler: agent, then its tasks).
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * Runs `fn` in one transaction and publishes what it queued once it committed. A deadlock
 * or serialization failure rolls everything back (nothing was published) and runs `fn`
 * again with a fresh outbox and clock reading, up to four times.
 */
export async function inTransaction<T>(ctx: RouterContext, fn: (tx: Db, out: Outbox, now: Date) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const out: Outbox = [];
    const now = ctx.clock();
    let result: T;
    try {
      result = await ctx.db.transaction((tx) => fn(tx, out, now));
    } catch (error) {
      if (attempt < ATTEMPTS && RETRYABLE.has(String((error as { code?: unknown }).code))) continue;
      throw error;
    }
    if (out.length > 0) await ctx.bus.publish(out);
    return result;
  }
}
