// The records behind a row of the sales report, within the caller's scope (the owners of the
// teams a sales manager leads; an admin everyone's): the open opportunities of a pipeline
// row, the opportunities closed won or lost of a won row, the visits of a visits row and the
// costs of a budgets row. One query shape per section; pages and the streamed export walk the
// same (time, id) order.
import { periodBounds, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db, type SqlParam } from '../db/db.js';
import { type DrillInput } from './registry.js';

type Cells = Record<string, string | number | null>;
type Row = Record<string, unknown> & { at: Date | string; id: string };

interface Spec {
  columns: ReportColumn[];
  /** FROM … with `owner` (the owner's column) and `team` (the owner's team) in reach. */
  from: string; owner: string; team: string; at: string; id: string; select: string;
  /** How `at` is read when not as is (a date as its text: drivers turn dates into local midnights). */
  atSelect?: string;
  /** The period's condition: $1, $2 are its bounds. */
  within: string;
  bounds(p: Period): [SqlParam, SqlParam];
  cells(r: Row, t: (k: string) => string, stageLabel: string): Cells;
}

const OPPORTUNITY_COLUMNS: ReportColumn[] = [
  { key: 'at', kind: 'text' }, { key: 'salesOpportunity', kind: 'text' }, { key: 'customer', kind: 'text' },
  { key: 'salesOwner', kind: 'text' }, { key: 'team', kind: 'text' }, { key: 'salesStage', kind: 'text' }, { key: 'salesValue', kind: 'idr' },
];
const OPPORTUNITY_FROM = `FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage_code JOIN users u ON u.id = o.owner_id
  LEFT JOIN teams tm ON tm.id = u.team_id JOIN customers c ON c.id = o.customer_id`;
const OPPORTUNITY_SELECT = `o.opportunity_no, o.title, c.full_name AS customer, u.display_name AS owner, tm.name AS team_name,
  s.label_en, s.label_id, o.value_idr`;
const timeBounds = (p: Period): [SqlParam, SqlParam] => { const { start, end } = periodBounds(p); return [start, end]; };
const opportunityCells = (r: Row, _t: (k: string) => string, stage: string): Cells => ({
  at: new Date(r.at).toISOString(), salesOpportunity: `${String(r.opportunity_no)} ${String(r.title)}`, customer: r.customer as string,
  salesOwner: r.owner as string, team: (r.team_name as string | null) ?? null, salesStage: stage, salesValue: Number(r.value_idr),
});

const pipeline = (owner: boolean): Spec => ({
  columns: OPPORTUNITY_COLUMNS, from: OPPORTUNITY_FROM, owner: 'o.owner_id', team: 'u.team_id', at: 'o.created_at', id: 'o.id',
  select: OPPORTUNITY_SELECT,
  // Open now and opened before the period's end: a running period's pipeline exactly (the screen offers it for those only).
  // The period's start ($1) is not needed but still typed: every section takes the same parameters.
  within: `s.kind = 'open' AND o.created_at < $2 AND $1::timestamptz IS NOT NULL${owner ? '' : ' AND o.stage_code = $3'}`,
  bounds: timeBounds, cells: opportunityCells,
});

