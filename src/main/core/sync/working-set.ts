// The working set (opt-in with `workingSetLimit`): a desktop replicates the customers it
// needs — those it opened or looked up (joined on the server through the outbox, so
// joining works offline too), plus the server's rules (assigned open cases and call-backs,
// the agent's own contacts of the last 30 days) — and keeps at most `limit` of them,
// evicting the least recently used that nothing pins (pending writes, assigned work).
//
// Correctness of a join: the pull only serves rows of customers in the set, so rows
// written before the join but after the cursor could be missed; once the server
// acknowledges the join, the desktop fetches the customer's 360 again (refresh = 1),
// which contains every row committed before that moment.
import { type SessionUser } from '../../../shared/http.js';
import { type CacheStore } from '../cache/cache-store.js';
import { type Logger } from '../logger.js';
import { type Outbox } from '../outbox/outbox.js';
import { type ServerClient } from '../remote/server-client.js';

const REFRESH_PER_RUN = 20;
const DEPENDENTS = ['interactions', 'cases', 'orders', 'receivables', 'contracts', 'notes', 'callbacks'] as const;

export interface WorkingSet {
  readonly enabled: boolean;
  /**
   * Switches replication to the working set with this limit (a desktop asking for every
   * customer that the server serves only its working set: full replication is not allowed
   * for this user or desktop). Customers already cached stay until evicted over the limit.
   */
  enable(limit: number): void;
  /** The agent opened this customer: join it (once) and mark it recently used. */
  touch(customerId: string, author: SessionUser | null): void;
  /** After a pull: refresh joined customers, fetch rule-joined ones, evict over the limit. */
  afterPull(token: string, author: SessionUser | null): Promise<void>;
}

export function createWorkingSet(o: {
  store: CacheStore; outbox: Outbox; server: ServerClient; logger: Logger; limit: number | undefined;
}): WorkingSet {
  const db = o.store.db;
  let enabled = o.limit !== undefined;
  let limit = o.limit ?? Number.POSITIVE_INFINITY;
  const known = db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM working_set WHERE customer_id = ?');
  const upsert = db.prepare(
    `INSERT INTO working_set (customer_id, last_used_at) VALUES (?, ?)
     ON CONFLICT(customer_id) DO UPDATE SET last_used_at = excluded.last_used_at`);
  const toRefresh = db.prepare<[number], { customer_id: string }>(
    'SELECT customer_id FROM working_set WHERE refresh = 1 LIMIT ?');
  const refreshed = db.prepare('UPDATE working_set SET refresh = 0 WHERE customer_id = ?');
  // Customers that rows point at but the cache lacks (joined by a server rule).
  const missing = db.prepare<[number], { customer_id: string }>(
    `SELECT DISTINCT customer_id FROM (
       SELECT customer_id FROM cases UNION SELECT customer_id FROM callbacks
       UNION SELECT customer_id FROM interactions UNION SELECT customer_id FROM notes)
     WHERE customer_id NOT IN (SELECT id FROM customers) LIMIT ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
  const candidates = db.prepare<[string, string, number], { id: string; rowid: number }>(
    `SELECT c.id, c.rowid FROM customers c LEFT JOIN working_set w ON w.customer_id = c.id
     WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.state <> 'rejected' AND json_extract(o.args, '$.customerId') = c.id)
       AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = c.id AND k.assignee_id = ? AND k.status IN ('open', 'in_progress'))
       AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.customer_id = c.id AND b.assignee_id = ? AND b.status = 'open')
     ORDER BY coalesce(w.last_used_at, '') LIMIT ?`);
  const deletes = {
    fts: db.prepare('DELETE FROM customers_fts WHERE rowid = ?'),
    phones: db.prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
    customer: db.prepare('DELETE FROM customers WHERE id = ?'),
    set: db.prepare('DELETE FROM working_set WHERE customer_id = ?'),
    dependents: DEPENDENTS.map((t) => db.prepare(`DELETE FROM ${t} WHERE customer_id = ?`)),
  };

  async function fetchInto(token: string, customerId: string): Promise<void> {
    const view = await o.server.call('customers.view360', { params: { id: customerId } }, { token, timeoutMs: 10_000 });
    o.store.apply.cache360(view);
  }

  const evict = db.transaction((author: SessionUser) => {
    const over = (count.get()?.n ?? 0) - limit;
    if (over <= 0) return;
    for (const c of candidates.all(author.id, author.id, over)) {
      const joined = known.get(c.id);
      deletes.fts.run(c.rowid);
      deletes.phones.run(c.id);
      for (const d of deletes.dependents) d.run(c.id);
      deletes.customer.run(c.id);
      deletes.set.run(c.id);
      if (joined) o.outbox.mutate('workingset.leave', { customerId: c.id }, author);
    }
  });

  return {
    get enabled() { return enabled; },
    enable(newLimit) {
      enabled = true;
      limit = newLimit;
    },
    touch(customerId, author) {
      if (!enabled) return;
      const joined = known.get(customerId);
      upsert.run(customerId, new Date().toISOString());
      if (!joined && author) o.outbox.mutate('workingset.join', { customerId }, author);
    },
    async afterPull(token, author) {
      if (!enabled) return;
      for (const { customer_id: id } of toRefresh.all(REFRESH_PER_RUN)) {
        await fetchInto(token, id);
        refreshed.run(id);
      }
      for (const { customer_id: id } of missing.all(REFRESH_PER_RUN)) {
        try {
          await fetchInto(token, id);
        } catch (error) {
          o.logger.warn('working set: customer not fetched', { id, error: String(error) });
        }
      }
      if (author) evict(author);
    },
  };
}
