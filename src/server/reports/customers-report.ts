// The customers report (docs/reports.md, "Customers report"): the customer base by tier (at
// the period's start, new, won back, lost, moved between tiers, at its end), the lifecycle
// stage movement (from → to), and lifetime value by tier — all from the daily rollups of
// migration 042 (customers-rollup.ts), so a yearly report reads days × tiers rows, never the
// customers table. The drill-down lists the history events behind a row.
import { LIFECYCLE_STAGES, TIERS } from '../../shared/domain.js';
import { periodBounds, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn, type ReportRow, type ReportSection } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { foldCustomers } from './customers-rollup.js';
import { type ReportDefinition } from './registry.js';

type Figures = Record<string, number | null>;

interface TierSums { before: number; opening: number; new: number; regained: number; lost: number; movedIn: number; movedOut: number; paidToDate: number; paidInPeriod: number }

const EMPTY_TIER: TierSums = { before: 0, opening: 0, new: 0, regained: 0, lost: 0, movedIn: 0, movedOut: 0, paidToDate: 0, paidInPeriod: 0 };

/** Per tier: the base's flows before and in the period, and the payments to its end and in it. */
async function tierSums(db: Db, period: Period): Promise<Map<string, TierSums>> {
  const rows = await db.query<{ tier: string } & Record<string, string>>(
    `SELECT tier, sum(before) AS before, sum(opening) AS opening, sum(new) AS new, sum(regained) AS regained, sum(lost) AS lost,
            sum(moved_in) AS moved_in, sum(moved_out) AS moved_out, sum(paid_to_date) AS paid_to_date, sum(paid_in_period) AS paid_in_period
       FROM (SELECT tier, CASE WHEN day < $1::date THEN opening + new + regained - lost + moved_in - moved_out ELSE 0 END AS before,
                    CASE WHEN day >= $1::date THEN opening ELSE 0 END AS opening, CASE WHEN day >= $1::date THEN new ELSE 0 END AS new,
                    CASE WHEN day >= $1::date THEN regained ELSE 0 END AS regained, CASE WHEN day >= $1::date THEN lost ELSE 0 END AS lost,
                    CASE WHEN day >= $1::date THEN moved_in ELSE 0 END AS moved_in, CASE WHEN day >= $1::date THEN moved_out ELSE 0 END AS moved_out,
                    0::bigint AS paid_to_date, 0::bigint AS paid_in_period
               FROM report_customers_daily WHERE day <= $2::date
             UNION ALL
             SELECT tier, 0, 0, 0, 0, 0, 0, 0, paid_idr, CASE WHEN day >= $1::date THEN paid_idr ELSE 0 END
               FROM report_customers_paid_daily WHERE day <= $2::date) x
      GROUP BY tier`, [period.from, period.to]);
  const out = new Map<string, TierSums>();
  for (const r of rows) {
    out.set(r.tier, {
      before: Number(r.before), opening: Number(r.opening), new: Number(r.new), regained: Number(r.regained), lost: Number(r.lost),
      movedIn: Number(r.moved_in), movedOut: Number(r.moved_out), paidToDate: Number(r.paid_to_date), paidInPeriod: Number(r.paid_in_period),
    });
  }
  return out;
}

const atEnd = (s: TierSums) => s.before + s.opening + s.new + s.regained - s.lost + s.movedIn - s.movedOut;

function baseFigures(s: TierSums): Figures {
  const end = atEnd(s);
  return { atStart: s.before, new: s.new, regained: s.regained, lost: s.lost, movedIn: s.movedIn, movedOut: s.movedOut, atEnd: end, netChange: end - s.before };
}

function valueFigures(s: TierSums): Figures {
  const customers = atEnd(s);
  return { customers, paidToDate: s.paidToDate, avgLtv: customers > 0 ? Math.round(s.paidToDate / customers) : null, paidInPeriod: s.paidInPeriod };
}

function sumTiers(m: Map<string, TierSums>): TierSums {
  const total = { ...EMPTY_TIER };
  for (const s of m.values()) for (const k of Object.keys(total) as (keyof TierSums)[]) total[k] += s[k];
  return total;
}

const BASE_COLUMNS: ReportColumn[] = ['atStart', 'new', 'regained', 'lost', 'movedIn', 'movedOut', 'atEnd', 'netChange']
  .map((key) => ({ key, kind: 'count' }));
