// home.overview: the agent's own work, read from the cache so the home shows offline too —
// call-backs due today (overdue first), open cases with their SLA deadlines, and the
// customers they handled or opened lately. floor.agents: every agent's status, from the server.
import { type HomeCallback, type HomeCase, type RecentCustomer } from '../../../shared/home-api.js';
import { dueCallbacks, endOfLocalDay } from '../../../shared/home.js';
import { can } from '../../../shared/permissions.js';
import { SapaError } from '../../../shared/errors.js';
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from '../cache/rows.js';
import { type CacheDb } from '../cache/open-cache.js';
import { type HandlerMap } from '../context.js';

const MAX_ROWS = 100;
const RECENT_CUSTOMERS = 8;
const RECENT_DAYS = 30;

interface CallbackRow {
  id: string; customer_id: string; full_name: string; salutation: HomeCallback['salutation']; due_at: string;
  note: string | null; phone_e164: string | null; status: 'open' | 'done' | 'cancelled';
}
interface CaseRow {
  id: string; customer_id: string; full_name: string; salutation: HomeCase['salutation']; case_no: string;
  subject: string; priority: HomeCase['priority']; status: HomeCase['status']; sla_due_at: string; warn_at: string | null;
}

function createHomeQueries(db: CacheDb) {
  const callbacks = db.prepare<[string, string, number], CallbackRow>(
    `SELECT b.id, b.customer_id, c.full_name, c.salutation, b.due_at, b.note, b.phone_e164, b.status
     FROM callbacks b JOIN customers c ON c.id = b.customer_id
     WHERE b.assignee_id = ? AND b.status = 'open' AND b.due_at <= ? ORDER BY b.due_at LIMIT ?`);
  const cases = db.prepare<[string, number], CaseRow>(
    `SELECT k.id, k.customer_id, c.full_name, c.salutation, k.case_no, k.subject, k.priority, k.status, k.sla_due_at, k.warn_at
     FROM cases k JOIN customers c ON c.id = k.customer_id
     WHERE k.assignee_id = ? AND k.status IN ('open', 'in_progress') ORDER BY k.sla_due_at LIMIT ?`);
  // Handled (an interaction by the agent) or opened (the working set, when it is on).
  const recent = db.prepare<[{ me: string; since: string; limit: number }], SummaryRow & { at: string }>(
    `SELECT ${SUMMARY_COLUMNS}, r.at FROM (
       SELECT customer_id, max(at) AS at FROM (
         SELECT customer_id, started_at AS at FROM interactions WHERE agent_id = @me AND started_at >= @since
         UNION ALL SELECT customer_id, last_used_at AS at FROM working_set WHERE last_used_at >= @since)
       GROUP BY customer_id ORDER BY at DESC LIMIT @limit) r
     JOIN customers c ON c.id = r.customer_id ORDER BY r.at DESC`);
  return { callbacks, cases, recent };
}
const queriesByDb = new WeakMap<CacheDb, ReturnType<typeof createHomeQueries>>();
function homeQueries(db: CacheDb) {
  let q = queriesByDb.get(db);
  if (!q) {
    q = createHomeQueries(db);
    queriesByDb.set(db, q);
  }
  return q;
}

const FLOOR_TIMEOUT_MS = 5_000;

export const homeHandlers: HandlerMap<'home.overview' | 'floor.agents'> = {
  'home.overview': (_input, ctx) => {
    const me = ctx.requireSession().user;
    const q = homeQueries(ctx.store.db);
    const now = new Date(ctx.options.clock?.() ?? Date.now());
    const due = q.callbacks.all(me.id, endOfLocalDay(now).toISOString(), MAX_ROWS)
      .map((r) => ({
        id: r.id, customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation,
        dueAt: r.due_at, note: r.note, phoneE164: r.phone_e164, status: r.status,
      }));
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
    return {
      callbacks: dueCallbacks(due, now).map(({ status: _status, ...c }): HomeCallback => c),
      cases: q.cases.all(me.id, MAX_ROWS).map((r): HomeCase => ({
        id: r.id, customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation, caseNo: r.case_no,
        subject: r.subject, priority: r.priority, status: r.status, slaDueAt: r.sla_due_at, warnAt: r.warn_at,
      })),
      recentCustomers: q.recent.all({ me: me.id, since, limit: RECENT_CUSTOMERS })
        .map((r): RecentCustomer => ({ ...summaryFromRow(r), lastContactAt: r.at })),
    };
  },

  'floor.agents': async (_input, ctx) => {
    const session = ctx.requireSession();
    // Refused here too, so an agent gets the same answer offline as the server would give.
    if (!can(session.user.role, 'floor.view')) throw new SapaError('FORBIDDEN', 'The floor is for team leads and admins');
    return ctx.server.call('agents.board', {}, { token: session.token, timeoutMs: FLOOR_TIMEOUT_MS });
  },
};
