// The integration API: admins' keys (integrationKeys.*, audited by the registrar) and the
// feeds (integrations.orders / .invoices / .contracts), each behind an API key of its scope.
import { FEED_BODY_LIMIT } from '../../shared/integrations.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { applyFeedBatch } from './upsert.js';
import { acknowledge, listForIntegration } from '../orders/requests.js';

export function registerIntegrationRoutes(register: RegisterRoute, db: Db): void {
  register('integrationKeys.list', async () => ({ keys: await listKeys(db) }));
  register('integrationKeys.create', async ({ body, user }) => createKey(db, body, user.id));
  register('integrationKeys.revoke', async ({ params, user }) => revokeKey(db, params.id, user.id));

  const source = (request: { integrationKey?: { name: string } }): string => `api:${request.integrationKey?.name ?? '?'}`.slice(0, 120);
  const options = { bodyLimit: FEED_BODY_LIMIT };
  register('integrations.orders', async ({ body, request }) => applyFeedBatch(db, 'orders', body.records, source(request)), options);
  register('integrations.invoices', async ({ body, request }) => applyFeedBatch(db, 'invoices', body.records, source(request)), options);
  register('integrations.contracts', async ({ body, request }) => applyFeedBatch(db, 'contracts', body.records, source(request)), options);
  // The order system reads the agents' open order requests and acknowledges what it took.
  register('integrations.orderRequests', async ({ query }) => listForIntegration(db, query));
  register('integrations.orderRequestsAck', async ({ body, request }) => acknowledge(db, body.ids, request.integrationKey?.id ?? null));
}
