// Every screen of the app in one table: its address, the navigation group it is listed in,
// its label and the permission it needs (src/shared/permissions.ts). The navigation lists
// what the signed-in role may do; the router guards each screen with the same action, so
// a typed address of a screen one may not use shows "not allowed", never the screen.
import { type Action } from '../../shared/permissions.js';

export type ScreenId = 'home' | 'customer' | 'inbox' | 'queue' | 'library' | 'floor' | 'interactions' | 'import' | 'audit' | 'users' | 'org' | 'settings' | 'fleet'
  | 'releases' | 'evaluations' | 'quality' | 'collections' | 'orderRequests' | 'caseBoard' | 'integrations'
  | 'prospects' | 'catalogue' | 'telesales' | 'pipeline' | 'visits' | 'budgets' | 'salesStages' | 'assignmentRules' | 'reports';
export type NavGroup = 'agent' | 'sales' | 'lead' | 'admin';

export interface Screen {
  id: ScreenId;
  path: '/' | '/customer' | '/inbox' | '/queue' | '/library' | '/floor' | '/interactions' | '/admin/import' | '/admin/audit' | '/admin/users' | '/admin/org'
    | '/admin/settings' | '/admin/fleet' | '/admin/releases' | '/evaluations' | '/quality' | '/collections' | '/order-requests' | '/cases'
    | '/admin/integrations' | '/sales/prospects' | '/sales/catalogue' | '/telesales' | '/sales/pipeline' | '/sales/visits' | '/sales/budgets' | '/sales/stages'
    | '/sales/assignment' | '/reports';
  group: NavGroup;
  /** i18n key of the navigation label. */
  label: string;
  action: Action;
}

export const SCREENS: readonly Screen[] = [
  { id: 'home', path: '/', group: 'agent', label: 'nav.home', action: 'customers.read' },
  { id: 'customer', path: '/customer', group: 'agent', label: 'app.customerScreen', action: 'customers.read' },
  { id: 'inbox', path: '/inbox', group: 'agent', label: 'inbox.nav', action: 'messages.send' },
  { id: 'queue', path: '/queue', group: 'agent', label: 'contactCenter.myQueue', action: 'calls.handle' },
  { id: 'evaluations', path: '/evaluations', group: 'agent', label: 'quality.mine.nav', action: 'quality.viewOwn' },
  { id: 'telesales', path: '/telesales', group: 'agent', label: 'telesales.nav', action: 'campaigns.work' },
  { id: 'prospects', path: '/sales/prospects', group: 'sales', label: 'prospects.nav', action: 'prospects.write' },
  { id: 'catalogue', path: '/sales/catalogue', group: 'sales', label: 'catalogue.nav', action: 'products.manage' },
  { id: 'pipeline', path: '/sales/pipeline', group: 'sales', label: 'pipeline.nav', action: 'pipeline.view' },
  { id: 'visits', path: '/sales/visits', group: 'sales', label: 'visits.nav', action: 'visits.work' },
  { id: 'budgets', path: '/sales/budgets', group: 'sales', label: 'budgets.nav', action: 'budgets.view' },
  { id: 'salesStages', path: '/sales/stages', group: 'sales', label: 'salesStages.nav', action: 'opportunities.stages' },
  { id: 'assignmentRules', path: '/sales/assignment', group: 'sales', label: 'assignmentRules.nav', action: 'prospects.assign' },
  { id: 'library', path: '/library', group: 'lead', label: 'library.nav', action: 'replies.manage' },
  { id: 'floor', path: '/floor', group: 'lead', label: 'floor.nav', action: 'floor.view' },
  { id: 'interactions', path: '/interactions', group: 'lead', label: 'leadInteractions.nav', action: 'interactions.review' },
  { id: 'quality', path: '/quality', group: 'lead', label: 'quality.nav', action: 'quality.evaluate' },
  { id: 'collections', path: '/collections', group: 'lead', label: 'collections.nav', action: 'receivables.collect' },
  { id: 'orderRequests', path: '/order-requests', group: 'lead', label: 'orderRequests.nav', action: 'orders.backoffice' },
  { id: 'caseBoard', path: '/cases', group: 'lead', label: 'caseBoard.nav', action: 'cases.manageAny' },
  { id: 'reports', path: '/reports', group: 'lead', label: 'reports.nav', action: 'reports.view' },
  { id: 'users', path: '/admin/users', group: 'admin', label: 'adminUsers.nav', action: 'users.manage' },
  { id: 'import', path: '/admin/import', group: 'admin', label: 'import.nav', action: 'customers.import' },
  { id: 'audit', path: '/admin/audit', group: 'admin', label: 'audit.nav', action: 'audit.read' },
  { id: 'org', path: '/admin/org', group: 'admin', label: 'adminOrg.nav', action: 'settings.manage' },
  { id: 'settings', path: '/admin/settings', group: 'admin', label: 'adminSettings.nav', action: 'settings.manage' },
  { id: 'fleet', path: '/admin/fleet', group: 'admin', label: 'adminFleet.nav', action: 'fleet.view' },
  { id: 'releases', path: '/admin/releases', group: 'admin', label: 'adminReleases.nav', action: 'releases.manage' },
  { id: 'integrations', path: '/admin/integrations', group: 'admin', label: 'adminIntegrations.nav', action: 'integrations.manage' },
];

export const NAV_GROUPS: readonly NavGroup[] = ['agent', 'sales', 'lead', 'admin'];

export function screen(id: ScreenId): Screen {
  const found = SCREENS.find((s) => s.id === id);
  if (!found) throw new Error(`unknown screen ${id}`);
  return found;
}

/** The screen an address belongs to (the customer screen also answers /customer/<id>). */
export function screenOfPath(pathname: string): Screen | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return SCREENS.find((s) => s.path === path) ?? (path.startsWith('/customer/') ? screen('customer') : undefined);
}
