// The complaints report (docs/reports.md, "Complaints report"): cases filed in the period by
// category and by source channel — SLA met (resolved by the due time fixed at filing),
// average resolution time, reopen rate — from report_cases_daily, and the customers who
// complained most often (the IVR's "how often they complain"). The fold rebuilds the filing
// days of the cases changed since the watermark (cases.version, plus a look-back on
// updated_at because a version can commit out of order), idempotent like the service fold.
import { COMPANY_UTC_OFFSET_MS, periodBounds, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn, type ReportRow, type ReportSection } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { type ReportDefinition } from './registry.js';

const LOOKBACK_MS = 10 * 60_000;
const OFFSET_INTERVAL = `${COMPANY_UTC_OFFSET_MS / 1000} seconds`;

/** Rebuilds report_cases_daily for these local filing days from the cases table. */
export async function rebuildCaseDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_cases_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_cases_daily (day, category, channel, tier, filed, resolved, sla_met, resolution_hours, reopened)
     SELECT (k.opened_at + $2::interval)::date, k.category, k.source_channel, COALESCE(c.tier, ''),
            count(*)::int, count(k.resolved_at)::int,
            count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND k.resolved_at <= k.sla_due_at)::int,
            COALESCE(sum(EXTRACT(EPOCH FROM (k.resolved_at - k.opened_at)) / 3600) FILTER (WHERE k.resolved_at IS NOT NULL), 0),
            count(*) FILTER (WHERE k.reopened_count > 0)::int
       FROM cases k LEFT JOIN customers c ON c.id = k.customer_id
      WHERE (k.opened_at + $2::interval)::date = ANY($1::date[])
        AND k.opened_at >= (SELECT min(d) FROM unnest($1::date[]) d)::timestamp - $2::interval - interval '1 day'
        AND k.opened_at < (SELECT max(d) FROM unnest($1::date[]) d)::timestamp + interval '2 days'
      GROUP BY 1, 2, 3, 4`,
    [days, OFFSET_INTERVAL]);
}

export async function foldCases(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [mark] = await tx.query<{ last_id: string }>("SELECT last_id FROM report_watermarks WHERE source = 'cases' FOR UPDATE");
    const lastId = Number(mark?.last_id ?? 0);
    const changed = await tx.query<{ day: string; version: string }>(
      `SELECT DISTINCT (opened_at + $3::interval)::date::text AS day, max(version) OVER () AS version
         FROM cases WHERE version > $1 OR updated_at >= $2`,
      [lastId, new Date(now.getTime() - LOOKBACK_MS), OFFSET_INTERVAL]);
    await rebuildCaseDays(tx, [...new Set(changed.map((c) => c.day))]);
    const top = Math.max(lastId, ...changed.map((c) => Number(c.version)));
    await tx.query("UPDATE report_watermarks SET last_id = $1, folded_at = $2 WHERE source = 'cases'", [top, now]);
    return changed.length;
  });
}

interface CaseSums { filed: number; resolved: number; slaMet: number; resolutionHours: number; reopened: number }

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The complaints figures from the sums: SLA met and reopen rate of the resolved ones, mean resolution hours. */
export function caseFigures(s: CaseSums): Record<string, number | null> {
  return {
    filed: s.filed, resolved: s.resolved, slaMet: pct(s.slaMet, s.resolved),
    resolutionHours: s.resolved > 0 ? Math.round((s.resolutionHours / s.resolved) * 10) / 10 : null,
    reopenRate: pct(s.reopened, s.resolved),
  };
}

export const CASE_COLUMNS: ReportColumn[] = [
  { key: 'filed', kind: 'count' }, { key: 'resolved', kind: 'count' }, { key: 'slaMet', kind: 'percent' },
  { key: 'resolutionHours', kind: 'hours' }, { key: 'reopenRate', kind: 'percent' },
];

const DIMS = { byCategory: 'category', byChannel: 'channel' } as const;
type CaseDim = keyof typeof DIMS;

async function caseSums(db: Db, period: Period, column: string | null): Promise<Map<string, CaseSums>> {
  const rows = await db.query<{ key: string; filed: string; resolved: string; sla_met: string; resolution_hours: number; reopened: string }>(
    `SELECT ${column ?? "''"} AS key, sum(filed) AS filed, sum(resolved) AS resolved, sum(sla_met) AS sla_met,
            sum(resolution_hours) AS resolution_hours, sum(reopened) AS reopened
       FROM report_cases_daily WHERE day BETWEEN $1::date AND $2::date GROUP BY 1`, [period.from, period.to]);
  return new Map(rows.map((r) => [r.key, {
    filed: Number(r.filed), resolved: Number(r.resolved), slaMet: Number(r.sla_met), resolutionHours: Number(r.resolution_hours), reopened: Number(r.reopened),
  }]));
}

const EMPTY: CaseSums = { filed: 0, resolved: 0, slaMet: 0, resolutionHours: 0, reopened: 0 };

async function dimSection(db: Db, dim: CaseDim, period: Period, compare: Period | null, language: ReportLanguage): Promise<ReportSection> {
  const [now, then, total, totalThen] = await Promise.all([
    caseSums(db, period, DIMS[dim]), compare ? caseSums(db, compare, DIMS[dim]) : null,
    caseSums(db, period, null), compare ? caseSums(db, compare, null) : null,
  ]);
  const keys = [...new Set([...now.keys(), ...(then?.keys() ?? [])])].sort();
  const rows = keys.map((key): ReportRow => ({
    key, label: reportText(language, `${dim === 'byCategory' ? 'category' : 'channel'}.${key}`), values: caseFigures(now.get(key) ?? EMPTY),
    ...(then ? { compare: caseFigures(then.get(key) ?? EMPTY) } : {}), drill: true,
  }));
  return {
    id: dim, columns: CASE_COLUMNS, rows, chart: 'filed',
    total: {
      key: '*', label: reportText(language, 'total'), values: caseFigures(total.get('') ?? EMPTY),
      ...(totalThen ? { compare: caseFigures(totalThen.get('') ?? EMPTY) } : {}), drill: false,
    },
  };
}

/** Customers with the most complaints filed in the period (two or more), most first, ten at most. */
async function repeatSection(db: Db, period: Period): Promise<ReportSection> {
  const { start, end } = periodBounds(period);
  const rows = await db.query<{ id: string; name: string; n: string }>(
    `SELECT c.id, c.full_name AS name, x.n FROM (
       SELECT customer_id, count(*) AS n FROM cases
        WHERE category = 'complaint' AND opened_at >= $1 AND opened_at < $2
        GROUP BY customer_id HAVING count(*) >= 2 ORDER BY count(*) DESC, customer_id LIMIT 10) x
     JOIN customers c ON c.id = x.customer_id ORDER BY x.n DESC, c.full_name`, [start, end]);
  return {
    id: 'repeat', columns: [{ key: 'cases', kind: 'count' }], chart: null, total: null,
    rows: rows.map((r) => ({ key: r.id, label: r.name, values: { cases: Number(r.n) }, drill: true })),
  };
}

const CASE_DRILL_COLUMNS: ReportColumn[] = [
  { key: 'caseNo', kind: 'text' }, { key: 'at', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'category', kind: 'text' },
  { key: 'channel', kind: 'text' }, { key: 'status', kind: 'text' }, { key: 'resolutionHours', kind: 'hours' },
];

function caseDrillWhere(section: string): string {
  if (section === 'byCategory') return 'k.category = $3';
  if (section === 'byChannel') return 'k.source_channel = $3';
  if (section === 'repeat') return "k.customer_id::text = $3 AND k.category = 'complaint'";
  throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`);
}

