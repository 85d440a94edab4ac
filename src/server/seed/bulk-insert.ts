// Multi-row INSERT … SELECT FROM unnest(…) for seed data: one statement per batch.
import { type Db, type SqlParam } from '../db/db.js';

export interface ColumnSpec { name: string; type: 'uuid' | 'text' | 'int' | 'bigint' | 'timestamptz' | 'date' | 'jsonb' | 'boolean' }

const arrayType = (t: ColumnSpec['type']): string => (t === 'jsonb' || t === 'date' || t === 'timestamptz' ? 'text' : t);

export async function insertRows(
  tx: Db, table: string, columns: readonly ColumnSpec[], rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const params: SqlParam[] = columns.map((c) => rows.map((r) => {
    const v = r[c.name];
    if (v === undefined || v === null) return null;
    if (c.type === 'jsonb') return JSON.stringify(v);
    if (v instanceof Date) return v.toISOString();
    return v as string | number | boolean;
  }));
  await tx.query(
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
     SELECT ${columns.map((c) => `u.${c.name}::${c.type}`).join(', ')}
     FROM unnest(${columns.map((c, i) => `$${i + 1}::${arrayType(c.type)}[]`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})`,
    params,
  );
}

export const INTERACTION_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'uuid' }, { name: 'customer_id', type: 'uuid' }, { name: 'channel', type: 'text' },
  { name: 'direction', type: 'text' }, { name: 'started_at', type: 'timestamptz' }, { name: 'ended_at', type: 'timestamptz' },
  { name: 'agent_id', type: 'uuid' }, { name: 'agent_name', type: 'text' }, { name: 'subject', type: 'text' },
  { name: 'body', type: 'text' }, { name: 'disposition', type: 'text' }, { name: 'duration_sec', type: 'int' },
];
export const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'uuid' }, { name: 'case_no', type: 'text' }, { name: 'customer_id', type: 'uuid' },
  { name: 'category', type: 'text' }, { name: 'subject', type: 'text' }, { name: 'priority', type: 'text' },
  { name: 'status', type: 'text' }, { name: 'opened_at', type: 'timestamptz' }, { name: 'sla_due_at', type: 'timestamptz' },
  { name: 'resolved_at', type: 'timestamptz' }, { name: 'assignee_id', type: 'uuid' },
];
export const ORDER_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'uuid' }, { name: 'order_no', type: 'text' }, { name: 'customer_id', type: 'uuid' },
  { name: 'product', type: 'text' }, { name: 'amount_idr', type: 'bigint' }, { name: 'status', type: 'text' },
  { name: 'placed_at', type: 'timestamptz' }, { name: 'status_history', type: 'jsonb' },
];
export const RECEIVABLE_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'uuid' }, { name: 'invoice_no', type: 'text' }, { name: 'customer_id', type: 'uuid' },
  { name: 'amount_idr', type: 'bigint' }, { name: 'paid_idr', type: 'bigint' }, { name: 'issued_at', type: 'date' },
  { name: 'due_date', type: 'date' }, { name: 'status', type: 'text' },
];
export const CONTRACT_COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'uuid' }, { name: 'contract_no', type: 'text' }, { name: 'customer_id', type: 'uuid' },
  { name: 'product', type: 'text' }, { name: 'start_date', type: 'date' }, { name: 'end_date', type: 'date' },
  { name: 'monthly_fee_idr', type: 'bigint' }, { name: 'status', type: 'text' },
];
