// The feeds' write path (docs/integrations.md): each record of a batch is validated on its
// own, its customer resolved, and the valid ones written in one multi-row
// INSERT … SELECT FROM unnest(…) ON CONFLICT (the system's id) DO UPDATE … WHERE the row
// differs — so a record identical to what Sapa has writes nothing (no new version, no pull
// for the desktops), and a changed one bumps its version through the table's trigger (001),
// which is what the sync pull of these tables reads. Used by the API and the CSV feeds.
import { v7 as uuidv7 } from 'uuid';
import { type z } from 'zod';
import {
  ContractRecord, InvoiceRecord, OrderRecord, type FeedResult, type IntegrationScope, type RecordRejection,
} from '../../shared/integrations.js';
import { type Db, type SqlParam } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { fastInvoice } from './fast-invoice.js';

/** The business day (for an invoice's status): Indonesia's western time, the default site zone. */
const BUSINESS_TZ = 'Asia/Jakarta';
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

interface Valid<T> { index: number; record: T; customerId?: string }

const REF_KEY: Record<IntegrationScope, string> = { orders: 'orderNo', invoices: 'invoiceNo', contracts: 'contractNo' };

function refOf(raw: unknown, key: string): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const v = (raw as Record<string, unknown>)[key];
  return typeof v === 'string' ? v.trim().slice(0, 64) : null;
}

function reasonOf(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates each record; duplicates of an id within the batch are refused (the first one stays). */
function validate<T extends { customerExternalId?: string | undefined; customerNo?: string | undefined }>(
  records: readonly unknown[], schema: z.ZodType<T>, scope: IntegrationScope, indexBase: number,
  fast?: (raw: unknown) => T | null,
): { valid: Valid<T>[]; rejected: RecordRejection[] } {
  const key = REF_KEY[scope];
  const valid: Valid<T>[] = [];
  const rejected: RecordRejection[] = [];
  const seen = new Map<string, number>();
  records.forEach((raw, i) => {
    const index = indexBase + i;
    // The hot path's check when there is one; what it does not accept, zod decides (and explains).
    let data = fast?.(raw) ?? null;
    if (!data) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        rejected.push({ index, ref: refOf(raw, key), reason: reasonOf(parsed.error) });
        return;
      }
      data = parsed.data;
    }
    const ref = (data as Record<string, unknown>)[key] as string;
    const first = seen.get(ref);
    if (first !== undefined) {
      rejected.push({ index, ref, reason: `${key} ${ref} is also record ${first} of this batch` });
      return;
    }
    seen.set(ref, index);
    valid.push({ index, record: data });
  });
  return { valid, rejected };
}

/** Fills customerId from the external id or the customer number; unknown customers are refused. */
async function resolveCustomers<T extends { customerExternalId?: string | undefined; customerNo?: string | undefined }>(
  db: Db, valid: Valid<T>[], rejected: RecordRejection[], scope: IntegrationScope,
): Promise<Valid<T>[]> {
  const ext = [...new Set(valid.flatMap((v) => (v.record.customerExternalId ? [v.record.customerExternalId] : [])))];
  const nos = [...new Set(valid.flatMap((v) => (!v.record.customerExternalId && v.record.customerNo ? [v.record.customerNo] : [])))];
  const byExt = new Map<string, string>();
  const byNo = new Map<string, string>();
  if (ext.length) {
    for (const r of await db.query<{ id: string; external_id: string }>(
      'SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])', [ext])) byExt.set(r.external_id, r.id);
  }
  if (nos.length) {
    for (const r of await db.query<{ id: string; customer_no: string }>(
      'SELECT id, customer_no FROM customers WHERE customer_no = ANY($1::text[])', [nos])) byNo.set(r.customer_no, r.id);
  }
  const out: Valid<T>[] = [];
  for (const v of valid) {
    const { customerExternalId, customerNo } = v.record;
    const id = customerExternalId ? byExt.get(customerExternalId) : customerNo ? byNo.get(customerNo) : undefined;
    if (!id) {
      rejected.push({
        index: v.index, ref: refOf(v.record, REF_KEY[scope]),
        reason: customerExternalId ? `no customer with customerExternalId ${customerExternalId}` : `no customer with customerNo ${customerNo ?? ''}`,
      });
      continue;
    }
    out.push({ ...v, customerId: id });
  }
  return out;
}

interface Counts { inserted: number; updated: number }

/**
 * One multi-row upsert: columns as parallel text/number arrays, cast in SQL. Rows identical
 * to the stored ones are dropped before the INSERT (the LEFT JOIN on the system's id), so
 * they fire no row trigger and take no version: an unchanged record costs one index probe.
 * New rows get time-ordered ids (UUIDv7, made here) so the primary key grows at its end.
 */
