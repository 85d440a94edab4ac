// The role-leak probe (docs/security.md, "Role matrix"): every route of the route map is
// called as anonymous, agent, lead, admin, sales rep and sales manager, on a real server and database, and the answer
// is asserted for each cell against the table below — written out by hand, not derived from
// src/shared/permissions.ts, so removing a role check anywhere (the table, the guard, the
// registrar) turns a cell red. A route added to the map without a row here fails the probe.
// Then an agent is turned on another agent's objects (a call, a recording): refused, where
// the agent on the call, a lead and an admin get through.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { type Role } from '../../../src/shared/domain.js';
import { type ReportKey } from '../../../src/shared/reports.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { ROUTES, ROUTE_NAMES, apiPath, type RouteDef, type RouteName } from '../../../src/shared/routes.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

type Caller = 'anonymous' | Role;
const CALLERS: readonly Caller[] = ['anonymous', 'agent', 'lead', 'admin', 'sales_rep', 'sales_manager'];

const PUBLIC: readonly Caller[] = CALLERS;
const SIGNED_IN: readonly Caller[] = ['agent', 'lead', 'admin', 'sales_rep', 'sales_manager'];
const LEADS: readonly Caller[] = ['lead', 'admin'];
const ADMIN: readonly Caller[] = ['admin'];
/** The sales module (docs/sales.md): reps and managers, and an admin. */
const SALES: readonly Caller[] = ['sales_rep', 'sales_manager', 'admin'];
/** Who runs sales: the catalogue, assignment rules. */
const SALES_MANAGERS: readonly Caller[] = ['sales_manager', 'admin'];
/** Who runs a telesales campaign: sales managers and the contact center's leads. */
const CAMPAIGN_MANAGERS: readonly Caller[] = ['sales_manager', 'lead', 'admin'];
/** Who gets past the reports' door; which report each reads is READS_REPORT. */
const REPORT_READERS: readonly Caller[] = ['lead', 'sales_manager', 'admin'];
/** Who reads each report (written out here, not read from REPORT_ROLES). */
const READS_REPORT: Record<ReportKey, readonly Role[]> = {
  service: ['lead', 'admin'],
  complaints: ['lead', 'admin'],
  quality: ['lead', 'admin'],
  postSales: ['lead', 'sales_manager', 'admin'],
  customers: ['lead', 'sales_manager', 'admin'],
  sales: ['sales_manager', 'admin'],
};
/** The integration API: an external system's API key, never a person's session (tests/integration/server/integrations.test.ts). */
const NOBODY: readonly Caller[] = [];

