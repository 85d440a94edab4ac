// Customer 360 and the paginated history timeline.
import { type Channel, type Customer360, type HistoryPage } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import {
  CUSTOMER_COLUMNS, toCase, toContract, toCustomer, toInteraction, toOrder, toReceivable,
  type CaseRow, type ContractRow, type CustomerRow, type InteractionRow, type OrderRow, type ReceivableRow,
} from './rows.js';

export const RECENT_INTERACTIONS = 50;

export async function getCustomer360(db: Db, customerId: string): Promise<Customer360> {
  const [customer] = await db.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`, [customerId]);
  if (!customer) throw new SapaError('NOT_FOUND', `No customer ${customerId}`);
  const [recent, [counts], cases, orders, receivables, contracts] = await Promise.all([
    db.query<InteractionRow>(
      'SELECT * FROM interactions WHERE customer_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2',
      [customerId, RECENT_INTERACTIONS]),
    db.query<{ total: number; complaints: number }>(
      `SELECT (SELECT count(*) FROM interactions WHERE customer_id = $1)::int AS total,
              (SELECT count(*) FROM cases WHERE customer_id = $1 AND category = 'complaint'
                 AND opened_at > now() - interval '90 days')::int AS complaints`,
      [customerId]),
    db.query<CaseRow>('SELECT * FROM cases WHERE customer_id = $1 ORDER BY opened_at DESC LIMIT 200', [customerId]),
    db.query<OrderRow>('SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 200', [customerId]),
    db.query<ReceivableRow>('SELECT * FROM receivables WHERE customer_id = $1 ORDER BY due_date DESC LIMIT 200', [customerId]),
    db.query<ContractRow>('SELECT * FROM contracts WHERE customer_id = $1 ORDER BY start_date DESC LIMIT 200', [customerId]),
  ]);
  return {
    customer: toCustomer(customer),
    interactionsTotal: counts?.total ?? 0,
    recentInteractions: recent.map(toInteraction),
    complaintsLast90Days: counts?.complaints ?? 0,
    cases: cases.map(toCase),
    orders: orders.map(toOrder),
    receivables: receivables.map(toReceivable),
    contracts: contracts.map(toContract),
  };
}

export interface HistoryOptions {
  limit: number;
  before?: { startedAt: string; id: string };
  channels?: Channel[];
}

/** Newest first; keyset on (started_at, id) so deep pages cost the same as the first. */
export async function getHistory(db: Db, customerId: string, opts: HistoryOptions): Promise<HistoryPage> {
  const [exists] = await db.query<{ one: number }>('SELECT 1 AS one FROM customers WHERE id = $1', [customerId]);
  if (!exists) throw new SapaError('NOT_FOUND', `No customer ${customerId}`);
  const before = opts.before ? new Date(opts.before.startedAt) : null;
  if (before && Number.isNaN(before.getTime())) {
    throw new SapaError('INVALID_INPUT', 'beforeStartedAt is not a timestamp', ['beforeStartedAt: not a timestamp']);
  }
  const rows = await db.query<InteractionRow>(
    `SELECT * FROM interactions WHERE customer_id = $1
       AND ($2::timestamptz IS NULL OR (started_at, id) < ($2::timestamptz, $3::uuid))
       AND ($4::text[] IS NULL OR channel = ANY($4::text[]))
     ORDER BY started_at DESC, id DESC LIMIT $5`,
    [customerId, before, opts.before?.id ?? null, opts.channels ?? null, opts.limit + 1],
  );
  const items = rows.slice(0, opts.limit).map(toInteraction);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > opts.limit && last ? { startedAt: last.startedAt, id: last.id } : null,
  };
}
