// customers.search, customers.byPhone, customers.view360, customers.history (src/shared/routes.ts).
import { SapaError } from '../../shared/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { auditListed } from '../data-access/lookups.js';
import { type Db } from '../db/db.js';
import { readDb } from '../db/read-db.js';
import { lookupByPhone } from './lookup.js';
import { getCustomer360, getHistory } from './profile.js';
import { searchCustomers } from './search.js';

export function registerCustomerRoutes(register: RegisterRoute, db: Db): void {
  // Search, lookups, the 360 view and history read from the read replica when there is one
  // (db/read-db.ts; milliseconds behind); the audit of what was listed is a write: primary.
  const reads = readDb(db);
  // Answers listing customers outside the caller's working set are audited (data-access/lookups.ts).
  register('customers.search', async ({ query, user, request }) => {
    const results = await searchCustomers(reads, query.q, query.limit);
    await auditListed(db, user, results.map((c) => c.id), { via: 'customers.search', ip: request.ip });
    return { results };
  });
  register('customers.byPhone', async ({ query, user, request }) => {
    const answer = await lookupByPhone(reads, query.phone);
    await auditListed(db, user, answer.customers.map((c) => c.id), { via: 'customers.byPhone', ip: request.ip });
    return answer;
  });
  register('customers.view360', async ({ params }) => getCustomer360(reads, params.id));
  register('customers.history', async ({ params, query }) => {
    if ((query.beforeStartedAt === undefined) !== (query.beforeId === undefined)) {
      throw new SapaError('INVALID_INPUT', 'beforeStartedAt and beforeId go together', ['before: give both or neither']);
    }
    return getHistory(reads, params.id, {
      limit: query.limit,
      ...(query.beforeStartedAt && query.beforeId ? { before: { startedAt: query.beforeStartedAt, id: query.beforeId } } : {}),
      ...(query.channels ? { channels: query.channels } : {}),
    });
  });
}