async function upsert(
  tx: Db, table: string, conflict: string, columns: readonly { name: string; type: string }[], params: SqlParam[],
  set: string, compare: readonly string[],
): Promise<Counts> {
  const names = columns.map((c) => c.name);
  const type = new Map(columns.map((c) => [c.name, c.type]));
  const arrayType = (t: string): string => (t === 'bigint' ? 'bigint' : t === 'uuid' ? 'uuid' : 'text');
  const rows = (params[0] as readonly unknown[]).length;
  const ids = Array.from({ length: rows }, () => uuidv7());
  const incoming = compare.map((c) => `u.${c}::${type.get(c) ?? 'text'}`);
  const [row] = await tx.query<{ inserted: number; updated: number }>(
    `WITH up AS (
       INSERT INTO ${table} (id, ${names.join(', ')}, updated_at)
       SELECT u.id, ${columns.map((c) => `u.${c.name}::${c.type}`).join(', ')}, now()
       FROM unnest($1::uuid[], ${columns.map((c, i) => `$${i + 2}::${arrayType(c.type)}[]`).join(', ')}) AS u(id, ${names.join(', ')})
       LEFT JOIN ${table} cur ON cur.${conflict} = u.${conflict}
       WHERE cur.id IS NULL OR (${compare.map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${incoming.join(', ')})
       ON CONFLICT (${conflict}) DO UPDATE SET ${set}, updated_at = now()
       WHERE (${compare.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${compare.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING (xmax = 0) AS ins
     )
     SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`,
    [ids, ...params]);
  return { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 };
}

const ORDER_COLUMNS = [
  { name: 'order_no', type: 'text' }, { name: 'customer_id', type: 'uuid' }, { name: 'product', type: 'text' },
  { name: 'amount_idr', type: 'bigint' }, { name: 'status', type: 'text' }, { name: 'placed_at', type: 'timestamptz' },
  { name: 'status_history', type: 'jsonb' }, { name: 'expected_at', type: 'timestamptz' }, { name: 'source', type: 'text' },
] as const;
const ORDER_COMPARE = ['customer_id', 'product', 'amount_idr', 'status', 'placed_at', 'expected_at'] as const;

async function writeOrders(tx: Db, rows: Valid<OrderRecord>[], source: string): Promise<Counts> {
  const total: Counts = { inserted: 0, updated: 0 };
  // With its history, the system's history is the row's; without, a change of status is appended to Sapa's.
  for (const withHistory of [true, false]) {
    const part = rows.filter((r) => Boolean(r.record.statusHistory) === withHistory);
    if (!part.length) continue;
    const nowIso = new Date().toISOString();
    const params: SqlParam[] = [
      part.map((r) => r.record.orderNo), part.map((r) => r.customerId ?? null), part.map((r) => r.record.product),
      part.map((r) => r.record.amountIdr), part.map((r) => r.record.status), part.map((r) => r.record.placedAt),
      part.map((r) => JSON.stringify(r.record.statusHistory ?? [{ status: r.record.status, at: r.record.placedAt }])),
      part.map((r) => r.record.expectedAt ?? null), part.map(() => source),
    ];
    const history = withHistory ? 'status_history = EXCLUDED.status_history'
      : `status_history = CASE WHEN orders.status = EXCLUDED.status THEN orders.status_history
           ELSE orders.status_history || jsonb_build_array(jsonb_build_object('status', EXCLUDED.status, 'at', '${nowIso}')) END`;
    const c = await upsert(tx, 'orders', 'order_no', ORDER_COLUMNS, params,
      `customer_id = EXCLUDED.customer_id, product = EXCLUDED.product, amount_idr = EXCLUDED.amount_idr, status = EXCLUDED.status,
       placed_at = EXCLUDED.placed_at, expected_at = EXCLUDED.expected_at, source = EXCLUDED.source, ${history}`,
      withHistory ? [...ORDER_COMPARE, 'status_history'] : ORDER_COMPARE);
    total.inserted += c.inserted;
    total.updated += c.updated;
  }
  return total;
}

const INVOICE_COLUMNS = [
  { name: 'invoice_no', type: 'text' }, { name: 'customer_id', type: 'uuid' }, { name: 'amount_idr', type: 'bigint' },
  { name: 'paid_idr', type: 'bigint' }, { name: 'issued_at', type: 'date' }, { name: 'due_date', type: 'date' },
  { name: 'status', type: 'text' }, { name: 'payments', type: 'jsonb' }, { name: 'source', type: 'text' },
] as const;

/** open / partly_paid / paid / overdue, as the desktops' receivable status (domain.ts). */
export function invoiceStatus(amount: number, paid: number, dueDate: string, today: string): 'open' | 'partly_paid' | 'paid' | 'overdue' {
  if (paid >= amount) return 'paid';
  if (dueDate < today) return 'overdue';
  return paid > 0 ? 'partly_paid' : 'open';
}

