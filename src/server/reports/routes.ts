// Reports over HTTP (src/shared/reports-routes.ts): run, drill down, export (audited, each
// format streamed to the answer), and schedules. A lead's or sales manager's drill-down lists
// the records of the members of the teams they lead (lead-interactions/scope.ts); an admin's
// everyone's. Which report a role reads is REPORT_ROLES, checked here on every route.
import { PassThrough } from 'node:stream';
import { parsePeriodKey } from '../../shared/report-periods.js';
import { REPORT_ROLES, mayReadReport, type ReportKey } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { audit } from '../auth/audit.js';
import { reviewableAgents } from '../lead-interactions/scope.js';
import { REPORTS } from './registry.js';
import { runReport } from './run.js';
import { exportFileName, MIME, reportCsv, reportPdf, writeDrillFile, writeReportXlsx } from './exports.js';
import { createSchedule, deleteSchedule, listSchedules } from './schedules.js';

function mustRead(user: SessionUser, report: ReportKey): void {
  if (!mayReadReport(user.role, report)) {
    throw new SapaError('FORBIDDEN', `The ${report} report is for ${REPORT_ROLES[report].join(', ')}`);
  }
}

export function registerReportRoutes(register: RegisterRoute, db: Db, clock: () => Date): void {
  register('reports.schedules', async ({ user }) => listSchedules(db, clock(), user.role));
  register('reports.scheduleCreate', async ({ user, body }) => {
    mustRead(user, body.report);
    return createSchedule(db, user.id, body, clock());
  });
  register('reports.scheduleDelete', async ({ user, params }) => {
    await deleteSchedule(db, user.id, user.role, params.id);
    return { ok: true as const };
  });

  register('reports.run', async ({ params, query, user }) => {
    mustRead(user, params.report);
    return runReport(db, params.report, query, clock());
  });

  register('reports.drill', async ({ params, query, user }) => {
    mustRead(user, params.report);
    const def = REPORTS[params.report];
    await def.catchUp(db, clock());
    return def.drill(db, {
      period: parsePeriodKey(query.period), section: query.section, key: query.key, scope: await reviewableAgents(db, user), language: query.language, now: clock(),
    }, { offset: query.offset, limit: query.limit });
  });

  register('reports.export', async ({ params, query, user, reply, request }) => {
    mustRead(user, params.report);
    const result = await runReport(db, params.report, query, clock());
    await audit(db, 'report_exported', user.id, params.report, { period: result.period.key, compare: query.compare, format: query.format }, request.ip);
    reply.header('content-type', MIME[query.format]);
    reply.header('content-disposition', `attachment; filename="${exportFileName(result, query.format)}"`);
    if (query.format === 'xlsx') {
      const out = new PassThrough();
      void writeReportXlsx(result, query.language, out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return reply.send(out);
    }
    return reply.send(query.format === 'pdf' ? reportPdf(result, query.language) : reportCsv(result, query.language));
  });

  register('reports.drillExport', async ({ params, query, user, reply, request }) => {
    mustRead(user, params.report);
    const def = REPORTS[params.report];
    const period = parsePeriodKey(query.period);
    await def.catchUp(db, clock());
    const input = { period, section: query.section, key: query.key, scope: await reviewableAgents(db, user), language: query.language, now: clock() };
    const columns = def.drillColumns(query.section);
    await audit(db, 'report_drill_exported', user.id, params.report,
      { period: period.key, section: query.section, key: query.key, format: query.format }, request.ip);
    reply.header('content-type', MIME[query.format]);
    reply.header('content-disposition', `attachment; filename="sapa-${params.report}-${query.section}-${period.key}.${query.format}"`);
    const out = new PassThrough();
    void writeDrillFile(query.format, columns, def.drillAll(db, input), query.language, out)
      .catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
    return reply.send(out);
  });
}