interface CaseDrillRow { case_no: string; opened_at: Date; name: string; category: string; source_channel: string; status: string; hours: number | null; id: string }

const cells = (r: CaseDrillRow) => ({
  caseNo: r.case_no, at: new Date(r.opened_at).toISOString(), customer: r.name, category: r.category, channel: r.source_channel,
  status: r.status, resolutionHours: r.hours === null ? null : Math.round(r.hours * 10) / 10,
});

const CASE_DRILL_SELECT = `SELECT k.id, k.case_no, k.opened_at, c.full_name AS name, k.category, k.source_channel, k.status,
       EXTRACT(EPOCH FROM (k.resolved_at - k.opened_at)) / 3600 AS hours
  FROM cases k JOIN customers c ON c.id = k.customer_id`;

export const complaintsReport: ReportDefinition = {
  async catchUp(db, now) { await foldCases(db, now); },
  async sections(db, { period, compare, language }) {
    return [
      await dimSection(db, 'byCategory', period, compare, language),
      await dimSection(db, 'byChannel', period, compare, language),
      await repeatSection(db, period),
    ];
  },
  async drill(db, { period, section, key }, page): Promise<DrillPage> {
    const { start, end } = periodBounds(period);
    const where = `${caseDrillWhere(section)} AND k.opened_at >= $1 AND k.opened_at < $2`;
    const [n] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM cases k WHERE ${where}`, [start, end, key]);
    const rows = await db.query<CaseDrillRow>(`${CASE_DRILL_SELECT} WHERE ${where} ORDER BY k.opened_at, k.id OFFSET $4 LIMIT $5`,
      [start, end, key, page.offset, page.limit]);
    return { columns: CASE_DRILL_COLUMNS, rows: rows.map(cells), total: Number(n?.n ?? 0) };
  },
  async *drillAll(db, { period, section, key }) {
    const { start, end } = periodBounds(period);
    const where = `${caseDrillWhere(section)} AND k.opened_at >= $1 AND k.opened_at < $2`;
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: CaseDrillRow[] = await db.query<CaseDrillRow>(
        `${CASE_DRILL_SELECT} WHERE ${where} AND ($4::timestamptz IS NULL OR (k.opened_at, k.id) > ($4::timestamptz, $5::uuid))
          ORDER BY k.opened_at, k.id LIMIT 5000`, [start, end, key, after?.at ?? null, after?.id ?? null]);
      if (rows.length === 0) return;
      yield rows.map(cells);
      const last = rows[rows.length - 1];
      if (!last || rows.length < 5000) return;
      after = { at: last.opened_at, id: last.id };
    }
  },
  drillColumns: () => CASE_DRILL_COLUMNS,
};