async function writeInvoices(tx: Db, rows: Valid<InvoiceRecord>[], source: string): Promise<Counts> {
  const today = businessToday();
  const paid = rows.map((r) => r.record.payments ? r.record.payments.reduce((s, p) => s + p.amountIdr, 0) : (r.record.paidIdr ?? 0));
  const params: SqlParam[] = [
    rows.map((r) => r.record.invoiceNo), rows.map((r) => r.customerId ?? null), rows.map((r) => r.record.amountIdr), paid,
    rows.map((r) => r.record.issuedAt), rows.map((r) => r.record.dueDate),
    rows.map((r, i) => invoiceStatus(r.record.amountIdr, paid[i] ?? 0, r.record.dueDate, today)),
    rows.map((r) => JSON.stringify(r.record.payments ?? [])), rows.map(() => source),
  ];
  return upsert(tx, 'receivables', 'invoice_no', INVOICE_COLUMNS, params,
    `customer_id = EXCLUDED.customer_id, amount_idr = EXCLUDED.amount_idr, paid_idr = EXCLUDED.paid_idr, issued_at = EXCLUDED.issued_at,
     due_date = EXCLUDED.due_date, status = EXCLUDED.status, payments = EXCLUDED.payments, source = EXCLUDED.source`,
    ['customer_id', 'amount_idr', 'paid_idr', 'issued_at', 'due_date', 'status', 'payments']);
}

const CONTRACT_COLUMNS = [
  { name: 'contract_no', type: 'text' }, { name: 'customer_id', type: 'uuid' }, { name: 'product', type: 'text' },
  { name: 'start_date', type: 'date' }, { name: 'end_date', type: 'date' }, { name: 'monthly_fee_idr', type: 'bigint' },
  { name: 'value_idr', type: 'bigint' }, { name: 'status', type: 'text' }, { name: 'owner_username', type: 'text' },
  { name: 'source', type: 'text' },
] as const;

async function writeContracts(tx: Db, rows: Valid<ContractRecord>[], source: string): Promise<Counts> {
  const params: SqlParam[] = [
    rows.map((r) => r.record.contractNo), rows.map((r) => r.customerId ?? null), rows.map((r) => r.record.product),
    rows.map((r) => r.record.startDate), rows.map((r) => r.record.endDate ?? null), rows.map((r) => r.record.monthlyFeeIdr),
    rows.map((r) => r.record.valueIdr ?? null), rows.map((r) => r.record.status), rows.map((r) => r.record.ownerUsername ?? null),
    rows.map(() => source),
  ];
  return upsert(tx, 'contracts', 'contract_no', CONTRACT_COLUMNS, params,
    `customer_id = EXCLUDED.customer_id, product = EXCLUDED.product, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
     monthly_fee_idr = EXCLUDED.monthly_fee_idr, value_idr = EXCLUDED.value_idr, status = EXCLUDED.status,
     owner_username = EXCLUDED.owner_username, source = EXCLUDED.source`,
    ['customer_id', 'product', 'start_date', 'end_date', 'monthly_fee_idr', 'value_idr', 'status', 'owner_username']);
}

/**
 * Applies one batch of `scope` records from `source` (the key's name, or "csv:<file>").
 * `indexBase` numbers the records (the CSV feed passes its row numbers).
 */
export async function applyFeedBatch(
  db: Db, scope: IntegrationScope, records: readonly unknown[], source: string, indexBase = 0,
): Promise<FeedResult> {
  const result = (valid: number, rejected: RecordRejection[], c: Counts): FeedResult => ({
    received: records.length, inserted: c.inserted, updated: c.updated, unchanged: valid - c.inserted - c.updated,
    rejected: rejected.sort((a, b) => a.index - b.index),
  });
  if (scope === 'orders') {
    const { valid, rejected } = validate(records, OrderRecord, scope, indexBase);
    const ready = await resolveCustomers(db, valid, rejected, scope);
    const c = ready.length ? await withWriteTransaction(db, (tx) => writeOrders(tx, ready, source)) : { inserted: 0, updated: 0 };
    return result(ready.length, rejected, c);
  }
  if (scope === 'invoices') {
    const { valid, rejected } = validate(records, InvoiceRecord, scope, indexBase, fastInvoice);
    const ready = await resolveCustomers(db, valid, rejected, scope);
    const c = ready.length ? await withWriteTransaction(db, (tx) => writeInvoices(tx, ready, source)) : { inserted: 0, updated: 0 };
    return result(ready.length, rejected, c);
  }
  const { valid, rejected } = validate(records, ContractRecord, scope, indexBase);
  const ready = await resolveCustomers(db, valid, rejected, scope);
  const c = ready.length ? await withWriteTransaction(db, (tx) => writeContracts(tx, ready, source)) : { inserted: 0, updated: 0 };
  return result(ready.length, rejected, c);
}
