// The report registry: one entry per report of REPORT_KEYS. An entry brings its rollups up to
// date (catchUp, before serving, so figures are current), builds its sections for a period
// (and the comparison period), and lists the records behind a row. The screen, the exports
// and the schedules only know this interface — a sales report, once its tables exist, is one
// more entry here and one more key in src/shared/reports.ts.
import { type Period } from '../../shared/report-periods.js';
import { type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportKey, type ReportSection } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { loadSla } from '../messaging/inbound.js';
import { foldServiceEvents } from './service-rollup.js';
import {
  CALLBACK_COLUMNS, callbackFigures, EMAIL_COLUMNS, emailFigures, isServiceDimension, SERVICE_COLUMNS, SERVICE_DIMENSIONS,
  SERVICE_DRILL_COLUMNS, serviceDrill, serviceDrillAll, serviceRows, serviceSums,
} from './service-report.js';
import { complaintsReport } from './complaints-report.js';
import { qualityReport } from './quality-report.js';
import { customersReport } from './customers-report.js';
import { postSalesReport } from './postsales-report.js';
import { salesReport } from './sales-report.js';

export interface ReportInput { period: Period; compare: Period | null; language: ReportLanguage; now: Date }
/** `now`: the server's clock (a running period's "today"). */
export interface DrillInput { period: Period; section: string; key: string; scope: string[] | null; language: ReportLanguage; now: Date }

export interface ReportDefinition {
  catchUp(db: Db, now: Date): Promise<void>;
  sections(db: Db, input: ReportInput): Promise<ReportSection[]>;
  drill(db: Db, input: DrillInput, page: { offset: number; limit: number }): Promise<DrillPage>;
  drillAll(db: Db, input: DrillInput): AsyncGenerator<Record<string, string | number | null>[]>;
  drillColumns(section: string): DrillPage['columns'];
}

const noDrill = (section: string): never => { throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`); };

const service: ReportDefinition = {
  async catchUp(db, now) { await foldServiceEvents(db, now); },
  async sections(db, { period, compare, language, now }) {
    const out: ReportSection[] = [];
    const [sums, sumsThen] = await Promise.all([serviceSums(db, period), compare ? serviceSums(db, compare) : null]);
    for (const dim of Object.keys(SERVICE_DIMENSIONS) as (keyof typeof SERVICE_DIMENSIONS)[]) {
      const { rows, total } = await serviceRows(db, sums, sumsThen, dim, language);
      out.push({ id: dim, columns: SERVICE_COLUMNS, rows, total, chart: 'aht' });
    }
    const sla = await loadSla(db);
    const email = await emailFigures(db, period, now);
    const emailThen = compare ? await emailFigures(db, compare, now) : null;
    out.push({
      id: 'email', columns: EMAIL_COLUMNS(sla.targetRatio), chart: null, total: null,
      rows: [{ key: '*', label: '', values: email, ...(emailThen ? { compare: emailThen } : {}), drill: false }],
    });
    const callbacks = await callbackFigures(db, period, now);
    const callbacksThen = compare ? await callbackFigures(db, compare, now) : null;
    out.push({
      id: 'callbacks', columns: CALLBACK_COLUMNS, chart: null, total: null,
      rows: [{ key: '*', label: '', values: callbacks, ...(callbacksThen ? { compare: callbacksThen } : {}), drill: false }],
    });
    return out;
  },
  async drill(db, { period, section, key, scope, language }, page) {
    if (!isServiceDimension(section)) return noDrill(section);
    return serviceDrill(db, period, section, key, scope, page, language);
  },
  drillAll(db, { period, section, key, scope, language }) {
    if (!isServiceDimension(section)) return noDrill(section);
    return serviceDrillAll(db, period, section, key, scope, language);
  },
  drillColumns(section) {
    if (!isServiceDimension(section)) return noDrill(section);
    return SERVICE_DRILL_COLUMNS;
  },
};

export const REPORTS: Record<ReportKey, ReportDefinition> = {
  service,
  complaints: complaintsReport,
  quality: qualityReport,
  customers: customersReport,
  postSales: postSalesReport,
  sales: salesReport,
};
