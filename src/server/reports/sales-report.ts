// The sales report (docs/reports.md, "Sales report"): the open pipeline by stage and owner at
// the period's end, won contracts against target by team and owner, visits planned against
// realised, and the prospecting and cost budgets against spend — from report_sales_daily and
// report_sales_pipeline (migration 044, sales-rollup.ts) and the budgets and targets
// themselves (sales_budgets: a row per holder and month or quarter, small enough to read).
// The records behind a row: sales-drill.ts.
import { localDay, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type ReportColumn, type ReportRow, type ReportSection } from '../../shared/reports.js';
import { type Db } from '../db/db.js';
import { type ReportDefinition } from './registry.js';
import { dimensionLabels } from './service-report.js';
import { foldSales } from './sales-rollup.js';
import { salesDrill, salesDrillAll, salesDrillColumns } from './sales-drill.js';

type Figures = Record<string, number | null>;
const pct = (part: number, whole: number | null): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

// Column keys carry a `sales` prefix: the words (report-text.ts) are one dictionary shared by every report.
const PIPELINE_COLUMNS: ReportColumn[] = [
  { key: 'salesOpen', kind: 'count' }, { key: 'salesValue', kind: 'idr' }, { key: 'salesWeighted', kind: 'idr' },
];
const WON_COLUMNS: ReportColumn[] = [
  { key: 'salesWon', kind: 'count' }, { key: 'salesWonValue', kind: 'idr' }, { key: 'salesTarget', kind: 'idr' },
  { key: 'salesTargetPct', kind: 'percent', target: { value: 100, better: 'above' } },
  { key: 'salesLost', kind: 'count' }, { key: 'salesWinRate', kind: 'percent' },
];
const VISIT_COLUMNS: ReportColumn[] = [
  { key: 'salesVisitsPlanned', kind: 'count' }, { key: 'salesVisitsRealised', kind: 'count' }, { key: 'salesRealisationPct', kind: 'percent' },
];
const BUDGET_COLUMNS: ReportColumn[] = [
  { key: 'salesProspectingBudget', kind: 'idr' }, { key: 'salesProspectingSpent', kind: 'idr' }, { key: 'salesProspectingPct', kind: 'percent' },
  { key: 'salesCostBudget', kind: 'idr' }, { key: 'salesCostSpent', kind: 'idr' }, { key: 'salesCostPct', kind: 'percent' },
];

interface PipelineSums { open: number; value: number; weighted: number }
interface DailySums { won: number; wonValue: number; lost: number; planned: number; realised: number; prospecting: number; cost: number }
/** A holder's targets and budgets for the period (null: none set). */
interface Plan { target: number | null; prospecting: number | null; cost: number | null }

const pipelineFigures = (s: PipelineSums): Figures => ({ salesOpen: s.open, salesValue: s.value, salesWeighted: Math.round(s.weighted) });
const wonFigures = (s: DailySums, p: Plan): Figures => ({
  salesWon: s.won, salesWonValue: s.wonValue, salesTarget: p.target, salesTargetPct: pct(s.wonValue, p.target),
  salesLost: s.lost, salesWinRate: pct(s.won, s.won + s.lost),
});
const visitFigures = (s: DailySums): Figures => ({
  salesVisitsPlanned: s.planned, salesVisitsRealised: s.realised, salesRealisationPct: pct(s.realised, s.planned),
});
const budgetFigures = (s: DailySums, p: Plan): Figures => ({
  salesProspectingBudget: p.prospecting, salesProspectingSpent: s.prospecting, salesProspectingPct: pct(s.prospecting, p.prospecting),
  salesCostBudget: p.cost, salesCostSpent: s.cost, salesCostPct: pct(s.cost, p.cost),
});

const EMPTY_DAILY: DailySums = { won: 0, wonValue: 0, lost: 0, planned: 0, realised: 0, prospecting: 0, cost: 0 };
const EMPTY_PIPELINE: PipelineSums = { open: 0, value: 0, weighted: 0 };
const NO_PLAN: Plan = { target: null, prospecting: null, cost: null };

