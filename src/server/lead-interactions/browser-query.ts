// GET /lead/interactions: one page of the interactions the caller may review, filtered,
// sorted by date or duration, with keyset paging (WHERE (key, id) beyond the cursor, LIMIT
// n + 1 to know whether a next page exists): no OFFSET, so page 10,000 costs what page 1 does.
import { type SessionUser } from '../../shared/http.js';
import { type LeadInteractionFilters, type LeadInteractionPage } from '../../shared/lead-interactions.js';
import { searchCustomers } from '../customers/search.js';
import { type Db } from '../db/db.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { whereOf } from './filters-sql.js';
import { type BrowserRow, DATE_KEY_SQL, DURATION_KEY_SQL, ROW_COLUMNS_SQL, ROW_FROM_SQL, ROW_JOINS_SQL, toBrowserRow } from './row.js';
import { agentsToList, reviewableAgents } from './scope.js';

/** Customers a search text may stand for; a broader text should be narrowed by the lead. */
const CUSTOMER_MATCHES = 200;

export async function listInteractions(db: Db, user: SessionUser, f: LeadInteractionFilters): Promise<LeadInteractionPage> {
  const cursor = f.cursor === undefined ? null : decodeCursor(f.cursor, f.sort, f.order);
  const agents = await agentsToList(db, await reviewableAgents(db, user), f);
  const customers = f.customer === undefined ? null : (await searchCustomers(db, f.customer, CUSTOMER_MATCHES)).map((c) => c.id);
  if (agents?.length === 0 || customers?.length === 0) return { interactions: [], nextCursor: null };

  const w = whereOf({ filters: f, agents, customers });
  const isDate = f.sort === 'date';
  const key = isDate ? 'i.started_at' : DURATION_KEY_SQL;
  const dir = f.order === 'asc' ? 'ASC' : 'DESC';
  if (cursor) {
    w.params.push(cursor.k, cursor.id);
    const n = w.params.length;
    w.clauses.push(`(${key}, i.id) ${f.order === 'asc' ? '>' : '<'} ($${n - 1}::${isDate ? 'timestamptz' : 'int'}, $${n}::uuid)`);
  }
  const order = `ORDER BY ${key} ${dir}, i.id ${dir}`;
  const columns = `${ROW_COLUMNS_SQL}, ${isDate ? DATE_KEY_SQL : DURATION_KEY_SQL} AS sort_key`;
  // Filters on the interaction alone pick the page from interactions first and join only its
  // rows: when the page is chosen by a sort over many matches (the recovered recordings, found
  // through their ids), joining customer, recording and team before the sort did that work for
  // every match (EXPLAIN ANALYZE in bench/README.md).
  const sql = w.joined
    ? `SELECT ${columns} ${ROW_FROM_SQL} WHERE ${w.sql} ${order} LIMIT ${f.limit + 1}`
    : `SELECT ${columns} FROM (SELECT i.* FROM interactions i WHERE ${w.sql} ${order} LIMIT ${f.limit + 1}) i ${ROW_JOINS_SQL} ${order}`;
  const rows = await db.query<BrowserRow & { sort_key: string | number }>(sql, w.params);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > f.limit && last
    ? encodeCursor({ s: f.sort, o: f.order, k: isDate ? String(last.sort_key) : Number(last.sort_key), id: last.id })
    : null;
  return { interactions: page.map(toBrowserRow), nextCursor };
}
