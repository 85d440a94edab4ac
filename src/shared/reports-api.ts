// Desktop API of reports (spread into `methods` in api.ts). Core passes each to its server
// route (src/main/core/reports.ts): reports are read on the server, never cached. An export
// comes back as the file's bytes (base64, the IPC carries JSON) for the renderer to save.
import { z } from 'zod';
import {
  DrillExportQuery, DrillPage, DrillQuery, ExportFile, ReportExportQuery, ReportKey, ReportQuery, ReportResult, Schedule, ScheduleBody, ScheduleList,
} from './reports.js';

export const reportMethods = {
  'reports.run': { input: ReportQuery.extend({ report: ReportKey }).strict(), output: ReportResult },
  'reports.drill': { input: DrillQuery.extend({ report: ReportKey }).strict(), output: DrillPage },
  'reports.export': { input: ReportExportQuery.extend({ report: ReportKey }).strict(), output: ExportFile },
  'reports.drillExport': { input: DrillExportQuery.extend({ report: ReportKey }).strict(), output: ExportFile },
  'reports.schedules': { input: z.object({}).strict(), output: ScheduleList },
  'reports.scheduleCreate': { input: ScheduleBody, output: Schedule },
  'reports.scheduleDelete': { input: z.object({ id: z.uuid() }).strict(), output: z.object({ ok: z.literal(true) }) },
} as const;