type Grouped<T> = { team: Map<string, T>; owner: Map<string, T>; total: T };

/** Won, lost, visits and spend per team, per owner and in total over the period's days (one scan, GROUPING SETS). */
async function dailySums(db: Db, period: Period): Promise<Grouped<DailySums>> {
  const rows = await db.query<{ team: string | null; owner: string | null; g_team: number; g_owner: number } & Record<string, string>>(
    `SELECT team_id::text AS team, owner_id::text AS owner, GROUPING(team_id) AS g_team, GROUPING(owner_id) AS g_owner,
            sum(won) AS won, sum(won_value) AS won_value, sum(lost) AS lost, sum(visits_planned) AS planned,
            sum(visits_realised) AS realised, sum(prospecting_spent) AS prospecting, sum(cost_spent) AS cost
       FROM report_sales_daily WHERE day BETWEEN $1::date AND $2::date
      GROUP BY GROUPING SETS ((team_id), (owner_id), ())`, [period.from, period.to]);
  const out: Grouped<DailySums> = { team: new Map(), owner: new Map(), total: EMPTY_DAILY };
  for (const r of rows) {
    const s: DailySums = {
      won: Number(r.won), wonValue: Number(r.won_value), lost: Number(r.lost), planned: Number(r.planned),
      realised: Number(r.realised), prospecting: Number(r.prospecting), cost: Number(r.cost),
    };
    if (Number(r.g_team) === 0) out.team.set(r.team ?? '', s);
    else if (Number(r.g_owner) === 0) out.owner.set(r.owner ?? '', s);
    else out.total = s;
  }
  return out;
}

/** The open pipeline on the period's last day that has one (today's for a running period). */
async function pipelineSums(db: Db, period: Period): Promise<{ stage: Map<string, PipelineSums>; owner: Map<string, PipelineSums>; total: PipelineSums }> {
  const rows = await db.query<{ stage: string | null; owner: string | null; g_stage: number; g_owner: number; open: string; value: string; weighted: number }>(
    `SELECT stage_code AS stage, owner_id::text AS owner, GROUPING(stage_code) AS g_stage, GROUPING(owner_id) AS g_owner,
            sum(open) AS open, sum(value_idr) AS value, sum(weighted_idr) AS weighted
       FROM report_sales_pipeline WHERE day = (SELECT max(day) FROM report_sales_pipeline WHERE day <= $1::date)
      GROUP BY GROUPING SETS ((stage_code), (owner_id), ())`, [period.to]);
  const out = { stage: new Map<string, PipelineSums>(), owner: new Map<string, PipelineSums>(), total: EMPTY_PIPELINE };
  for (const r of rows) {
    const s: PipelineSums = { open: Number(r.open), value: Number(r.value), weighted: Number(r.weighted) };
    if (Number(r.g_stage) === 0) out.stage.set(r.stage ?? '', s);
    else if (Number(r.g_owner) === 0) out.owner.set(r.owner ?? '', s);
    else out.total = s;
  }
  return out;
}

/**
 * Each holder's targets and budgets for the period: those whose month or quarter lies inside
 * it; a monthly one is left out when the holder's quarter holding that month also has one
 * of the kind (the quarter's covers it — no double count). A month report reads monthly ones only.
 */