const VALUE_COLUMNS: ReportColumn[] = [
  { key: 'customers', kind: 'count' }, { key: 'paidToDate', kind: 'idr' }, { key: 'avgLtv', kind: 'idr' }, { key: 'paidInPeriod', kind: 'idr' },
];

function tierSection(id: 'customersByTier' | 'lifetimeValue', figures: (s: TierSums) => Figures, now: Map<string, TierSums>,
  then: Map<string, TierSums> | null, language: ReportLanguage): ReportSection {
  const drill = id === 'customersByTier';
  const rows = TIERS.map((tier): ReportRow => ({
    key: tier, label: reportText(language, `tier.${tier}`), values: figures(now.get(tier) ?? EMPTY_TIER),
    ...(then ? { compare: figures(then.get(tier) ?? EMPTY_TIER) } : {}), drill,
  }));
  return {
    id, columns: drill ? BASE_COLUMNS : VALUE_COLUMNS, rows, chart: drill ? 'atEnd' : 'avgLtv',
    total: { key: '*', label: reportText(language, 'total'), values: figures(sumTiers(now)), ...(then ? { compare: figures(sumTiers(then)) } : {}), drill: false },
  };
}

/** Moves from → to stage in the period ('' = new customers, by the stage they entered at). */
async function stageMoves(db: Db, period: Period): Promise<Map<string, Map<string, number>>> {
  const rows = await db.query<{ from_lifecycle: string; to_lifecycle: string; moves: string }>(
    `SELECT from_lifecycle, to_lifecycle, sum(moves) AS moves FROM report_customers_stage_daily
      WHERE day BETWEEN $1::date AND $2::date GROUP BY 1, 2`, [period.from, period.to]);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.from_lifecycle) ?? new Map<string, number>();
    m.set(r.to_lifecycle, Number(r.moves));
    out.set(r.from_lifecycle, m);
  }
  return out;
}

/** A stage's column key ("toLoyal"): the stage words are not column words (column.customer is a name). */
const toKey = (stage: string) => `to${stage[0]?.toUpperCase() ?? ''}${stage.slice(1)}`;
const STAGE_COLUMNS: ReportColumn[] = [...LIFECYCLE_STAGES.map((s) => ({ key: toKey(s), kind: 'count' as const })), { key: 'moved', kind: 'count' }];

function stageFigures(m: Map<string, number> | undefined): Figures {
  const out: Figures = {};
  let moved = 0;
  for (const s of LIFECYCLE_STAGES) { const n = m?.get(s) ?? 0; out[toKey(s)] = n; moved += n; }
  out.moved = moved;
  return out;
}

function stageSection(now: Map<string, Map<string, number>>, then: Map<string, Map<string, number>> | null, language: ReportLanguage): ReportSection {
  const rows = ['', ...LIFECYCLE_STAGES].map((from): ReportRow => ({
    key: from, label: reportText(language, `stage.${from || 'new'}`), values: stageFigures(now.get(from)),
    ...(then ? { compare: stageFigures(then.get(from)) } : {}), drill: true,
  }));
  const all = (x: Map<string, Map<string, number>>) => {
    const m = new Map<string, number>();
    for (const to of x.values()) for (const [k, n] of to) m.set(k, (m.get(k) ?? 0) + n);
    return m;
  };
  return {
    id: 'lifecycleMovement', columns: STAGE_COLUMNS, rows, chart: 'moved',
    total: { key: '*', label: reportText(language, 'total'), values: stageFigures(all(now)), ...(then ? { compare: stageFigures(all(then)) } : {}), drill: false },
  };
}

// The drill-down: the history events behind a row. Customer-level figures, not any user's
// work: the caller's scope (a list of agents) does not apply, so it is ignored.
const DRILL_COLUMNS: ReportColumn[] = [
  { key: 'at', kind: 'text' }, { key: 'customerNo', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'event', kind: 'text' },
  { key: 'fromTier', kind: 'text' }, { key: 'toTier', kind: 'text' }, { key: 'fromStage', kind: 'text' }, { key: 'toStage', kind: 'text' },
];

