// The back office's queue of order requests and the renewals due list (src/shared/orders.ts).
// The integration API's listing and acknowledging of requests are registered with the
// other integration routes (integrations/routes.ts).
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { readRenewals } from './renewals.js';
import { listOrderRequests, markOrderRequestDone } from './requests.js';

export function registerOrderRoutes(register: RegisterRoute, db: Db): void {
  register('orderRequests.list', async ({ query }) => ({ requests: await listOrderRequests(db, query) }));
  register('orderRequests.done', async ({ params, body, user }) => markOrderRequestDone(db, params.id, body.note, user));
  register('contracts.renewals', async ({ query, user }) => readRenewals(db, user, query.days));
}