async function plans(db: Db, period: Period): Promise<{ team: Map<string, Plan>; owner: Map<string, Plan> }> {
  const inside = (b: string) => `${b}.period_start >= $1::date
    AND (${b}.period_start + CASE WHEN ${b}.period_kind = 'month' THEN interval '1 month' ELSE interval '3 months' END)::date <= $2::date + 1`;
  const rows = await db.query<{ kind: keyof Plan; team: string | null; owner: string | null; amount: string }>(
    `SELECT b.kind, b.team_id::text AS team, b.user_id::text AS owner, sum(b.amount_idr) AS amount FROM sales_budgets b
      WHERE ${inside('b')} AND NOT (b.period_kind = 'month' AND EXISTS (
        SELECT 1 FROM sales_budgets q WHERE q.period_kind = 'quarter' AND q.kind = b.kind
           AND q.period_start = date_trunc('quarter', b.period_start::timestamp)::date AND ${inside('q')}
           AND q.team_id IS NOT DISTINCT FROM b.team_id AND q.user_id IS NOT DISTINCT FROM b.user_id))
      GROUP BY 1, 2, 3`, [period.from, period.to]);
  const out = { team: new Map<string, Plan>(), owner: new Map<string, Plan>() };
  for (const r of rows) {
    const [map, key] = r.team !== null ? [out.team, r.team] : [out.owner, r.owner ?? ''];
    map.set(key, { ...(map.get(key) ?? NO_PLAN), [r.kind]: Number(r.amount) });
  }
  return out;
}

/** Σ of the holders' plans (null where none is set): the total row's target or budget. */
function planTotal(m: Map<string, Plan>): Plan {
  const sum = (k: keyof Plan) => [...m.values()].reduce<number | null>((n, p) => (p[k] === null ? n : (n ?? 0) + p[k]), null);
  return { target: sum('target'), prospecting: sum('prospecting'), cost: sum('cost') };
}

interface Measured { daily: Grouped<DailySums>; pipeline: Awaited<ReturnType<typeof pipelineSums>>; plans: Awaited<ReturnType<typeof plans>> }

async function measure(db: Db, period: Period): Promise<Measured> {
  const [daily, pipeline, plan] = await Promise.all([dailySums(db, period), pipelineSums(db, period), plans(db, period)]);
  return { daily, pipeline, plans: plan };
}

async function stageLabels(db: Db, language: ReportLanguage): Promise<{ code: string; label: string; open: boolean }[]> {
  const rows = await db.query<{ code: string; label_id: string; label_en: string; kind: string; active: boolean }>(
    'SELECT code, label_id, label_en, kind, active FROM opportunity_stages ORDER BY position, code');
  return rows.map((r) => ({ code: r.code, label: language === 'id' ? r.label_id : r.label_en, open: r.kind === 'open' && r.active }));
}

interface Build {
  id: string; columns: ReportColumn[]; chart: string; language: ReportLanguage; drill: boolean;
  keys: string[]; labels: Map<string, string>; order?: string[];
  values: (m: Measured, key: string) => Figures; total: (m: Measured) => Figures;
}

function build(now: Measured, then: Measured | null, b: Build): ReportSection {
  const rows = b.keys.map((key): ReportRow => ({
    key, label: b.labels.get(key) ?? key, values: b.values(now, key), ...(then ? { compare: b.values(then, key) } : {}), drill: b.drill,
  }));
  if (b.order) rows.sort((x, y) => (b.order ?? []).indexOf(x.key) - (b.order ?? []).indexOf(y.key));
  else rows.sort((x, y) => (x.key === '' ? 1 : 0) - (y.key === '' ? 1 : 0) || x.label.localeCompare(y.label));
  return {
    id: b.id, columns: b.columns, rows, chart: b.chart,
    total: { key: '*', label: reportText(b.language, 'total'), values: b.total(now), ...(then ? { compare: b.total(then) } : {}), drill: false },
  };
}

const union = (...maps: (Map<string, unknown> | undefined)[]) => [...new Set(maps.flatMap((m) => [...(m?.keys() ?? [])]))];