/** $1, $2 the period's bounds, $3 the row's key (a tier; a stage, '' = new customers). */
const DRILL_WHERE = {
  customersByTier: `e.at >= $1 AND e.at < $2 AND (
      (e.kind IN ('new', 'regained', 'lost', 'removed') AND e.to_tier = $3)
      OR (e.kind = 'changed' AND e.active AND e.from_tier <> e.to_tier AND $3 IN (e.from_tier, e.to_tier)))`,
  lifecycleMovement: `e.at >= $1 AND e.at < $2 AND (
      ($3 = '' AND e.kind = 'new') OR (e.kind = 'changed' AND e.from_lifecycle = $3 AND e.to_lifecycle <> e.from_lifecycle))`,
} as const;
type DrillSection = keyof typeof DRILL_WHERE;
const isDrillSection = (s: string): s is DrillSection => Object.hasOwn(DRILL_WHERE, s);

interface DrillRow { id: string; at: Date; kind: string; from_tier: string | null; to_tier: string; from_lifecycle: string | null; to_lifecycle: string; active: boolean; customer_no: string | null; full_name: string | null }

const DRILL_SELECT = `SELECT e.id::text, e.at, e.kind, e.from_tier, e.to_tier, e.from_lifecycle, e.to_lifecycle, e.active, c.customer_no, c.full_name
  FROM customer_lifecycle_events e LEFT JOIN customers c ON c.id = e.customer_id`;

function cells(r: DrillRow, section: DrillSection, key: string, language: ReportLanguage): Record<string, string | number | null> {
  const t = (k: string) => reportText(language, k);
  // On a tier's row a tier change is "moved in" or "moved out" of that tier.
  const event = r.kind === 'changed' ? (section === 'customersByTier' ? (r.to_tier === key ? 'movedIn' : 'movedOut') : 'changed') : r.kind;
  return {
    at: new Date(r.at).toISOString(), customerNo: r.customer_no, customer: r.full_name ?? t('customer.deleted'), event: t(`event.${event}`),
    fromTier: r.from_tier ? t(`tier.${r.from_tier}`) : null, toTier: t(`tier.${r.to_tier}`),
    fromStage: r.from_lifecycle ? t(`stage.${r.from_lifecycle}`) : null, toStage: t(`stage.${r.to_lifecycle}`),
  };
}

function drillInput(period: Period, section: string): { section: DrillSection; where: string; bounds: [Date, Date] } {
  if (!isDrillSection(section)) throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`);
  const { start, end } = periodBounds(period);
  return { section, where: DRILL_WHERE[section], bounds: [start, end] };
}

export const customersReport: ReportDefinition = {
  async catchUp(db, now) { await foldCustomers(db, now); },
  async sections(db, { period, compare, language }) {
    const [now, then, moves, movesThen] = await Promise.all([
      tierSums(db, period), compare ? tierSums(db, compare) : null, stageMoves(db, period), compare ? stageMoves(db, compare) : null,
    ]);
    return [
      tierSection('customersByTier', baseFigures, now, then, language),
      stageSection(moves, movesThen, language),
      tierSection('lifetimeValue', valueFigures, now, then, language),
    ];
  },
  async drill(db, { period, section, key, language }, page): Promise<DrillPage> {
    const d = drillInput(period, section);
    const params = [...d.bounds, key];
    const [n] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM customer_lifecycle_events e WHERE ${d.where}`, params);
    const rows = await db.query<DrillRow>(`${DRILL_SELECT} WHERE ${d.where} ORDER BY e.at, e.id OFFSET $4 LIMIT $5`,
      [...params, page.offset, page.limit]);
    return { columns: DRILL_COLUMNS, rows: rows.map((r) => cells(r, d.section, key, language)), total: Number(n?.n ?? 0) };
  },
  async *drillAll(db, { period, section, key, language }) {
    const d = drillInput(period, section);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: DrillRow[] = await db.query<DrillRow>(
        `${DRILL_SELECT} WHERE ${d.where} AND ($4::timestamptz IS NULL OR (e.at, e.id) > ($4::timestamptz, $5::bigint))
          ORDER BY e.at, e.id LIMIT 5000`, [...d.bounds, key, after?.at ?? null, after?.id ?? null]);
      if (rows.length > 0) yield rows.map((r) => cells(r, d.section, key, language));
      const last = rows.at(-1);
      if (!last || rows.length < 5000) return;
      after = { at: last.at, id: last.id };
    }
  },
  drillColumns: () => DRILL_COLUMNS,
};
