// Db over an embedded PGlite (one connection, its own mutex serialises transactions).
import { PGlite, type Transaction } from '@electric-sql/pglite';
import {
  type Db, type QueryOptions, type SqlParam, DATE_OID, INT8_OID, NUMERIC_OID, TIMESTAMPTZ_OID,
  parseBigintText,
} from './db.js';
import { isoFromTimestamptzText } from './timestamps.js';

type Queryable = Pick<Transaction, 'query'>;

const PARSERS = {
  [INT8_OID]: (v: string) => parseBigintText(v),
  [NUMERIC_OID]: (v: string) => parseBigintText(v),
  [DATE_OID]: (v: string) => v,
};
const ISO_PARSERS = { ...PARSERS, [TIMESTAMPTZ_OID]: isoFromTimestamptzText };

async function run<T>(on: Queryable, sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
  const res = await on.query<T>(sql, params as unknown[] | undefined, options?.isoTimestamps ? { parsers: ISO_PARSERS } : undefined);
  return res.rows;
}

function onTx(tx: Queryable): Db {
  return {
    engine: 'pglite',
    query: <T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) => run<T>(tx, sql, params, options),
    transaction: (fn) => fn(onTx(tx)),
    close: async () => undefined,
  };
}

/** `dataDir` undefined → in-memory (tests). */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: PARSERS,
  });
  return {
    engine: 'pglite',
    query: <T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) => run<T>(pglite, sql, params, options),
    transaction: (fn) => pglite.transaction((tx) => fn(onTx(tx))),
    close: () => pglite.close(),
  };
}
