// HTTP routes of reports (spread into ROUTES in routes.ts; docs/reports.md). Every route needs
// reports.view (leads and admins); a lead's drill-down lists only their teams' agents' records
// (decided in src/server/reports/routes.ts). Exports answer the file itself, streamed.
import { z } from 'zod';
import {
  DrillExportQuery, DrillPage, DrillQuery, ReportExportQuery, ReportParams, ReportQuery, ReportResult, Schedule, ScheduleBody, ScheduleList,
} from './reports.js';

export const reportRoutes = {
  'reports.schedules': { method: 'GET', path: '/reports/schedules', access: 'reports.view', answer: ScheduleList },
  'reports.scheduleCreate': { method: 'POST', path: '/reports/schedules', access: 'reports.view', body: ScheduleBody, answer: Schedule, status: 201 },
  'reports.scheduleDelete': {
    method: 'DELETE', path: '/reports/schedules/:id', access: 'reports.view', params: z.object({ id: z.uuid() }), answer: z.object({ ok: z.literal(true) }),
  },
  'reports.run': { method: 'GET', path: '/reports/:report', access: 'reports.view', params: ReportParams, query: ReportQuery, answer: ReportResult },
  'reports.drill': { method: 'GET', path: '/reports/:report/drill', access: 'reports.view', params: ReportParams, query: DrillQuery, answer: DrillPage },
  'reports.export': { method: 'GET', path: '/reports/:report/export', access: 'reports.view', params: ReportParams, query: ReportExportQuery, answer: 'file' },
  'reports.drillExport': {
    method: 'GET', path: '/reports/:report/drill/export', access: 'reports.view', params: ReportParams, query: DrillExportQuery, answer: 'file',
  },
} as const;