/** Who gets past the door of each route. Everyone else: 401 when anonymous, 403 when signed in. */
const MAY_CALL: Record<RouteName, readonly Caller[]> = {
  'health': PUBLIC,
  'auth.login': PUBLIC,
  'auth.logout': SIGNED_IN,
  'auth.me': SIGNED_IN,
  'auth.revokeMySessions': SIGNED_IN,
  'customers.search': SIGNED_IN,
  'customers.byPhone': SIGNED_IN,
  'customers.view360': SIGNED_IN,
  'customers.history': SIGNED_IN,
  'customers.messages': SIGNED_IN,
  'sync.pull': SIGNED_IN,
  'sync.priority': SIGNED_IN,
  'sync.push': SIGNED_IN,
  'sync.live': PUBLIC,
  'imports.start': ADMIN,
  'imports.feed': ADMIN,
  'imports.status': ADMIN,
  'imports.rejects': ADMIN,
  'sip.credentials': SIGNED_IN,
  'extensions.list': ADMIN,
  'extensions.set': ADMIN,
  'users.setScope': ADMIN,
  'devices.orderWipe': ADMIN,
  'users.revokeSessions': ADMIN,
  'agents.reportStatus': SIGNED_IN,
  'agents.board': LEADS,
  'calls.dispositions': SIGNED_IN,
  'cases.categories': SIGNED_IN,
  'calls.timing': SIGNED_IN,
  'recordings.upload': SIGNED_IN,
  'recordings.info': SIGNED_IN,
  'recordings.audio': SIGNED_IN,
  'recordings.purge': ADMIN,
  'replies.list': SIGNED_IN,
  'replies.create': LEADS,
  'replies.edit': LEADS,
  'replies.approve': LEADS,
  'replies.retire': LEADS,
  'replies.revisions': SIGNED_IN,
  'messages.send': SIGNED_IN,
  'messages.retry': SIGNED_IN,
  'messages.inbox': SIGNED_IN,
  'messages.assign': SIGNED_IN,
  'messages.take': SIGNED_IN,
  'sla.read': SIGNED_IN,
  'sla.save': ADMIN,
  'audit.list': ADMIN,
  'audit.export': ADMIN,
  'dataAccess.read': ADMIN,
  'dataAccess.save': ADMIN,
  'dataAccess.flags': ADMIN,
  'dataAccess.clearFlag': ADMIN,
  'adminUsers.list': ADMIN,
  'adminUsers.options': ADMIN,
  'adminUsers.get': ADMIN,
  'adminUsers.create': ADMIN,
  'adminUsers.update': ADMIN,
  'adminUsers.disable': ADMIN,
  'adminUsers.enable': ADMIN,
  'adminUsers.resetPassword': ADMIN,
  'adminUsers.bulkCreate': ADMIN,
  'org.sites.list': ADMIN,
  'org.sites.create': ADMIN,
  'org.sites.update': ADMIN,
  'org.sites.delete': ADMIN,
  'org.schedule.read': ADMIN,
  'org.schedule.save': ADMIN,
  'org.branches.list': ADMIN,
  'org.branches.create': ADMIN,
  'org.branches.update': ADMIN,
  'org.branches.delete': ADMIN,
  'org.teams.leads': ADMIN,
  'org.teams.list': ADMIN,
  'org.teams.create': ADMIN,
  'org.teams.update': ADMIN,
  'org.teams.delete': ADMIN,
  'org.queues.list': ADMIN,
  'org.queues.create': ADMIN,
  'org.queues.update': ADMIN,
  'org.queues.delete': ADMIN,
  'org.skills.list': ADMIN,
  'org.skills.create': ADMIN,
  'org.skills.update': ADMIN,
  'org.skills.delete': ADMIN,
  'org.dispositions.list': ADMIN,
  'org.dispositions.create': ADMIN,
  'org.dispositions.update': ADMIN,
  'org.dispositions.delete': ADMIN,
  'serverSettings.read': ADMIN,
  'serverSettings.save': ADMIN,
  'fleet.heartbeat': SIGNED_IN,
  'fleet.list': ADMIN,
  'fleet.versions': ADMIN,
  'fleet.export': ADMIN,
  'lead.interactions': LEADS,
  'lead.interactionOptions': LEADS,
  'floor.snapshot': LEADS,
  'monitor.start': LEADS,
  'monitor.mode': LEADS,
  'monitor.end': LEADS,
  'monitor.read': SIGNED_IN,
  'lead.interactionReview': LEADS,
  'releases.list': ADMIN,
  'releases.create': ADMIN,
  'releases.upload': ADMIN,
  'releases.rings': ADMIN,
  'releases.createRing': ADMIN,
  'releases.updateRing': ADMIN,
  'releases.offer': ADMIN,
  'releases.widen': ADMIN,
  'releases.pause': ADMIN,
  'releases.pin': ADMIN,
  'releases.rollback': ADMIN,
  'releases.policy': ADMIN,
  'releases.setPolicy': ADMIN,
  'releases.setMirror': ADMIN,
  // The desktop checks for updates before anyone signs in (docs/security.md, "Update feed").
  'updates.feed': PUBLIC,
  // The contact center: every role that handles calls works tasks (calls.handle).
  'chat.mine': SIGNED_IN,
  'chat.take': SIGNED_IN,
  'chat.conversation': SIGNED_IN,
  'chat.send': SIGNED_IN,
  'chat.typing': SIGNED_IN,
  'chat.read': SIGNED_IN,
  'chat.transfer': SIGNED_IN,
  'chat.transferTargets': SIGNED_IN,
  'chat.end': SIGNED_IN,
  'replies.setPublicFaq': LEADS,
  'replies.publicFaqIds': LEADS,
  'cc.myState': SIGNED_IN,
  'cc.setMyState': SIGNED_IN,
  'cc.myOffer': SIGNED_IN,
  'cc.acceptOffer': SIGNED_IN,
  'cc.rejectOffer': SIGNED_IN,
  'cc.myQueue': SIGNED_IN,
  'cc.myTasks': SIGNED_IN,
  'cc.completeTask': SIGNED_IN,
  // Quality: leads and admins make forms and evaluate; everyone reads and answers their own.
  'quality.forms.list': LEADS,
  'quality.forms.create': LEADS,
  'quality.forms.read': LEADS,
  'quality.forms.newVersion': LEADS,
  'quality.versions.read': LEADS,
  'quality.versions.edit': LEADS,
  'quality.evaluations.create': LEADS,
  'quality.evaluations.list': LEADS,
  'quality.evaluations.mine': SIGNED_IN,
  'quality.evaluations.read': SIGNED_IN,
  'quality.evaluations.comment': LEADS,
  'quality.evaluations.acknowledge': SIGNED_IN,
  'quality.evaluations.dispute': SIGNED_IN,
  'quality.disputes.open': LEADS,
  'quality.evaluations.rescore': LEADS,
  'quality.sampling.list': LEADS,
  'quality.sampling.create': LEADS,
  'quality.sampling.update': LEADS,
  'quality.sampling.run': LEADS,
  'quality.queue.list': LEADS,
  'quality.calibrations.evaluators': LEADS,
  'quality.calibrations.create': LEADS,
  'quality.calibrations.list': LEADS,
  'quality.calibrations.read': LEADS,
  'quality.calibrations.score': LEADS,
  'quality.calibrations.close': LEADS,
  'quality.trend': SIGNED_IN,
  'quality.settings.read': SIGNED_IN,
  'quality.settings.save': ADMIN,
  // Feeds from the systems of record: admins manage the keys; the feeds take a key, not a session.
  'integrationKeys.list': ADMIN,
  'integrationKeys.create': ADMIN,
  'integrationKeys.revoke': ADMIN,
  'integrations.orders': NOBODY,
  'integrations.invoices': NOBODY,
  'integrations.contracts': NOBODY,
  'integrations.orderRequests': NOBODY,
  'integrations.orderRequestsAck': NOBODY,
  // Receivables monitoring: collectors are leads (docs/decisions/0026).
  'receivables.worklist': LEADS,
  'receivables.totals': LEADS,
  'receivables.promise': LEADS,
  'orderRequests.list': LEADS,
  'orderRequests.done': LEADS,
  'contracts.renewals': SIGNED_IN,
  // Case SLA targets (admin), assignment (checked per case), the team queue, the lead's case board.
  'caseSla.read': ADMIN,
  'caseSla.save': ADMIN,
  'cases.assign': SIGNED_IN,
  'cases.teamQueue': SIGNED_IN,
  'cases.board': LEADS,
  // Reports: leads, sales managers and admins at the door (reports.view); each report's readers below.
  'reports.schedules': REPORT_READERS,
  'reports.scheduleCreate': REPORT_READERS,
  'reports.scheduleDelete': REPORT_READERS,
  'reports.run': REPORT_READERS,
  'reports.drill': REPORT_READERS,
  'reports.export': REPORT_READERS,
  'reports.drillExport': REPORT_READERS,
  'cases.boardOptions': LEADS,
  // A test server's case clock: admins only, and 404 unless the server runs with SAPA_TEST_CLOCK=1.
  'testClock.advance': ADMIN,
  'receivables.reminderPreview': LEADS,
  'receivables.remind': LEADS,
  // Browser sharing: any agent asks (and only watches their own, tests/integration/server/cobrowse.test.ts);
  // the customer-side script is for the company's site, before anyone signs in.
  'cobrowse.start': SIGNED_IN,
  'cobrowse.script': PUBLIC,
  'cobrowse.customerSocket': PUBLIC,
  'cobrowse.agentSocket': PUBLIC,
  // The providers' webhooks: no session, a signature over the body (tests/integration/server/messaging-channels.test.ts).
  'webhooks.whatsappVerify': PUBLIC,
  'webhooks.whatsapp': PUBLIC,
  'webhooks.sms': PUBLIC,
  'conversations.get': SIGNED_IN,
  'conversations.send': SIGNED_IN,
  'whatsappTemplates.list': ADMIN,
  'whatsappTemplates.save': ADMIN,
  'channelSettings.read': ADMIN,
  'channelSettings.save': ADMIN,
  // Sales (docs/sales.md): prospects are the sales staff's (a rep their own, checked per object);
  // assignment and the catalogue the managers'; everyone reads the catalogue and the customer's
  // portfolio and may sell an offer on a service call; campaigns are run by sales managers and
  // leads and worked by everyone who handles calls; anyone on a call may list a number as do-not-call.
  'prospects.list': SALES,
  'prospects.create': SALES,
  'prospects.stage': SALES,
  'prospects.import': SALES,
  'prospects.importReport': SALES,
  'prospects.assign': SALES_MANAGERS,
  'prospects.rules': SALES_MANAGERS,
  'prospects.saveRules': SALES_MANAGERS,
  'products.list': SIGNED_IN,
  'products.create': SALES_MANAGERS,
  'products.update': SALES_MANAGERS,
  'portfolio.customer': SIGNED_IN,
  'portfolio.sell': SIGNED_IN,
  'campaigns.list': SIGNED_IN,
  'campaigns.create': CAMPAIGN_MANAGERS,
  'campaigns.addContacts': CAMPAIGN_MANAGERS,
  'campaigns.next': SIGNED_IN,
  'campaigns.dispose': SIGNED_IN,
  'campaigns.results': CAMPAIGN_MANAGERS,
  'dnc.list': CAMPAIGN_MANAGERS,
  'dnc.add': SIGNED_IN,
  'dnc.remove': CAMPAIGN_MANAGERS,
  'dnc.check': SIGNED_IN,
  // Sales (docs/sales.md): opportunities for everyone who sells; stages and budgets for sales managers
  // and admins; spent vs budget, visits and receipts for the sales roles.
  'sales.settings': SIGNED_IN,
  'sales.saveSettings': SALES_MANAGERS,
  'sales.people': SIGNED_IN,
  'opportunities.board': SIGNED_IN,
  'opportunities.list': SIGNED_IN,
  'opportunities.create': SIGNED_IN,
  'opportunities.get': SIGNED_IN,
  'opportunities.move': SIGNED_IN,
  'opportunities.addActivity': SIGNED_IN,
  'opportunities.forecast': SIGNED_IN,
  'budgets.summary': SALES,
  'budgets.set': SALES_MANAGERS,
  'costs.list': SALES,
  'receipts.upload': SALES,
  'receipts.get': SALES,
  'visits.list': SALES,
  'visits.plan': SALES,
  'visits.realisation': SALES,
};

