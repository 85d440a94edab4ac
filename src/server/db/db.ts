// The one database interface the server codes against. Two engines sit behind it:
// PostgreSQL (pg Pool) in production and PGlite (embedded) for one-PC setups and tests.
// Plain parametrised SQL, see docs/decisions/0001-plain-sql-over-kysely.md.

export type SqlParam = string | number | boolean | null | Date | readonly unknown[];

export interface QueryOptions {
  /**
   * `timestamptz` values as ISO-8601 UTC strings (`2025-03-04T05:06:07.123Z`, what
   * Date.prototype.toISOString writes) instead of Date objects. For bulk reads that only
   * pass timestamps on (the sync pull): no Date is built and none is formatted again.
   */
  isoTimestamps?: boolean;
  /**
   * A name for the statement: PostgreSQL plans it once per connection and reuses the plan
   * (for hot statements whose planning costs more than their execution, e.g. the router's
   * candidate query). The same name must always carry the same SQL. PGlite ignores it.
   */
  prepare?: string;
}

export interface Db {
  /** Runs one statement and returns its rows. `int8` and `numeric` come back as JS numbers. */
  query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection; commits on return, rolls back on throw. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'postgres' | 'pglite';
  /**
   * The read replica of this primary (DATABASE_READ_URL), when one is configured. Never set
   * on a transaction handle, so work inside a transaction stays on its connection. Read it
   * only through readDb() (read-db.ts), the one place that decides where a read goes.
   */
  readonly replica?: Db;
}

/** Parsers shared by both engines: bigints and numerics as numbers, dates as YYYY-MM-DD strings. */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const DATE_OID = 1082;
export const TIMESTAMPTZ_OID = 1184;


export function parseBigintText(value: string): number {
  const n = Number(value);
  // Versions and IDR amounts stay far below 2^53; anything above would lose precision silently.
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new Error(`bigint ${value} exceeds 2^53`);
  return n;
}
