// Request classes: the kinds of database work the server does, each with its own bounded
// pool of PostgreSQL connections and its own statement_timeout, so that one kind cannot
// starve another (a burst of initial syncs or an import never takes the connections a
// phone lookup needs while a call rings) and a runaway statement is cancelled.
//
// The class travels with the request in AsyncLocalStorage: the route registrar runs each
// handler inside its route's class (src/shared/routes.ts `load`), and work started from it
// (an import running after its upload was answered) stays in that class. Work outside any
// request (migrations, the seed, start-up) is `system`.
import { AsyncLocalStorage } from 'node:async_hooks';

export const REQUEST_CLASSES = ['interactive', 'sync', 'bulk', 'system'] as const;
export type RequestClass = (typeof REQUEST_CLASSES)[number];

export interface PoolLimits {
  /** Connections this class may hold at once; more queries wait for one. */
  max: number;
  /** PostgreSQL cancels a statement of this class after this long (null: never). */
  statementTimeoutMs: number | null;
  /** A query waiting longer than this for a free connection fails instead of queueing for ever. */
  connectionWaitMs: number;
}

export const DEFAULT_POOL_LIMITS: Readonly<Record<RequestClass, PoolLimits>> = {
  // Lookups, the customer screen, notes, wrap-ups: short statements, many at once.
  interactive: { max: 10, statementTimeoutMs: 10_000, connectionWaitMs: 10_000 },
  // Pulls and pushes: longer reads of change logs, a bounded number at a time.
  sync: { max: 6, statementTimeoutMs: 60_000, connectionWaitMs: 30_000 },
  // CSV imports and exports: few, long, never allowed to crowd out the others.
  bulk: { max: 2, statementTimeoutMs: 10 * 60_000, connectionWaitMs: 60_000 },
  // Work outside any request: migrations (an index build on a large table may take long),
  // the seed, background senders and timers. Sized like the one pool the server had before.
  system: { max: 10, statementTimeoutMs: null, connectionWaitMs: 60_000 },
};

const current = new AsyncLocalStorage<RequestClass>();

/** Runs `fn` (and everything it starts) as database work of class `cls`. */
export function inRequestClass<T>(cls: RequestClass, fn: () => T): T {
  return current.run(cls, fn);
}

/** The class of the work now running; `system` outside any request. */
export function currentRequestClass(): RequestClass {
  return current.getStore() ?? 'system';
}
