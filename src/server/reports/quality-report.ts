// The quality report (docs/reports.md, "Quality report"): the lead console's evaluations
// (migration 020) by team and by agent — average standing score, fatal-item rate, disputes
// and re-scores — from report_quality_daily (migration 040). The fold rebuilds the
// submission days of the evaluations that changed since the last fold: submitted, re-scored
// or disputed (those tables are append-only, so a timestamp past the watermark, with a
// look-back for out-of-order commits, finds every change). Idempotent like the other folds.
import { COMPANY_UTC_OFFSET_MS, periodBounds, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn, type ReportRow, type ReportSection } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { foldNoted } from './noted-fold.js';
import { type ReportDefinition } from './registry.js';
import { dimensionLabels } from './service-report.js';

const OFFSET_INTERVAL = `${COMPANY_UTC_OFFSET_MS / 1000} seconds`;
/** An evaluation's local day of submission, the interval being parameter `p`. */
const localDay = (p: string) => `(o.submitted_at + ${p}::interval)::date`;

/** Rebuilds report_quality_daily for these local days of submission. */
export async function rebuildQualityDays(tx: Db, days: string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM report_quality_daily WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    `INSERT INTO report_quality_daily (day, team_id, agent_id, evaluations, score_sum, fatal, disputed, rescored, score_changed)
     SELECT ${localDay('$2')}, u.team_id, o.agent_id, count(*)::int,
            COALESCE(sum(COALESCE(r.score, o.score)), 0),
            count(*) FILTER (WHERE (COALESCE(r.result, o.result)->>'fatalFailed')::boolean)::int,
            count(d.evaluation_id)::int, count(r.id)::int, count(*) FILTER (WHERE r.score <> o.score)::int
       FROM quality_evaluations o
       LEFT JOIN quality_evaluations r ON r.rescore_of = o.id
       LEFT JOIN quality_disputes d ON d.evaluation_id = o.id
       LEFT JOIN users u ON u.id = o.agent_id
      WHERE o.rescore_of IS NULL AND ${localDay('$2')} = ANY($1::date[])
        AND o.submitted_at >= (SELECT min(x) FROM unnest($1::date[]) x)::timestamp - $2::interval - interval '1 day'
        AND o.submitted_at < (SELECT max(x) FROM unnest($1::date[]) x)::timestamp + interval '2 days'
      GROUP BY 1, 2, 3`,
    [days, OFFSET_INTERVAL]);
}

/** Folds the evaluations, re-scores and disputes noted since the last fold. Returns the days rebuilt. */
export async function foldQuality(db: Db, now: Date): Promise<number> {
  return foldNoted(db, 'quality', now, async (tx) => {
    const changed = await tx.query<{ day: string }>(
      `WITH taken AS (DELETE FROM report_quality_changes RETURNING evaluation_id)
       SELECT DISTINCT ${localDay('$1')}::text AS day FROM quality_evaluations o WHERE o.id IN (SELECT evaluation_id FROM taken)`,
      [OFFSET_INTERVAL]);
    await rebuildQualityDays(tx, changed.map((c) => c.day));
    return changed.length;
  });
}

export interface QualitySums { evaluations: number; scoreSum: number; fatal: number; disputed: number; rescored: number; scoreChanged: number }

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The quality figures of docs/reports.md from the sums. */
export function qualityFigures(s: QualitySums): Record<string, number | null> {
  return {
    evaluations: s.evaluations,
    avgScore: s.evaluations > 0 ? Math.round((s.scoreSum / s.evaluations) * 10) / 10 : null,
    fatalRate: pct(s.fatal, s.evaluations),
    disputed: s.disputed,
    disputeRate: pct(s.disputed, s.evaluations),
    rescored: s.rescored,
    scoreChanged: s.scoreChanged,
  };
}

