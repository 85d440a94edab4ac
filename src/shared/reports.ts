// Reports (issue 19, docs/reports.md): one generic shape every report answers — sections of
// tables whose columns say what kind of figure they hold — so the screen, the charts, the
// XLSX/PDF/CSV exports and the mailed schedules are written once and a new report (sales,
// when its tables land) is one more entry of REPORT_KEYS and of the server's registry.
import { z } from 'zod';
import { Role } from './domain.js';
import { PERIOD_KINDS, PeriodKey } from './report-periods.js';

export const REPORT_KEYS = ['service', 'complaints', 'quality', 'sales', 'postSales', 'customers'] as const;
export const ReportKey = z.enum(REPORT_KEYS);
export type ReportKey = z.infer<typeof ReportKey>;

/**
 * Who may read, export and schedule each report (and receive it by mail), on top of the
 * routes' reports.view: the contact center's reports are the leads' and admins'; the sales
 * and post-sales reports, when they land, are the sales managers' (reports.view then widens
 * to them, and this map keeps them out of the service figures with a 403).
 */
export const REPORT_ROLES: Record<ReportKey, readonly Role[]> = {
  service: ['lead', 'admin'],
  complaints: ['lead', 'admin'],
  quality: ['lead', 'admin'],
  // Customers (base, lifecycle, lifetime value): the contact center's leads and the sales managers.
  customers: ['lead', 'sales_manager', 'admin'],
  // Receivables, promises to pay and orders: the collectors' leads and the sales managers.
  postSales: ['lead', 'sales_manager', 'admin'],
  sales: ['sales_manager', 'admin'],
};
export const mayReadReport = (role: Role, report: ReportKey): boolean => REPORT_ROLES[report].includes(role);

/** How a figure is shown: a count, a percent (one decimal), seconds (m:ss), rupiah, hours, or text. */
export const ColumnKind = z.enum(['count', 'percent', 'seconds', 'idr', 'hours', 'text']);
export type ColumnKind = z.infer<typeof ColumnKind>;

export const ReportColumn = z.object({
  key: z.string(),
  kind: ColumnKind,
  /** A target the figure is held against (AHT: 150 s, e-mail: 90 %) and which side is good. */
  target: z.object({ value: z.number(), better: z.enum(['below', 'above']) }).optional(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

const Figure = z.number().nullable();

export const ReportRow = z.object({
  /** The dimension value (a team id, a queue code, '' for none). */
  key: z.string(),
  label: z.string(),
  values: z.record(z.string(), Figure),
  /** The same figures in the comparison period (absent: no comparison asked). */
  compare: z.record(z.string(), Figure).optional(),
  /** The records behind this row can be listed (drill-down). */
  drill: z.boolean(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportSection = z.object({
  /** Section id: its title comes from REPORT_TEXT[`section.${id}`]. */
  id: z.string(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  total: ReportRow.nullable(),
  /** The column the section's chart draws (null: no chart). */
  chart: z.string().nullable(),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const ComparePeriod = z.enum(['none', 'previous', 'lastYear']);
export type ComparePeriod = z.infer<typeof ComparePeriod>;

const PeriodShape = z.object({ kind: z.enum(PERIOD_KINDS), key: z.string(), from: z.string(), to: z.string() });

export const ReportResult = z.object({
  report: ReportKey,
  period: PeriodShape,
  compare: PeriodShape.nullable(),
  generatedAt: z.string(),
  sections: z.array(ReportSection),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const ReportQuery = z.object({
  period: PeriodKey,
  compare: ComparePeriod.default('none'),
  /** Labels (queues, tiers, "no team") in this language. */
  language: z.enum(['id', 'en']).default('id'),
}).strict();
export type ReportQuery = z.input<typeof ReportQuery>;

export const ReportParams = z.object({ report: ReportKey });

export const ExportFormat = z.enum(['xlsx', 'pdf', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ReportExportQuery = ReportQuery.extend({ format: ExportFormat }).strict();
export type ReportExportQuery = z.input<typeof ReportExportQuery>;

/** The records behind one row of one section. */
export const DrillQuery = z.object({
  period: PeriodKey,
  section: z.string().min(1).max(40),
  key: z.string().max(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  language: z.enum(['id', 'en']).default('id'),
}).strict();
export type DrillQuery = z.input<typeof DrillQuery>;

export const DrillPage = z.object({
  columns: z.array(ReportColumn),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number().int().nonnegative(),
});
export type DrillPage = z.infer<typeof DrillPage>;

export const DrillExportQuery = DrillQuery.omit({ offset: true, limit: true }).extend({ format: z.enum(['xlsx', 'csv']) }).strict();
export type DrillExportQuery = z.input<typeof DrillExportQuery>;

export const SCHEDULE_KINDS = ['month', 'quarter', 'semester', 'year'] as const;

export const ScheduleBody = z.object({
  report: ReportKey,
  periodKind: z.enum(SCHEDULE_KINDS),
  format: ExportFormat,
  language: z.enum(['id', 'en']),
  recipientIds: z.array(z.uuid()).min(1).max(50).refine((ids) => new Set(ids).size === ids.length, 'a recipient is listed twice'),
}).strict();
export type ScheduleBody = z.infer<typeof ScheduleBody>;

export const Schedule = ScheduleBody.extend({
  id: z.uuid(),
  recipients: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() })),
  createdAt: z.string(),
  /** The next period's first working day, when it is mailed. */
  nextSendAt: z.string(),
  lastSentKey: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleList = z.object({
  /** The schedules of the reports the caller may read. */
  items: z.array(Schedule),
  /** Who may receive reports (each report only its REPORT_ROLES: the role says which), with their e-mail address. */
  recipients: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), role: Role })),
});
export type ScheduleList = z.infer<typeof ScheduleList>;

/** The file an export produced, for the desktop to save (bytes as base64: the IPC carries JSON). */
export const ExportFile = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
export type ExportFile = z.infer<typeof ExportFile>;
