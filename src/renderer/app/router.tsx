// The app's routes (TanStack Router, hash history: file:// in Electron has no server to
// answer deep paths). Each screen is wrapped in its permission guard from screens.ts.
import { BudgetsPage } from '../features/pipeline/BudgetsPage.js';
import { StagesPage } from '../features/pipeline/StagesPage.js';
import { AssignmentRulesPage } from '../features/prospects/AssignmentRulesPage.js';
import { PipelinePage } from '../features/pipeline/PipelinePage.js';
import { VisitsPage } from '../features/pipeline/VisitsPage.js';
import { createHashHistory, createRootRoute, createRoute, createRouter, useParams } from '@tanstack/react-router';
import { useEffect, type ComponentType } from 'react';
import { AuditLogPage } from '../features/admin-audit/AuditLogPage.js';
import { FleetPage } from '../features/admin-fleet/FleetPage.js';
import { ImportPage } from '../features/admin-import/ImportPage.js';
import { IntegrationsPage } from '../features/admin-integrations/IntegrationsPage.js';
import { ReleasesPage } from '../features/admin-releases/ReleasesPage.js';
import { UsersPage } from '../features/admin-users/UsersPage.js';
import { OrgPage } from '../features/admin-org/OrgPage.js';
import { SettingsPage } from '../features/admin-settings/SettingsPage.js';
import { InboxPage } from '../features/composer/InboxPage.js';
import { MyQueuePage } from '../features/contact-center/MyQueuePage.js';
import { CustomerView } from '../features/customer/CustomerView.js';
import { useCustomerStore } from '../features/customer/store.js';
import { FloorPage, FloorWallboardPage } from '../features/floor/FloorPage.js';
import { WorklistPage } from '../features/collections/WorklistPage.js';
import { OrderRequestsPage } from '../features/orders/OrderRequestsPage.js';
import { CaseBoardPage } from '../features/case-board/CaseBoardPage.js';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { InteractionsPage } from '../features/lead-interactions/InteractionsPage.js';
import { MyEvaluationsPage } from '../features/quality/MyEvaluationsPage.js';
import { QualityPage } from '../features/quality/QualityPage.js';
import { LibraryPage } from '../features/replies/LibraryPage.js';
import { ConversationPage } from '../features/messages/ConversationPage.js';
import { ProspectsPage } from '../features/prospects/ProspectsPage.js';
import { CataloguePage } from '../features/portfolio/CataloguePage.js';
import { TelesalesPage } from '../features/telesales/TelesalesPage.js';
import { Allowed, NotFound } from './Allowed.js';
import { type ScreenId } from './screens.js';
import { Shell } from './Shell.js';

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound });

function guarded(screenId: ScreenId, Page: ComponentType) {
  return function GuardedScreen() {
    return (
      <Allowed screenId={screenId}>
        <Page />
      </Allowed>
    );
  };
}

/** /customer shows the customer last put on screen; /customer/<id> that customer. */
function CustomerScreen() {
  const { customerId } = useParams({ strict: false });
  const onScreen = useCustomerStore((s) => s.customerId);
  useEffect(() => {
    if (customerId && customerId !== useCustomerStore.getState().customerId) useCustomerStore.getState().show(customerId);
  }, [customerId]);
  return <CustomerView customerId={customerId ?? onScreen} />;
}

const routes = [
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: guarded('home', HomePage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/customer', component: guarded('customer', CustomerScreen) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/customer/$customerId', component: guarded('customer', CustomerScreen) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/inbox', component: guarded('inbox', InboxPage) }),
  // An SMS/WhatsApp conversation from an unknown number (features/messages).
  createRoute({ getParentRoute: () => rootRoute, path: '/conversations/$conversationId', component: guarded('inbox', ConversationPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/queue', component: guarded('queue', MyQueuePage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/library', component: guarded('library', LibraryPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/floor', component: guarded('floor', FloorPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/floor/wallboard', component: guarded('floor', FloorWallboardPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/interactions', component: guarded('interactions', InteractionsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/quality', component: guarded('quality', QualityPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/collections', component: guarded('collections', WorklistPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/order-requests', component: guarded('orderRequests', OrderRequestsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/cases', component: guarded('caseBoard', CaseBoardPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/pipeline', component: guarded('pipeline', PipelinePage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/visits', component: guarded('visits', VisitsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/budgets', component: guarded('budgets', BudgetsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/stages', component: guarded('salesStages', StagesPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/assignment', component: guarded('assignmentRules', AssignmentRulesPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/reports', component: guarded('reports', ReportsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/evaluations', component: guarded('evaluations', MyEvaluationsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/telesales', component: guarded('telesales', TelesalesPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/prospects', component: guarded('prospects', ProspectsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/sales/catalogue', component: guarded('catalogue', CataloguePage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/users', component: guarded('users', UsersPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/import', component: guarded('import', ImportPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/audit', component: guarded('audit', AuditLogPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/releases', component: guarded('releases', ReleasesPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/org', component: guarded('org', OrgPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/settings', component: guarded('settings', SettingsPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/fleet', component: guarded('fleet', FleetPage) }),
  createRoute({ getParentRoute: () => rootRoute, path: '/admin/integrations', component: guarded('integrations', IntegrationsPage) }),
] as const;

export const router = createRouter({
  routeTree: rootRoute.addChildren(routes),
  history: createHashHistory(),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
