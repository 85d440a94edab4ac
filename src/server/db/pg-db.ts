// Db over a pg Pool. Type parsers are set per pool (not globally) so that other code in the
// same process that uses pg keeps pg's defaults.
import pg from 'pg';
import { SapaError } from '../../shared/errors.js';
import {
  type Db, type QueryOptions, type SqlParam, DATE_OID, INT8_OID, NUMERIC_OID, TIMESTAMPTZ_OID,
  parseBigintText,
} from './db.js';
import { DEFAULT_POOL_LIMITS, type PoolLimits, type RequestClass, currentRequestClass } from './request-class.js';
import { isoFromTimestamptzText } from './timestamps.js';

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => parseBigintText(v);
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const isoTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMPTZ_OID
    ? isoFromTimestamptzText
    : typeParsers.getTypeParser(oid, format))) as pg.CustomTypesConfig['getTypeParser'],
};

/** pg-pool's error when no connection of the pool came free within connectionTimeoutMillis. */
const POOL_WAIT_TIMEOUT = /timeout exceeded when trying to connect/i;

/** A full pool is "the server is busy", not an internal error: the client may try again. */
function busyError(error: unknown): unknown {
  return error instanceof Error && POOL_WAIT_TIMEOUT.test(error.message)
    ? new SapaError('OFFLINE', 'The server is busy: no database connection came free in time; try again')
    : error;
}

async function run(on: pg.Pool | pg.PoolClient, sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
  const values = params as unknown[] | undefined;
  try {
    if (options?.prepare) {
      return await on.query({ name: options.prepare, text: sql, values, ...(options.isoTimestamps ? { types: isoTypeParsers } : {}) });
    }
    return await (options?.isoTimestamps ? on.query({ text: sql, values, types: isoTypeParsers }) : on.query(sql, values));
  } catch (error) {
    throw busyError(error);
  }
}

function onClient(client: pg.PoolClient): Db {
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
      const res = await run(client, sql, params, options);
      return res.rows as T[];
    },
    // A nested transaction simply joins the outer one.
    transaction: (fn) => fn(onClient(client)),
    close: async () => undefined,
  };
}

export interface PgDbOptions {
  /** Pool size and statement timeout per request class; absent classes use the defaults. */
  pools?: Partial<Record<RequestClass, Partial<PoolLimits>>>;
  /** application_name is `<prefix>-<class>` (pg_stat_activity tells the pools apart); default `sapa`. */
  applicationPrefix?: string;
  /** Every transaction read-only (a read replica's pools: a write sent there by mistake is refused, even on a primary). */
  readOnly?: boolean;
}

/**
 * One pg Pool per request class (src/server/db/request-class.ts), opened on first use: each
 * query goes to the pool of the class of the work running it.
 */
export function createPgDb(connectionString: string, options: PgDbOptions = {}): Db {
  const pools = new Map<RequestClass, pg.Pool>();
  function poolFor(cls: RequestClass): pg.Pool {
    let pool = pools.get(cls);
    if (!pool) {
      const limits = { ...DEFAULT_POOL_LIMITS[cls], ...options.pools?.[cls] };
      pool = new pg.Pool({
        connectionString, max: limits.max, types: typeParsers,
        connectionTimeoutMillis: limits.connectionWaitMs,
        ...(limits.statementTimeoutMs === null ? {} : { statement_timeout: limits.statementTimeoutMs }),
        application_name: `${options.applicationPrefix ?? 'sapa'}-${cls}`,
        ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      });
      // An idle client that loses its connection emits 'error'; without a listener the process dies.
      pool.on('error', () => undefined);
      pools.set(cls, pool);
    }
    return pool;
  }
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
      const res = await run(poolFor(currentRequestClass()), sql, params, options);
      return res.rows as T[];
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await poolFor(currentRequestClass()).connect().catch((error: unknown) => { throw busyError(error); });
      try {
        await client.query('BEGIN');
        const result = await fn(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      pools.clear();
    },
  };
}
