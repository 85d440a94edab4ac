// customers.search, customers.byPhone, customers.view360, customers.history (src/shared/routes.ts).
import { SapaError } from '../../shared/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { type Db } from '../db/db.js';
import { lookupByPhone } from './lookup.js';
import { getCustomer360, getHistory } from './profile.js';
import { searchCustomers } from './search.js';

export function registerCustomerRoutes(register: RegisterRoute, db: Db): void {
  register('customers.search', async ({ query }) => ({ results: await searchCustomers(db, query.q, query.limit) }));
  register('customers.byPhone', async ({ query }) => lookupByPhone(db, query.phone));
  register('customers.view360', async ({ params }) => getCustomer360(db, params.id));
  register('customers.history', async ({ params, query }) => {
    if ((query.beforeStartedAt === undefined) !== (query.beforeId === undefined)) {
      throw new SapaError('INVALID_INPUT', 'beforeStartedAt and beforeId go together', ['before: give both or neither']);
    }
    return getHistory(db, params.id, {
      limit: query.limit,
      ...(query.beforeStartedAt && query.beforeId ? { before: { startedAt: query.beforeStartedAt, id: query.beforeId } } : {}),
      ...(query.channels ? { channels: query.channels } : {}),
    });
  });
}
