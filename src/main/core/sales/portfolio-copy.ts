// The last fetched Products tab of a customer, kept for when the line is down (cache table
// customer_portfolios, migration 0010): the agent still sees what the customer holds and what
// may be offered, marked as offline; selling needs the server (the sale re-checks eligibility).
import { CustomerPortfolio } from '../../../shared/sales/portfolio.js';
import { type CacheDb } from '../cache/open-cache.js';

export function storePortfolio(db: CacheDb, customerId: string, userId: string, portfolio: CustomerPortfolio, fetchedAt: string): void {
  db.prepare(
    `INSERT INTO customer_portfolios (customer_id, user_id, data, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (customer_id, user_id) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
  ).run(customerId, userId, JSON.stringify(portfolio), fetchedAt);
}

export function cachedPortfolio(db: CacheDb, customerId: string, userId: string): { portfolio: CustomerPortfolio; fetchedAt: string } | null {
  const row = db.prepare<[string, string], { data: string; fetched_at: string }>(
    'SELECT data, fetched_at FROM customer_portfolios WHERE customer_id = ? AND user_id = ?').get(customerId, userId);
  return row ? { portfolio: CustomerPortfolio.parse(JSON.parse(row.data)), fetchedAt: row.fetched_at } : null;
}
