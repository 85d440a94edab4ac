// Who may do what: one table read by the server's guards, by core (so a refused call is
// refused offline too) and by the renderer's navigation (which only hides what the server
// would refuse anyway). A new role or action is added here and nowhere else.
import { type Role } from './domain.js';

const EVERYONE = ['agent', 'lead', 'admin', 'sales_rep', 'sales_manager'] as const satisfies readonly Role[];
const LEADS = ['lead', 'admin'] as const satisfies readonly Role[];
const ADMINS = ['admin'] as const satisfies readonly Role[];
/** The sales module's staff (docs/sales.md); an admin may do what they do. */
const SALES = ['sales_rep', 'sales_manager', 'admin'] as const satisfies readonly Role[];
/** Who runs sales: the catalogue, assignment rules, campaigns and their results. */
const SALES_MANAGERS = ['sales_manager', 'admin'] as const satisfies readonly Role[];
/** Who runs a telesales campaign: sales managers and the contact center's leads. */
const CAMPAIGN_MANAGERS = ['sales_manager', 'lead', 'admin'] as const satisfies readonly Role[];
/** Who reads reports: the contact center's leads, the sales managers and admins (each report's own readers: REPORT_ROLES). */
const REPORT_READERS = ['lead', 'sales_manager', 'admin'] as const satisfies readonly Role[];

export const PERMISSIONS = {
  // The agent's single screen.
  'customers.read': EVERYONE,
  'customers.edit': EVERYONE,
  'customers.create': EVERYONE,
  'notes.write': EVERYONE,
  'callbacks.write': EVERYONE,
  /** File a complaint or service request (a case) and read the category tree. */
  'cases.write': EVERYONE,
  /** Work any case (status, assignment), not only those assigned to oneself. */
  'cases.manageAny': LEADS,
  /** Add a note or a customer request (reschedule, cancel…) to an order. */
  'orders.request': EVERYONE,
  'calls.handle': EVERYONE,
  /** Ask a customer to share their browser with oneself (docs/browser-sharing.md); only the asking agent watches it. */
  'cobrowse.start': EVERYONE,
  'messages.send': EVERYONE,
  'messages.read': EVERYONE,
  'replies.use': EVERYONE,
  /** "Sign out everywhere": end all of one's own sessions. */
  'sessions.revokeOwn': EVERYONE,
  /** Play a recording of one's own call; leads and admins play anyone's. */
  'recordings.playOwn': EVERYONE,
  'recordings.playAny': LEADS,
  /** Read any agent's call (its timing and the number dialled); agents read their own. */
  'calls.viewAny': LEADS,
  /** Send again a message another agent wrote (agents retry their own). */
  'messages.retryAny': LEADS,
  // The team lead's console.
  'replies.manage': LEADS,
  'floor.view': LEADS,
  /** Listen, whisper and barge on an agent's call: a lead the agents of their teams, an admin anyone's (checked per agent). */
  'floor.monitor': LEADS,
  /** Quality forms: create them and their versions (docs/quality.md). */
  'quality.forms.manage': LEADS,
  /** Score interactions on a quality form: a lead their teams' agents, an admin anyone's (checked per object). */
  'quality.evaluate': LEADS,
  /** Read one's own evaluations, acknowledge and dispute them; evaluators read what they may evaluate. */
  'quality.viewOwn': EVERYONE,
  /** The interactions browser and its review view: a lead their teams' agents, an admin everyone's. */
  'interactions.review': LEADS,
  /** The collectors' ageing worklist across customers, totals per branch, promises to pay (docs/receivables.md). */
  'receivables.collect': LEADS,
  /** The back office's queue of agents' order requests: list them, mark them done (docs/orders-contracts.md, decision 0027). */
  'orders.backoffice': LEADS,
  // Sales (docs/sales.md): prospects, portfolio, telesales.
  /** Create and import prospects, see one's own (a manager: everyone's), move their lifecycle stage. */
  'prospects.write': SALES,
  /** Assignment rules for new prospects, and reassigning a prospect to another rep. */
  'prospects.assign': SALES_MANAGERS,
  /** The products and services catalogue: create, edit, retire (everyone signed in reads it). */
  'products.manage': SALES_MANAGERS,
  /** Offer an eligible product to the customer on screen: an order (agents only products customer service may sell). */
  'offers.sell': EVERYONE,
  /** Telesales campaigns: create, build the list, results; the do-not-call list. */
  'campaigns.manage': CAMPAIGN_MANAGERS,
  /** Work a campaign's call list: next contact, script, disposition. */
  'campaigns.work': EVERYONE,
  // Sales (docs/sales.md): a rep sees and works their own objects, a manager their teams' (checked per object).
  /** Opportunities (agents and leads sell during a service call too): create, move between stages, win (a contract) or lose (a reason); the board, list and forecast. */
  'opportunities.work': EVERYONE,
  /** The stages and their probabilities, and the budget warning share. */
  'opportunities.stages': SALES_MANAGERS,
  /** Plan visits, check in and out, report the result; record costs with receipts. */
  'visits.work': SALES,
  /** Spent vs budget (a rep their own, a manager their teams'). */
  'budgets.view': SALES,
  /**
   * The Pipeline screen (board, list, forecast) in the navigation: the sales staff's. The
   * routes stay opportunities.work, so a sale during a service call can still open one.
   */
  'pipeline.view': SALES,
  /** Set prospecting and cost budgets per period for a team or a rep. */
  'budgets.manage': SALES_MANAGERS,
  /**
   * Reports (docs/reports.md): read, drill down, export (audited) and schedule mailed reports.
   * The door only: which report a role reads is REPORT_ROLES (src/shared/reports.ts).
   */
  'reports.view': REPORT_READERS,
  // Administration.
  'users.manage': ADMINS,
  /** End every session of another user (a stolen laptop, someone leaving). */
  'sessions.revokeAny': ADMINS,
  'customers.import': ADMINS,
  /** Integration API keys of the systems of record: create (shown once) and revoke (docs/integrations.md). */
  'integrations.manage': ADMINS,
  'settings.manage': ADMINS,
  /** Read and export the audit log. */
  'audit.read': ADMINS,
  /** Retention: delete recordings older than N days, or one by id (each deletion audited). */
  'recordings.purge': ADMINS,
  /** Who may replicate every customer, the lookup throttle, and the users it flagged. */
  'dataAccess.manage': ADMINS,
  /** Order a desktop (or every desktop a user is signed in on) to wipe its cache. */
  'devices.wipe': ADMINS,
  /** The desktop fleet: every desktop's version, update state and who is signed in on it. */
  'fleet.view': ADMINS,
  /** Upload and register desktop releases; rings, offers, pause, pin, rollback, mandatory minimum, site mirrors. */
  'releases.manage': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** True when `role` may perform `action`; a signed-out user (null) may do nothing here. */
export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** The roles that may perform `action` (for error messages and the route table). */
export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action];
}
