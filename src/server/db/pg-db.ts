// Db over a pg Pool. Type parsers are set per pool (not globally) so that other code in the
// same process that uses pg keeps pg's defaults.
import pg from 'pg';
import {
  type Db, type QueryOptions, type SqlParam, DATE_OID, INT8_OID, NUMERIC_OID, TIMESTAMPTZ_OID,
  parseBigintText,
} from './db.js';
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

function run(on: pg.Pool | pg.PoolClient, sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
  const values = params as unknown[] | undefined;
  return options?.isoTimestamps ? on.query({ text: sql, values, types: isoTypeParsers }) : on.query(sql, values);
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

export function createPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
  // An idle client that loses its connection emits 'error'; without a listener the process dies.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
      const res = await run(pool, sql, params, options);
      return res.rows as T[];
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
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
    close: () => pool.end(),
  };
}