export const QUALITY_COLUMNS: ReportColumn[] = [
  { key: 'evaluations', kind: 'count' }, { key: 'avgScore', kind: 'percent' }, { key: 'fatalRate', kind: 'percent' },
  { key: 'disputed', kind: 'count' }, { key: 'disputeRate', kind: 'percent' }, { key: 'rescored', kind: 'count' },
  { key: 'scoreChanged', kind: 'count' },
];

const DIMS = { qualityByTeam: { column: 'team_id', dim: 'byTeam' }, qualityByAgent: { column: 'agent_id', dim: 'byAgent' } } as const;
type QualityDim = keyof typeof DIMS;
const isQualityDim = (s: string): s is QualityDim => Object.hasOwn(DIMS, s);
const EMPTY: QualitySums = { evaluations: 0, scoreSum: 0, fatal: 0, disputed: 0, rescored: 0, scoreChanged: 0 };

/** Sums per team and per agent and the total over the period's days, in one scan (GROUPING SETS). */
async function qualitySums(db: Db, period: Period): Promise<Record<QualityDim | 'total', Map<string, QualitySums>>> {
  const rows = await db.query<{ team: string | null; agent: string | null; g_team: number; g_agent: number } & Record<string, string>>(
    `SELECT team_id::text AS team, agent_id::text AS agent, GROUPING(team_id) AS g_team, GROUPING(agent_id) AS g_agent,
            sum(evaluations) AS evaluations, sum(score_sum) AS score_sum, sum(fatal) AS fatal, sum(disputed) AS disputed,
            sum(rescored) AS rescored, sum(score_changed) AS score_changed
       FROM report_quality_daily WHERE day BETWEEN $1::date AND $2::date
      GROUP BY GROUPING SETS ((team_id), (agent_id), ())`, [period.from, period.to]);
  const out = { qualityByTeam: new Map<string, QualitySums>(), qualityByAgent: new Map<string, QualitySums>(), total: new Map<string, QualitySums>() };
  for (const r of rows) {
    const sums: QualitySums = {
      evaluations: Number(r.evaluations), scoreSum: Number(r.score_sum), fatal: Number(r.fatal), disputed: Number(r.disputed),
      rescored: Number(r.rescored), scoreChanged: Number(r.score_changed),
    };
    if (Number(r.g_team) === 0) out.qualityByTeam.set(r.team ?? '', sums);
    else if (Number(r.g_agent) === 0) out.qualityByAgent.set(r.agent ?? '', sums);
    else out.total.set('', sums);
  }
  return out;
}

type Sums = Awaited<ReturnType<typeof qualitySums>>;

async function dimSection(db: Db, id: QualityDim, now: Sums, then: Sums | null, language: ReportLanguage): Promise<ReportSection> {
  const keys = [...new Set([...now[id].keys(), ...(then?.[id].keys() ?? [])])];
  const names = await dimensionLabels(db, DIMS[id].dim, keys, language);
  const rows = keys.map((key): ReportRow => ({
    key, label: names.get(key) ?? key, values: qualityFigures(now[id].get(key) ?? EMPTY),
    ...(then ? { compare: qualityFigures(then[id].get(key) ?? EMPTY) } : {}), drill: true,
  }));
  rows.sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.label.localeCompare(b.label));
  const row = (s: Sums) => qualityFigures(s.total.get('') ?? EMPTY);
  return {
    id, columns: QUALITY_COLUMNS, rows, chart: 'avgScore',
    total: { key: '*', label: reportText(language, 'total'), values: row(now), ...(then ? { compare: row(then) } : {}), drill: false },
  };
}

const QUALITY_DRILL_COLUMNS: ReportColumn[] = [
  { key: 'at', kind: 'text' }, { key: 'agent', kind: 'text' }, { key: 'team', kind: 'text' }, { key: 'evaluator', kind: 'text' },
  { key: 'score', kind: 'percent' }, { key: 'fatal', kind: 'text' }, { key: 'dispute', kind: 'text' },
];

interface QualityDrillRow { id: string; submitted_at: Date; agent: string; team: string | null; evaluator: string; score: string; fatal: boolean; disputed: boolean; rescored: boolean }