const SPECS: Record<string, Spec & { key: 'team' | 'owner' | 'stage' }> = {
  salesPipelineByStage: { ...pipeline(false), key: 'stage' },
  salesPipelineByOwner: { ...pipeline(true), key: 'owner' },
  ...Object.fromEntries((['team', 'owner'] as const).map((key) => [key === 'team' ? 'salesWonByTeam' : 'salesWonByOwner', {
    columns: OPPORTUNITY_COLUMNS, from: OPPORTUNITY_FROM, owner: 'o.owner_id', team: 'u.team_id', at: 'o.closed_at', id: 'o.id',
    select: OPPORTUNITY_SELECT, within: `s.kind IN ('won', 'lost') AND o.closed_at >= $1 AND o.closed_at < $2`,
    bounds: timeBounds, cells: opportunityCells, key,
  }])),
  salesVisitsByOwner: {
    columns: [
      { key: 'at', kind: 'text' }, { key: 'salesOwner', kind: 'text' }, { key: 'customer', kind: 'text' },
      { key: 'salesPurpose', kind: 'text' }, { key: 'status', kind: 'text' }, { key: 'salesResult', kind: 'text' },
    ],
    from: 'FROM sales_visits v JOIN users u ON u.id = v.owner_id JOIN customers c ON c.id = v.customer_id',
    owner: 'v.owner_id', team: 'u.team_id', at: 'v.planned_start', id: 'v.id',
    select: 'u.display_name AS owner, c.full_name AS customer, v.purpose, v.status, v.result',
    within: "v.status <> 'cancelled' AND v.planned_start >= $1 AND v.planned_start < $2",
    bounds: timeBounds, key: 'owner',
    cells: (r, t) => ({
      at: new Date(r.at).toISOString(), salesOwner: r.owner as string, customer: r.customer as string, salesPurpose: r.purpose as string,
      status: t(`salesVisit.${String(r.status)}`), salesResult: r.result === null ? null : t(`salesVisitResult.${String(r.result)}`),
    }),
  },
  ...Object.fromEntries((['team', 'owner'] as const).map((key) => [key === 'team' ? 'salesBudgetsByTeam' : 'salesBudgetsByOwner', {
    columns: [
      { key: 'at', kind: 'text' }, { key: 'salesOwner', kind: 'text' }, { key: 'team', kind: 'text' }, { key: 'salesBudget', kind: 'text' },
      { key: 'category', kind: 'text' }, { key: 'salesAmount', kind: 'idr' }, { key: 'salesNote', kind: 'text' },
    ],
    from: 'FROM sales_costs k JOIN users u ON u.id = k.owner_id LEFT JOIN teams tm ON tm.id = u.team_id',
    owner: 'k.owner_id', team: 'u.team_id', at: 'k.spent_on', atSelect: 'k.spent_on::text', id: 'k.id',
    select: 'u.display_name AS owner, tm.name AS team_name, k.budget, k.category, k.amount_idr, k.note',
    within: 'k.spent_on BETWEEN $1::date AND $2::date',
    bounds: (p: Period): [SqlParam, SqlParam] => [p.from, p.to], key,
    cells: (r: Row, t: (k: string) => string): Cells => ({
      at: String(r.at), salesOwner: r.owner as string, team: (r.team_name as string | null) ?? null,
      salesBudget: t(`salesBudget.${String(r.budget)}`), category: t(`salesCost.${String(r.category)}`),
      salesAmount: Number(r.amount_idr), salesNote: r.note as string,
    }),
  }])),
};

function specOf(section: string): (typeof SPECS)[string] {
  const spec = Object.hasOwn(SPECS, section) ? SPECS[section] : undefined;
  if (!spec) throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`);
  return spec;
}

/** The section's WHERE: the period ($1, $2), the row's key ($3), the caller's owners ($4). */
function whereOf(spec: (typeof SPECS)[string]): string {
  const key = spec.key === 'team' ? `COALESCE(${spec.team}::text, '') = $3` : spec.key === 'owner' ? `${spec.owner}::text = $3` : '$3::text IS NOT NULL';
  return `${spec.within} AND ${key} AND ($4::uuid[] IS NULL OR ${spec.owner} = ANY($4::uuid[]))`;
}

function select(spec: (typeof SPECS)[string]): string {
  return `SELECT ${spec.atSelect ?? spec.at} AS at, ${spec.id} AS id, ${spec.select} ${spec.from}`;
}

function toCells(spec: (typeof SPECS)[string], language: ReportLanguage) {
  const t = (k: string) => reportText(language, k);
  return (r: Row): Cells => spec.cells(r, t, String((language === 'id' ? r.label_id : r.label_en) ?? ''));
}

export async function salesDrill(db: Db, { period, section, key, scope, language }: DrillInput, page: { offset: number; limit: number }): Promise<DrillPage> {
  const spec = specOf(section);
  const where = whereOf(spec);
  const params: SqlParam[] = [...spec.bounds(period), key, scope];
  const [n] = await db.query<{ n: string }>(`SELECT count(*) AS n ${spec.from} WHERE ${where}`, params);
  const rows = await db.query<Row>(`${select(spec)} WHERE ${where} ORDER BY ${spec.at}, ${spec.id} OFFSET $5 LIMIT $6`,
    [...params, page.offset, page.limit]);
  return { columns: spec.columns, rows: rows.map(toCells(spec, language)), total: Number(n?.n ?? 0) };
}

export async function* salesDrillAll(db: Db, { period, section, key, scope, language }: DrillInput): AsyncGenerator<Cells[]> {
  const spec = specOf(section);
  const where = whereOf(spec);
  const cells = toCells(spec, language);
  const cast = spec.at === 'k.spent_on' ? 'date' : 'timestamptz';
  let after: { at: Date | string; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await db.query<Row>(
      `${select(spec)} WHERE ${where} AND ($5::${cast} IS NULL OR (${spec.at}, ${spec.id}) > ($5::${cast}, $6::uuid))
        ORDER BY ${spec.at}, ${spec.id} LIMIT 5000`, [...spec.bounds(period), key, scope, after?.at ?? null, after?.id ?? null]);
    if (rows.length > 0) yield rows.map(cells);
    const last = rows.at(-1);
    if (!last || rows.length < 5000) return;
    after = { at: last.at, id: last.id };
  }
}

export const salesDrillColumns = (section: string): ReportColumn[] => specOf(section).columns;
