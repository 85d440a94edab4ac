// Validates one CSV record into a customer (without id / customer number), or says why not.
// The record's shape (field count, field length) is checked here; the customer's rules are
// the zod schema in customer-row.ts, whose first failing field gives the reason.
import { type HeaderMap } from './columns.js';
import { CustomerRow, type ImportedCustomer } from './customer-row.js';

export const MAX_FIELD_CHARS = 10_000;

export type RowResult = { ok: true; customer: ImportedCustomer } | { ok: false; reason: string };

/** `width` is the number of fields in the header row; every row must have as many. */
export function validateRow(record: readonly string[], header: HeaderMap, width: number): RowResult {
  if (record.length !== width) {
    return { ok: false, reason: `Row has ${record.length} fields; the header has ${width}` };
  }
  const fields: Record<string, string> = {};
  for (const [column, index] of header) {
    const value = record[index] ?? '';
    if (value.length > MAX_FIELD_CHARS) {
      return { ok: false, reason: `Field ${column} is too long (${value.length} characters; limit ${MAX_FIELD_CHARS})` };
    }
    fields[column] = value.trim();
  }
  const parsed = CustomerRow.safeParse(fields);
  if (parsed.success) return { ok: true, customer: parsed.data };
  return { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid row' };
}
