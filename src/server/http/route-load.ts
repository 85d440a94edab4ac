// Which request class (database pool and statement timeout, src/server/db/request-class.ts)
// each route's work runs in. Routes not named here are `interactive`.
import { type RouteName } from '../../shared/routes.js';
import { type RequestClass } from '../db/request-class.js';

export const ROUTE_LOAD: Partial<Record<RouteName, Exclude<RequestClass, 'system'>>> = {
  'sync.pull': 'sync',
  'sync.priority': 'sync',
  'sync.push': 'sync',
  'imports.start': 'bulk',
  'imports.feed': 'bulk',
  'imports.rejects': 'bulk',
  'recordings.upload': 'bulk',
  'recordings.audio': 'bulk',
  'recordings.purge': 'bulk',
  'adminUsers.bulkCreate': 'bulk',
  'integrations.orders': 'bulk',
  'integrations.invoices': 'bulk',
  'integrations.contracts': 'bulk',
};
