// Who may call what. The server checks again; core checks so the renderer gets a clear
// answer offline (a lead-only method is refused without a round trip) and so a compromised
// renderer cannot read the cache without a session. The roles behind each action are in
// the one permission table, src/shared/permissions.ts.
import { type MethodName } from '../../shared/api.js';
import { type Role } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { type Action, can, rolesFor } from '../../shared/permissions.js';

export type Access = 'public' | 'session' | Action;

/** Methods that need more than a session, by the permission action they exercise. */
const METHOD_ACTIONS: Partial<Record<MethodName, Action>> = {
  'cases.categories': 'cases.write',
  'cases.create': 'cases.write',
  'cases.setStatus': 'cases.write',
  'cases.assign': 'cases.write',
  'cases.teamQueue': 'cases.write',
  'cases.board': 'cases.manageAny',
  'reports.run': 'reports.view',
  'reports.drill': 'reports.view',
  'reports.export': 'reports.view',
  'reports.drillExport': 'reports.view',
  'reports.schedules': 'reports.view',
  'reports.scheduleCreate': 'reports.view',
  'reports.scheduleDelete': 'reports.view',
  'cases.boardOptions': 'cases.manageAny',
  'replies.save': 'replies.manage',
  'replies.setStatus': 'replies.manage',
  'floor.agents': 'floor.view',
  'floor.snapshot': 'floor.view',
  'monitor.start': 'floor.monitor',
  'monitor.mode': 'floor.monitor',
  'monitor.end': 'floor.monitor',
  'receivables.worklist': 'receivables.collect',
  'receivables.promise': 'receivables.collect',
  'orders.request': 'orders.request',
  // Sales (docs/sales.md): visits and costs work offline, so core refuses a wrong role itself.
  'sales.saveSettings': 'opportunities.stages',
  'opportunities.board': 'opportunities.work',
  'opportunities.list': 'opportunities.work',
  'opportunities.create': 'opportunities.work',
  'opportunities.move': 'opportunities.work',
  'opportunities.forecast': 'opportunities.work',
  'budgets.summary': 'budgets.view',
  'costs.list': 'budgets.view',
  'budgets.set': 'budgets.manage',
  'visits.list': 'visits.work',
  'visits.plan': 'visits.work',
  'visits.realisation': 'visits.work',
  'visits.checkIn': 'visits.work',
  'visits.checkOut': 'visits.work',
  'visits.report': 'visits.work',
  'costs.record': 'visits.work',
  'orderRequests.list': 'orders.backoffice',
  'orderRequests.done': 'orders.backoffice',
  'receivables.totals': 'receivables.collect',
  'receivables.reminderPreview': 'receivables.collect',
  'receivables.remind': 'receivables.collect',
  'lead.interactions.list': 'interactions.review',
  'lead.interactions.options': 'interactions.review',
  'lead.interactions.review': 'interactions.review',
  'quality.forms.list': 'quality.evaluate',
  'quality.forms.create': 'quality.forms.manage',
  'quality.forms.newVersion': 'quality.forms.manage',
  'quality.versions.read': 'quality.evaluate',
  'quality.versions.edit': 'quality.forms.manage',
  'quality.evaluations.create': 'quality.evaluate',
  'quality.drafts.read': 'quality.evaluate',
  'quality.drafts.save': 'quality.evaluate',
  'quality.drafts.discard': 'quality.evaluate',
  'quality.drafts.submit': 'quality.evaluate',
  'quality.evaluations.list': 'quality.evaluate',
  'quality.evaluations.comment': 'quality.evaluate',
  'quality.disputes.open': 'quality.evaluate',
  'quality.evaluations.rescore': 'quality.evaluate',
  'quality.sampling.list': 'quality.evaluate',
  'quality.sampling.create': 'quality.forms.manage',
  'quality.sampling.update': 'quality.forms.manage',
  'quality.sampling.run': 'quality.forms.manage',
  'quality.queue.list': 'quality.evaluate',
  'quality.calibrations.evaluators': 'quality.evaluate',
  'quality.calibrations.create': 'quality.evaluate',
  'quality.calibrations.list': 'quality.evaluate',
  'quality.calibrations.read': 'quality.evaluate',
  'quality.calibrations.score': 'quality.evaluate',
  'quality.calibrations.close': 'quality.evaluate',
  'admin.integrations.list': 'integrations.manage',
  'admin.integrations.create': 'integrations.manage',
  'admin.integrations.revoke': 'integrations.manage',
  'admin.audit.list': 'audit.read',
  'admin.audit.exportCsv': 'audit.read',
  'admin.fleet.list': 'fleet.view',
  'admin.fleet.versions': 'fleet.view',
  'admin.fleet.exportCsv': 'fleet.view',
  'admin.users.list': 'users.manage',
  'admin.users.options': 'users.manage',
  'admin.users.create': 'users.manage',
  'admin.users.update': 'users.manage',
  'admin.users.disable': 'users.manage',
  'admin.users.enable': 'users.manage',
  'admin.users.resetPassword': 'users.manage',
  'admin.users.bulkCreate': 'users.manage',
  // The sales module (src/shared/sales/, docs/sales.md).
  'sales.prospects.list': 'prospects.write',
  'sales.prospects.create': 'prospects.write',
  'sales.prospects.stage': 'prospects.write',
  'sales.prospects.import': 'prospects.write',
  'sales.prospects.importReport': 'prospects.write',
  'sales.prospects.assign': 'prospects.assign',
  'sales.rules.get': 'prospects.assign',
  'sales.rules.save': 'prospects.assign',
  'sales.products.list': 'customers.read',
  'sales.products.create': 'products.manage',
  'sales.products.update': 'products.manage',
  'sales.portfolio.customer': 'customers.read',
  'sales.portfolio.sell': 'offers.sell',
  'sales.campaigns.list': 'campaigns.work',
  'sales.campaigns.next': 'campaigns.work',
  'sales.campaigns.dispose': 'campaigns.work',
  'sales.campaigns.create': 'campaigns.manage',
  'sales.campaigns.addContacts': 'campaigns.manage',
  'sales.campaigns.results': 'campaigns.manage',
  'sales.dnc.list': 'campaigns.manage',
  'sales.dnc.remove': 'campaigns.manage',
  'sales.dnc.add': 'calls.handle',
  'sales.dnc.check': 'calls.handle',
};

export function accessOf(method: MethodName): Access {
  if (method === 'app.info' || method.startsWith('settings.') || method.startsWith('auth.')) return 'public';
  // The update's state holds nothing of the cache, and a signed-out desktop updates too.
  if (method.startsWith('updates.')) return 'public';
  // The first-start screen runs before anyone can sign in.
  if (method.startsWith('server.setup.')) return 'public';
  const action = METHOD_ACTIONS[method];
  if (action) return action;
  if (method.startsWith('admin.import.')) return 'customers.import';
  if (method.startsWith('admin.releases.')) return 'releases.manage';
  // Any other admin.* method is administration: admins only unless it names its action above.
  if (method.startsWith('admin.')) return 'settings.manage';
  return 'session';
}

/** Throws UNAUTHENTICATED / FORBIDDEN when `role` (null = signed out) may not call `method`. */
export function checkAccess(method: MethodName, role: Role | null): void {
  const access = accessOf(method);
  if (access === 'public') return;
  if (role === null) throw new SapaError('UNAUTHENTICATED', `Sign in to use ${method}`);
  if (access !== 'session' && !can(role, access)) {
    throw new SapaError('FORBIDDEN', `${method} needs the role ${rolesFor(access).join(' or ')}`);
  }
}
