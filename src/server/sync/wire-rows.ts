// The pull's bulk tables, encoded to their wire JSON by PostgreSQL itself.
//
// An initial sync moves about a million rows. Decoding them into JS objects (pg's row
// parser, a Date per timestamp), mapping them (customers/rows.ts) and re-encoding them
// with JSON.stringify cost the server about 20 s of CPU per 1.2 M rows; json_agg in C
// produces the same text for a fraction of that and the server only splices it in.
// Each projection must give exactly what the matching `toX` in customers/rows.ts gives:
// tests/integration/server/sync-wire-rows.test.ts compares the two for every table.
export type WireTable = 'customers' | 'interactions' | 'cases' | 'orders' | 'receivables' | 'contracts';

/** timestamptz as Date.prototype.toISOString() writes it (UTC, milliseconds, Z). */
const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Wire field → SQL expression, in the order of the shared domain types. */
const PROJECTIONS: Record<WireTable, Record<string, string>> = {
  customers: {
    id: 'id', customerNo: 'customer_no', externalId: 'external_id', fullName: 'full_name',
    salutation: 'salutation', phones: 'phones', emails: 'emails', address: 'address', city: 'city',
    branch: 'branch', language: 'language', segment: 'segment', tier: 'tier', vvip: 'vvip',
    billing: 'billing', lifecycle: 'lifecycle', customerSince: 'customer_since',
    lifetimeValueIdr: 'lifetime_value_idr', version: 'version', updatedAt: ts('updated_at'),
  },
  interactions: {
    id: 'id', customerId: 'customer_id', channel: 'channel', direction: 'direction',
    startedAt: ts('started_at'), endedAt: ts('ended_at'), agentId: 'agent_id', agentName: 'agent_name',
    subject: 'subject', body: 'body', disposition: 'disposition', durationSec: 'duration_sec',
    recordingId: 'recording_id', version: 'version',
  },
  cases: {
    id: 'id', caseNo: 'case_no', customerId: 'customer_id', category: 'category', subject: 'subject',
    priority: 'priority', status: 'status', openedAt: ts('opened_at'), slaDueAt: ts('sla_due_at'),
    resolvedAt: ts('resolved_at'), assigneeId: 'assignee_id', version: 'version',
  },
  orders: {
    id: 'id', orderNo: 'order_no', customerId: 'customer_id', product: 'product', amountIdr: 'amount_idr',
    status: 'status', placedAt: ts('placed_at'), statusHistory: 'status_history', version: 'version',
  },
  receivables: {
    id: 'id', invoiceNo: 'invoice_no', customerId: 'customer_id', amountIdr: 'amount_idr', paidIdr: 'paid_idr',
    issuedAt: 'issued_at', dueDate: 'due_date', status: 'status', version: 'version',
  },
  contracts: {
    id: 'id', contractNo: 'contract_no', customerId: 'customer_id', product: 'product',
    startDate: 'start_date', endDate: 'end_date', monthlyFeeIdr: 'monthly_fee_idr', status: 'status',
    version: 'version',
  },
};

export const WIRE_TABLES = Object.keys(PROJECTIONS) as WireTable[];

/**
 * One query answering a single row with column `rows`: the JSON array text of the table's
 * rows matching `where` (a WHERE clause without ORDER BY), in version order.
 */
export function wireRowsSql(table: WireTable, where: string): string {
  const fields = Object.entries(PROJECTIONS[table]).map(([name, sql]) => `'${name}', ${sql}`).join(', ');
  return `SELECT coalesce(json_agg(json_build_object(${fields}) ORDER BY version), '[]')::text AS rows
    FROM ${table} ${where}`;
}
