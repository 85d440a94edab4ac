// Read paths of the cache: phone lookup, search-as-you-type, the 360 view and the history
// timeline. Statements are prepared once; every query is served by an index.
import {
  type Customer360, type CustomerSummary, type HistoryCursor, type HistoryPage,
} from '../../../shared/domain.js';
import { nationalKey, phonePrefixKey } from '../../../shared/phone.js';
import { toFtsPrefixQuery } from './fts-query.js';
import { type CacheDb } from './open-cache.js';
import {
  SUMMARY_COLUMNS, caseFromRow, contractFromRow, customerFromRow, interactionFromRow, orderFromRow,
  receivableFromRow, summaryFromRow, type CaseRow, type ContractRow, type CustomerRow,
  type InteractionRow, type OrderRow, type ReceivableRow, type SummaryRow,
} from './rows.js';

export const RECENT_INTERACTIONS = 50;
const COMPLAINT_WINDOW_DAYS = 90;

export interface HistoryQuery {
  customerId: string;
  channels?: readonly string[] | undefined;
  before?: HistoryCursor | undefined;
  limit: number;
}

export interface CacheQueries {
  lookupByE164(e164: string): CustomerSummary[];
  search(query: string, limit: number): CustomerSummary[];
  get360(customerId: string, now?: Date): Customer360 | null;
  history(query: HistoryQuery): HistoryPage;
  countCustomers(): number;
  /** Whether the customer is in the cache at all. */
  hasCustomer(customerId: string): boolean;
}

/** Upper bound of a prefix range over digit strings: every key starting with `prefix` is < it. */
function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

export function createCacheQueries(db: CacheDb): CacheQueries {
  const byNsn = db.prepare<[string], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.nsn = ? ORDER BY c.full_name`);
  const byNsnPrefix = db.prepare<[string, string, number], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.nsn >= ? AND p.nsn < ? ORDER BY p.nsn LIMIT ?`);
  const byCustomerNo = db.prepare<[string, string], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE c.customer_no IN (?, ?) LIMIT 5`);
  // Name/e-mail/number prefix via FTS5 without ORDER BY rank: ranking a one-letter prefix
  // over 100 k rows costs far more than the 30 ms budget; the caller sorts the page.
  const byFts = db.prepare<[string, number], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
     WHERE customers_fts MATCH ? LIMIT ?`);
  const customerById = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?');
  const recent = db.prepare<[string, number], InteractionRow>(
    'SELECT * FROM interactions WHERE customer_id = ? ORDER BY started_at DESC, id DESC LIMIT ?');
  const interactionCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM interactions WHERE customer_id = ?');
  const complaints = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM cases WHERE customer_id = ? AND lower(category) = 'complaint' AND opened_at >= ?`);
  const casesOf = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE customer_id = ? ORDER BY opened_at DESC');
  const ordersOf = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC');
  const receivablesOf = db.prepare<[string], ReceivableRow>(
    'SELECT * FROM receivables WHERE customer_id = ? ORDER BY due_date DESC');
  const contractsOf = db.prepare<[string], ContractRow>(
    'SELECT * FROM contracts WHERE customer_id = ? ORDER BY start_date DESC');
  const customerExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM customers WHERE id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');

  function historyStatement(withCursor: boolean, channelCount: number) {
    const where = ['customer_id = ?'];
    if (channelCount > 0) where.push(`channel IN (${Array.from({ length: channelCount }, () => '?').join(', ')})`);
    if (withCursor) where.push('(started_at, id) < (?, ?)');
    return db.prepare<unknown[], InteractionRow>(
      `SELECT * FROM interactions WHERE ${where.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT ?`);
  }
  // Cache the few shapes the timeline uses instead of preparing on every page.
  const historyStatements = new Map<string, ReturnType<typeof historyStatement>>();

  return {
    lookupByE164(e164) {
      return byNsn.all(nationalKey(e164)).map(summaryFromRow);
    },

    search(query, limit) {
      const found = new Map<string, CustomerSummary>();
      const add = (rows: SummaryRow[]) => {
        for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, summaryFromRow(row));
      };
      const text = query.trim();
      if (text.length === 0) return [];
      add(byCustomerNo.all(text, text.toUpperCase()));
      const phoneKey = phonePrefixKey(text);
      if (phoneKey) add(byNsnPrefix.all(phoneKey, prefixUpperBound(phoneKey), limit));
      const fts = toFtsPrefixQuery(text);
      if (fts && found.size < limit) {
        const ftsRows = byFts.all(fts, limit);
        ftsRows.sort((a, b) => a.full_name.localeCompare(b.full_name));
        add(ftsRows);
      }
      return [...found.values()];
    },

    get360(customerId, now = new Date()) {
      const row = customerById.get(customerId);
      if (!row) return null;
      const since = new Date(now.getTime() - COMPLAINT_WINDOW_DAYS * 86_400_000).toISOString();
      return {
        customer: customerFromRow(row),
        interactionsTotal: interactionCount.get(customerId)?.n ?? 0,
        recentInteractions: recent.all(customerId, RECENT_INTERACTIONS).map(interactionFromRow),
        complaintsLast90Days: complaints.get(customerId, since)?.n ?? 0,
        cases: casesOf.all(customerId).map(caseFromRow),
        orders: ordersOf.all(customerId).map(orderFromRow),
        receivables: receivablesOf.all(customerId).map(receivableFromRow),
        contracts: contractsOf.all(customerId).map(contractFromRow),
      };
    },

    history({ customerId, channels = [], before, limit }) {
      const key = `${before ? 1 : 0}:${channels.length}`;
      let statement = historyStatements.get(key);
      if (!statement) {
        statement = historyStatement(before !== undefined, channels.length);
        historyStatements.set(key, statement);
      }
      const params: unknown[] = [customerId, ...channels];
      if (before) params.push(before.startedAt, before.id);
      // One extra row tells whether another page exists.
      const rows = statement.all(...params, limit + 1);
      const items = rows.slice(0, limit).map(interactionFromRow);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? { startedAt: last.startedAt, id: last.id } : null,
      };
    },

    hasCustomer(customerId) {
      return customerExists.get(customerId) !== undefined;
    },

    countCustomers() {
      return countAll.get()?.n ?? 0;
    },
  };
}
