// Db over an embedded PGlite (one connection, its own mutex serialises transactions).
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Db, type SqlParam, DATE_OID, INT8_OID, NUMERIC_OID, parseBigintText } from './db.js';

type Queryable = Pick<Transaction, 'query'>;

function onTx(tx: Queryable): Db {
  return {
    engine: 'pglite',
    async query<T>(sql: string, params?: readonly SqlParam[]) {
      const res = await tx.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    transaction: (fn) => fn(onTx(tx)),
    close: async () => undefined,
  };
}

/** `dataDir` undefined → in-memory (tests). */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: {
      [INT8_OID]: (v: string) => parseBigintText(v),
      [NUMERIC_OID]: (v: string) => parseBigintText(v),
      [DATE_OID]: (v: string) => v,
    },
  });
  return {
    engine: 'pglite',
    async query<T>(sql: string, params?: readonly SqlParam[]) {
      const res = await pglite.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    transaction: (fn) => pglite.transaction((tx) => fn(onTx(tx))),
    close: () => pglite.close(),
  };
}
