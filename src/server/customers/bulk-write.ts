// Multi-row customer writes through unnest(): one statement per batch instead of one per
// row. Must run inside withWriteTransaction (the version triggers stamp each row).
import { type Customer } from '../../shared/domain.js';
import { type Db, type SqlParam } from '../db/db.js';
import { searchTermsFor } from './terms.js';

export type CustomerRecord = Omit<Customer, 'version' | 'updatedAt'>;
type Field = Exclude<keyof CustomerRecord, 'id'>;

interface Column { field: Field; column: string; pgType: 'text' | 'jsonb' | 'boolean' | 'bigint' | 'date' }

const COLUMNS: readonly Column[] = [
  { field: 'customerNo', column: 'customer_no', pgType: 'text' },
  { field: 'externalId', column: 'external_id', pgType: 'text' },
  { field: 'fullName', column: 'full_name', pgType: 'text' },
  { field: 'salutation', column: 'salutation', pgType: 'text' },
  { field: 'phones', column: 'phones', pgType: 'jsonb' },
  { field: 'emails', column: 'emails', pgType: 'jsonb' },
  { field: 'address', column: 'address', pgType: 'text' },
  { field: 'city', column: 'city', pgType: 'text' },
  { field: 'branch', column: 'branch', pgType: 'text' },
  { field: 'language', column: 'language', pgType: 'text' },
  { field: 'segment', column: 'segment', pgType: 'text' },
  { field: 'tier', column: 'tier', pgType: 'text' },
  { field: 'vvip', column: 'vvip', pgType: 'boolean' },
  { field: 'billing', column: 'billing', pgType: 'text' },
  { field: 'lifecycle', column: 'lifecycle', pgType: 'text' },
  { field: 'customerSince', column: 'customer_since', pgType: 'date' },
  { field: 'lifetimeValueIdr', column: 'lifetime_value_idr', pgType: 'bigint' },
];

/** Unit separator: never part of a search term, so it can join terms into one text. */
const TERM_SEPARATOR = '\u001f';

function cell(value: unknown, pgType: Column['pgType']): string | boolean | number | null {
  if (value === null || value === undefined) return null;
  if (pgType === 'jsonb') return JSON.stringify(value);
  return value as string | boolean | number;
}

// jsonb/date travel as text arrays (portable across pg and PGlite) and are cast in SQL.
const arrayType = (t: Column['pgType']): string => (t === 'jsonb' || t === 'date' ? 'text' : t);

export async function insertCustomers(tx: Db, rows: readonly CustomerRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const params: SqlParam[] = [rows.map((r) => r.id)];
  for (const c of COLUMNS) params.push(rows.map((r) => cell(r[c.field], c.pgType)));
  params.push(rows.map((r) => searchTermsFor(r).join(TERM_SEPARATOR)));
  const unnestArgs = ['$1::uuid[]', ...COLUMNS.map((c, i) => `$${i + 2}::${arrayType(c.pgType)}[]`), `$${COLUMNS.length + 2}::text[]`];
  const names = ['id', ...COLUMNS.map((c) => c.column), 'terms'];
  const select = ['u.id', ...COLUMNS.map((c) => `u.${c.column}::${c.pgType}`), 'string_to_array(u.terms, chr(31))'];
  await tx.query(
    `INSERT INTO customers (id, ${COLUMNS.map((c) => c.column).join(', ')}, search_terms)
     SELECT ${select.join(', ')} FROM unnest(${unnestArgs.join(', ')}) AS u(${names.join(', ')})`,
    params,
  );
}

/**
 * Updates the given fields of existing customers (id must exist). Search terms are
 * recomputed, so rows must carry customerNo, externalId, fullName and emails.
 */
export async function updateCustomers(tx: Db, rows: readonly CustomerRecord[], fields: readonly Field[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = COLUMNS.filter((c) => fields.includes(c.field));
  const params: SqlParam[] = [rows.map((r) => r.id)];
  for (const c of cols) params.push(rows.map((r) => cell(r[c.field], c.pgType)));
  params.push(rows.map((r) => searchTermsFor(r).join(TERM_SEPARATOR)));
  const unnestArgs = ['$1::uuid[]', ...cols.map((c, i) => `$${i + 2}::${arrayType(c.pgType)}[]`), `$${cols.length + 2}::text[]`];
  const names = ['id', ...cols.map((c) => c.column), 'terms'];
  const sets = [...cols.map((c) => `${c.column} = u.${c.column}::${c.pgType}`),
    'search_terms = string_to_array(u.terms, chr(31))', 'updated_at = now()'];
  await tx.query(
    `UPDATE customers c SET ${sets.join(', ')}
     FROM unnest(${unnestArgs.join(', ')}) AS u(${names.join(', ')}) WHERE c.id = u.id`,
    params,
  );
}

/** Next customer numbers (C00000001 …) from the shared sequence. */
export async function nextCustomerNumbers(tx: Db, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.query<{ n: number }>(
    'SELECT nextval(\'customer_no_seq\') AS n FROM generate_series(1, $1)', [count]);
  return rows.map((r) => formatCustomerNo(r.n));
}

export function formatCustomerNo(n: number): string {
  return `C${String(n).padStart(8, '0')}`;
}
