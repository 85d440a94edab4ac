// The search and paging every Organisation list shares: `q` matches any of the given
// columns case-insensitively as a substring (LIKE wildcards in it are taken literally),
// ordered by `order`, with the total for the pager.
import { type Db, type SqlParam } from '../db/db.js';

export interface ListQuery { q?: string | undefined; limit: number; offset: number }

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listRows<R>(
  db: Db, table: string, columns: string, searchable: readonly string[], order: string, query: ListQuery,
): Promise<{ rows: R[]; total: number }> {
  const params: SqlParam[] = [];
  let where = '';
  if (query.q) {
    params.push(likePattern(query.q));
    where = `WHERE ${searchable.map((c) => `${c} ILIKE $1`).join(' OR ')}`;
  }
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${where}`, params);
  const rows = await db.query<R>(
    `SELECT ${columns} FROM ${table} ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.limit, query.offset]);
  return { rows, total: count?.n ?? 0 };
}