/**
 * The webhooks let everybody to the door and refuse at the signature: an unsigned probe is
 * 401 (a POST) or 403 (the GET's wrong verify token) for every caller, session or not.
 */
const SIGNATURE_REFUSAL: Partial<Record<RouteName, number>> = { 'webhooks.whatsappVerify': 403, 'webhooks.whatsapp': 401, 'webhooks.sms': 401 };

const USERNAME: Record<Role, string> = { agent: 'agent1', lead: 'lead1', admin: 'admin1', sales_rep: 'sales1', sales_manager: 'salesmgr1' };

forEachDatabase('role-leak probe', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0 } });
  const userIds = new Map<string, string>();

  beforeAll(async () => {
    const rows = await t.current.server.db.query<{ id: string; username: string }>('SELECT id, username FROM users');
    for (const r of rows) userIds.set(r.username, r.id);
  });

  /** A fresh session of that user: a route that signs out (auth.logout) spends only its own. */
  async function tokenOf(username: string): Promise<string> {
    const id = userIds.get(username);
    if (!id) throw new Error(`no user ${username}`);
    return (await createSession(t.current.server.db, id, 60_000)).token;
  }

  async function call(route: RouteDef, token: string | null, id: string = randomUUID(), body?: unknown): Promise<number> {
    // No body and no query: the door is checked before the input, so a caller let in gets
    // 400 (or 404 for the random id), one kept out 401 or 403.
    // The tus upload is asked about an upload that does not exist (HEAD): no file is made.
    const tus = route.answer === 'tus';
    // `:name` (a release file) is a plain name the route accepts.
    const url = tus ? `${API_PREFIX}${route.path}/${id}` : apiPath(route, { id, name: 'probe.bin', kind: 'orders', report: 'service' });
    const res = await fetch(`${t.current.server.url}${url}`, {
      method: tus ? 'HEAD' : route.method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}), ...(tus ? { 'tus-resumable': '1.0.0' } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  it('has a row for every route of the map, and no row for a route that is gone', () => {
    expect(Object.keys(MAY_CALL).sort()).toEqual([...ROUTE_NAMES].sort());
  });

  it('answers each route as the table says, for anonymous, agent, lead, admin, sales rep and sales manager', async () => {
    const cells: string[] = [];
    for (const name of ROUTE_NAMES) {
      const route: RouteDef = ROUTES[name];
      if (route.answer === 'websocket') continue; // the live socket says hello with its token: tests/integration/sync
      for (const caller of CALLERS) {
        const status = await call(route, caller === 'anonymous' ? null : await tokenOf(USERNAME[caller]));
        const allowed = MAY_CALL[name].includes(caller);
        const signed = SIGNATURE_REFUSAL[name];
        const ok = signed !== undefined ? status === signed
          : allowed ? status !== 401 && status !== 403 : status === (caller === 'anonymous' ? 401 : 403);
        if (!ok) cells.push(`${name} as ${caller}: ${status} (${allowed ? 'should get through' : 'should be refused'})`);
      }
    }
    expect(cells).toEqual([]);
  });

  it('behind the reports\' door, each report answers its own readers and refuses everyone else (run, drill-down, export, schedule)', async () => {
    const cells: string[] = [];
    for (const report of Object.keys(READS_REPORT) as ReportKey[]) {
      for (const caller of CALLERS.filter((c): c is Role => c !== 'anonymous')) {
        const token = await tokenOf(USERNAME[caller]);
        const allowed = READS_REPORT[report].includes(caller);
        const get = async (path: string) => (await fetch(`${t.current.server.url}${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
        const statuses = {
          run: await get(`/reports/${report}?period=2026-06`),
          export: await get(`/reports/${report}/export?period=2026-06&format=csv`),
          // An unknown section is 404 for a reader: the report's check comes first.
          drill: await get(`/reports/${report}/drill?period=2026-06&section=probe&key=x`),
          schedule: (await fetch(`${t.current.server.url}${API_PREFIX}/reports/schedules`, {
            method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ report, periodKind: 'month', format: 'csv', language: 'en', recipientIds: [randomUUID()] }),
          })).status,
        };
        for (const [what, status] of Object.entries(statuses)) {
          const ok = allowed ? status !== 401 && status !== 403 : status === 403;
          if (!ok) cells.push(`${report} ${what} as ${caller}: ${status} (${allowed ? 'should get through' : 'should be refused'})`);
        }
      }
    }
    expect(cells).toEqual([]);
  });

  it('an agent cannot read another agent\'s call or recording, or resend their message; the agent on it, a lead and an admin can', async () => {
    const db = t.current.server.db;
    const [customer] = await db.query<{ id: string }>('SELECT id FROM customers LIMIT 1');
    const owner = userIds.get('agent1');
    const callId = randomUUID();
    const recordingId = randomUUID();
    await db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, recording_id)
       VALUES ($1, $2, 'call', 'inbound', now() - interval '5 minutes', now(), $3, 'Siti', $4)`,
      [callId, customer?.id ?? null, owner ?? null, recordingId]);
    await db.query(
      'INSERT INTO call_details (interaction_id, number, talk_sec, hold_sec, acw_sec) VALUES ($1, $2, 240, 0, 30)',
      [callId, '+6281234567890']);
    await db.query(
      "INSERT INTO recordings (id, agent_id, file_name, size_bytes, completed_at) VALUES ($1, $2, 'x.webm', 0, now())",
      [recordingId, owner ?? null]);

    // A failed e-mail agent1 wrote: sending it again is agent1's call (or a lead's).
    const messageId = randomUUID();
    await db.query(
      `INSERT INTO outbound_messages (id, customer_id, channel, to_address, body, status, interaction_id, agent_id)
       VALUES ($1, $2, 'sms', '+6281234567890', 'Tagihan Anda', 'failed', $3, $4)`,
      [messageId, customer?.id ?? null, callId, owner ?? null]);

    const objects: [RouteName, string, (() => unknown)?][] = [
      ['calls.timing', callId], ['recordings.info', recordingId], ['recordings.audio', recordingId],
      ['messages.retry', messageId, () => ({ idempotencyKey: randomUUID() })],
    ];
    for (const [name, id, body] of objects) {
      const route: RouteDef = ROUTES[name];
      expect(await call(route, await tokenOf('agent2'), id, body?.()), `${name} as another agent`).toBe(403);
      for (const username of ['agent1', 'lead1', 'admin1']) {
        expect([401, 403], `${name} as ${username}`).not.toContain(await call(route, await tokenOf(username), id, body?.()));
      }
    }
  });
});
