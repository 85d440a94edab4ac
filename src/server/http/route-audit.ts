// Which routes the registrar audits by itself: every change made under an administrative
// or supervisory permission (users, settings, the reply library, imports, and any route a
// later module adds under those actions), and the reads that carry data out of the system
// (exports). The entry names the route, its subject (the :id in the path) and the address
// it came from. Domains audit what a route cannot see (a failed login, a recording played).
import { type Action } from '../../shared/permissions.js';
import { type RouteDef, type RouteName } from '../../shared/routes.js';

const AUDITED_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'users.manage', 'settings.manage', 'replies.manage', 'customers.import', 'releases.manage', 'integrations.manage',
]);

/** Reads that hand data out: audited although they change nothing. */
const AUDITED_EXPORTS: ReadonlySet<RouteName> = new Set<RouteName>(['imports.rejects', 'audit.export', 'fleet.export']);

export function auditsRoute(name: RouteName, route: RouteDef): boolean {
  if (AUDITED_EXPORTS.has(name)) return true;
  return route.method !== 'GET' && route.access !== 'public' && route.access !== 'session' && route.access !== 'integration'
    && AUDITED_ACTIONS.has(route.access);
}