export const salesReport: ReportDefinition = {
  async catchUp(db, now) { await foldSales(db, now); },
  async sections(db, { period, compare, language, now }) {
    const [m, c] = await Promise.all([measure(db, period), compare ? measure(db, compare) : null]);
    const teamKeys = union(m.daily.team, m.plans.team, c?.daily.team, c?.plans.team);
    const ownerKeys = union(m.daily.owner, m.plans.owner, m.pipeline.owner, c?.daily.owner, c?.plans.owner, c?.pipeline.owner);
    const [teams, owners, stages] = await Promise.all([
      dimensionLabels(db, 'byTeam', teamKeys, language), dimensionLabels(db, 'byAgent', ownerKeys, language), stageLabels(db, language)]);
    // The records behind the pipeline are today's open opportunities: listable for a running period only.
    const running = period.to >= localDay(now);
    const stageKeys = [...new Set([...stages.filter((s) => s.open).map((s) => s.code), ...m.pipeline.stage.keys(), ...(c?.pipeline.stage.keys() ?? [])])];
    const common = { language };
    const wonKeys = (g: 'team' | 'owner', x: Measured) => [...x.daily[g]].filter(([, s]) => s.won + s.lost > 0).map(([k]) => k)
      .concat([...x.plans[g]].filter(([, p]) => p.target !== null).map(([k]) => k));
    const visitKeys = (x: Measured) => [...x.daily.owner].filter(([, s]) => s.planned > 0).map(([k]) => k);
    const budgetKeys = (g: 'team' | 'owner', x: Measured) => [...x.daily[g]].filter(([, s]) => s.prospecting + s.cost > 0).map(([k]) => k)
      .concat([...x.plans[g]].filter(([, p]) => p.prospecting !== null || p.cost !== null).map(([k]) => k));
    const both = (f: (x: Measured) => string[]) => [...new Set([...f(m), ...(c ? f(c) : [])])];
    return [
      build(m, c, {
        ...common, id: 'salesPipelineByStage', columns: PIPELINE_COLUMNS, chart: 'salesValue', drill: running,
        keys: stageKeys, labels: new Map(stages.map((s) => [s.code, s.label])), order: stages.map((s) => s.code),
        values: (x, k) => pipelineFigures(x.pipeline.stage.get(k) ?? EMPTY_PIPELINE), total: (x) => pipelineFigures(x.pipeline.total),
      }),
      build(m, c, {
        ...common, id: 'salesPipelineByOwner', columns: PIPELINE_COLUMNS, chart: 'salesValue', drill: running,
        keys: both((x) => [...x.pipeline.owner.keys()]), labels: owners,
        values: (x, k) => pipelineFigures(x.pipeline.owner.get(k) ?? EMPTY_PIPELINE), total: (x) => pipelineFigures(x.pipeline.total),
      }),
      ...(['team', 'owner'] as const).map((g) => build(m, c, {
        ...common, id: g === 'team' ? 'salesWonByTeam' : 'salesWonByOwner', columns: WON_COLUMNS, chart: 'salesWonValue', drill: true,
        keys: both((x) => wonKeys(g, x)), labels: g === 'team' ? teams : owners,
        values: (x, k) => wonFigures(x.daily[g].get(k) ?? EMPTY_DAILY, x.plans[g].get(k) ?? NO_PLAN),
        total: (x) => wonFigures(x.daily.total, planTotal(x.plans[g])),
      })),
      build(m, c, {
        ...common, id: 'salesVisitsByOwner', columns: VISIT_COLUMNS, chart: 'salesRealisationPct', drill: true,
        keys: both(visitKeys), labels: owners,
        values: (x, k) => visitFigures(x.daily.owner.get(k) ?? EMPTY_DAILY), total: (x) => visitFigures(x.daily.total),
      }),
      ...(['team', 'owner'] as const).map((g) => build(m, c, {
        ...common, id: g === 'team' ? 'salesBudgetsByTeam' : 'salesBudgetsByOwner', columns: BUDGET_COLUMNS, chart: 'salesCostPct', drill: true,
        keys: both((x) => budgetKeys(g, x)), labels: g === 'team' ? teams : owners,
        values: (x, k) => budgetFigures(x.daily[g].get(k) ?? EMPTY_DAILY, x.plans[g].get(k) ?? NO_PLAN),
        total: (x) => budgetFigures(x.daily.total, planTotal(x.plans[g])),
      })),
    ];
  },
  drill: salesDrill,
  drillAll: salesDrillAll,
  drillColumns: salesDrillColumns,
};
