// The pull's wire formats (docs/decisions/0028-slow-links.md).
//   rows     (wire 1, every server and desktop): `changes` holds an object per row.
//   columns  (wire 2, asked with `wire=columns`): `columns` holds, per table that has rows,
//            the field names once and one array of values per field, in the same order;
//            `changes` is absent. A server that does not know `wire` answers rows, which
//            the decoder passes through unchanged, so either side may be older.
// The desktop decodes columns back into rows before the answer's schema checks them
// (PullAnswer), so validation and the cache writer see one shape either way.
import { z } from 'zod';
import { PullResponse, SYNC_TABLES, type SyncTable } from './sync.js';

export const WIRE_FORMATS = ['rows', 'columns'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** One table's rows as columns: `values[i][j]` is field `names[i]` of row j. */
export interface ColumnBlock { names: string[]; values: unknown[][] }

export type PullColumns = Omit<PullResponse, 'changes'> & {
  format: 'columns';
  columns: Partial<Record<SyncTable, ColumnBlock>>;
};

/** Rows → columns. The field names are taken from the first row (every row of a table has the same fields). */
export function encodeColumns(answer: PullResponse): PullColumns {
  const { changes, ...rest } = answer;
  const columns: Partial<Record<SyncTable, ColumnBlock>> = {};
  for (const table of SYNC_TABLES) {
    const rows = changes[table] as readonly Record<string, unknown>[];
    const first = rows[0];
    if (!first) continue;
    // A field no row has (an optional one left out) is not sent; JSON would make it null.
    const names = Object.keys(first).filter((name) => rows.some((r) => r[name] !== undefined));
    const values = names.map((name) => {
      const column = new Array<unknown>(rows.length);
      for (let j = 0; j < rows.length; j += 1) column[j] = rows[j]![name];
      return column;
    });
    columns[table] = { names, values };
  }
  return { ...rest, format: 'columns', columns };
}

const MAX_ROWS = 50_000;

/** A block as sent: names are distinct strings, and every column has one value per row. */
function wellFormed(block: unknown): block is ColumnBlock {
  if (typeof block !== 'object' || block === null) return false;
  const { names, values } = block as { names?: unknown; values?: unknown };
  if (!Array.isArray(names) || !Array.isArray(values) || names.length === 0 || names.length > 64) return false;
  if (values.length !== names.length || new Set(names).size !== names.length) return false;
  if (!names.every((n) => typeof n === 'string' && n.length > 0 && n.length <= 64 && n !== '__proto__')) return false;
  const count = Array.isArray(values[0]) ? values[0].length : -1;
  return count >= 0 && count <= MAX_ROWS && values.every((c) => Array.isArray(c) && c.length === count);
}

/**
 * Columns → rows; a rows answer (an older server, or `wire=rows`) passes through. A
 * malformed columns answer comes out without `changes`, so PullResponse refuses it.
 */
export function decodeColumns(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || (payload as { format?: unknown }).format !== 'columns') return payload;
  const { format: _format, columns, ...rest } = payload as { format: unknown; columns?: unknown };
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) return rest;
  const known = new Set<string>(SYNC_TABLES);
  if (Object.keys(columns).some((t) => !known.has(t))) return rest;
  const changes: Record<string, unknown[]> = {};
  for (const table of SYNC_TABLES) {
    const block = (columns as Record<string, unknown>)[table];
    if (block === undefined) {
      changes[table] = [];
      continue;
    }
    if (!wellFormed(block)) return rest;
    const count = block.values[0]!.length;
    const rows = new Array<Record<string, unknown>>(count);
    for (let j = 0; j < count; j += 1) {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < block.names.length; i += 1) row[block.names[i]!] = block.values[i]![j];
      rows[j] = row;
    }
    changes[table] = rows;
  }
  return { ...rest, changes };
}

/** What the desktop parses a pull answer with: either wire format, checked as rows. */
export const PullAnswer = z.preprocess(decodeColumns, PullResponse);

const UNCHECKED_ROWS = z.object(Object.fromEntries(SYNC_TABLES.map((t) => [t, z.array(z.unknown()).default([])])) as
  Record<SyncTable, z.ZodDefault<z.ZodArray<z.ZodUnknown>>>);

/**
 * The pull route's answer as core's server client parses it: either wire format, the
 * envelope checked and each table's rows only counted as arrays. The desktop checks the rows
 * against PullResponse's row schemas itself, a slice at a time (core sync/check-pull.ts), so
 * that the check of a 5 000-row batch does not hold core's thread (decision 0041).
 */
export const PullEnvelope = z.preprocess(decodeColumns, PullResponse.extend({ changes: UNCHECKED_ROWS }));
export type PullEnvelope = z.infer<typeof PullEnvelope>;