/** The original evaluations behind a row: its team or agent in the period, within the caller's agents. */
function drillWhere(id: QualityDim): string {
  const column = id === 'qualityByTeam' ? 'u.team_id' : 'o.agent_id';
  return `o.rescore_of IS NULL AND o.submitted_at >= $1 AND o.submitted_at < $2 AND COALESCE(${column}::text, '') = $3
          AND ($4::uuid[] IS NULL OR o.agent_id = ANY($4::uuid[]))`;
}

const DRILL_SELECT = `SELECT o.id, o.submitted_at, u.display_name AS agent, tm.name AS team, ev.display_name AS evaluator,
       COALESCE(r.score, o.score) AS score, (COALESCE(r.result, o.result)->>'fatalFailed')::boolean AS fatal,
       d.evaluation_id IS NOT NULL AS disputed, r.id IS NOT NULL AS rescored
  FROM quality_evaluations o
  JOIN users u ON u.id = o.agent_id
  JOIN users ev ON ev.id = o.evaluator_id
  LEFT JOIN teams tm ON tm.id = u.team_id
  LEFT JOIN quality_evaluations r ON r.rescore_of = o.id
  LEFT JOIN quality_disputes d ON d.evaluation_id = o.id`;

function cells(r: QualityDrillRow, language: ReportLanguage): Record<string, string | number | null> {
  const t = (k: string) => reportText(language, k);
  return {
    at: new Date(r.submitted_at).toISOString(), agent: r.agent, team: r.team, evaluator: r.evaluator, score: Number(r.score),
    fatal: t(r.fatal ? 'yes' : 'no'), dispute: t(r.rescored ? 'dispute.rescored' : r.disputed ? 'dispute.open' : 'dispute.none'),
  };
}

function drillInput(period: Period, section: string): { where: string; bounds: [Date, Date] } {
  if (!isQualityDim(section)) throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`);
  const { start, end } = periodBounds(period);
  return { where: drillWhere(section), bounds: [start, end] };
}

export const qualityReport: ReportDefinition = {
  async catchUp(db, now) { await foldQuality(db, now); },
  async sections(db, { period, compare, language }) {
    const [now, then] = await Promise.all([qualitySums(db, period), compare ? qualitySums(db, compare) : null]);
    return [await dimSection(db, 'qualityByTeam', now, then, language), await dimSection(db, 'qualityByAgent', now, then, language)];
  },
  async drill(db, { period, section, key, scope, language }, page): Promise<DrillPage> {
    const { where, bounds } = drillInput(period, section);
    const params = [...bounds, key, scope];
    const [n] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM quality_evaluations o JOIN users u ON u.id = o.agent_id WHERE ${where}`, params);
    const rows = await db.query<QualityDrillRow>(`${DRILL_SELECT} WHERE ${where} ORDER BY o.submitted_at, o.id OFFSET $5 LIMIT $6`,
      [...params, page.offset, page.limit]);
    return { columns: QUALITY_DRILL_COLUMNS, rows: rows.map((r) => cells(r, language)), total: Number(n?.n ?? 0) };
  },
  async *drillAll(db, { period, section, key, scope, language }) {
    const { where, bounds } = drillInput(period, section);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: QualityDrillRow[] = await db.query<QualityDrillRow>(
        `${DRILL_SELECT} WHERE ${where} AND ($5::timestamptz IS NULL OR (o.submitted_at, o.id) > ($5::timestamptz, $6::uuid))
          ORDER BY o.submitted_at, o.id LIMIT 5000`, [...bounds, key, scope, after?.at ?? null, after?.id ?? null]);
      if (rows.length > 0) yield rows.map((r) => cells(r, language));
      const last = rows.at(-1);
      if (!last || rows.length < 5000) return;
      after = { at: last.submitted_at, id: last.id };
    }
  },
  drillColumns: () => QUALITY_DRILL_COLUMNS,
};
