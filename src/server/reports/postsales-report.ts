// The post-sales report (docs/reports.md, "Post-sales report"): receivables ageing at the
// period's end (today for a running period), collection in the period, promises to pay due in
// the period, and order cycle times by product — each from its rollup (migration 043,
// postsales-rollup.ts), so a yearly report reads a few thousand rows whatever the history.
import { customPeriod, localDay, periodLabel, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { AGEING_BUCKETS } from '../../shared/receivables.js';
import { type ReportColumn, type ReportRow, type ReportSection } from '../../shared/reports.js';
import { type Db } from '../db/db.js';
import { type ReportDefinition } from './registry.js';
import { postSalesDrill, postSalesDrillAll, postSalesDrillColumns } from './postsales-drill.js';
import { foldPostSales, postSalesDays } from './postsales-rollup.js';

type Figures = Record<string, number | null>;

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const dec1 = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 10) / 10 : null);

// ——— Receivables: ageing and collection, one scan of report_receivables_daily ———

/** The bucket index (AGEING_BUCKETS) of a due date seen at the end of day `$1`. */
const BUCKET_SQL = `CASE WHEN due_date >= $1::date THEN 0 WHEN $1::date - due_date <= 30 THEN 1
  WHEN $1::date - due_date <= 60 THEN 2 WHEN $1::date - due_date <= 90 THEN 3 ELSE 4 END`;

export interface ReceivableSums {
  buckets: { invoices: number; openIdr: number }[];
  openStart: number; invoiced: number; collected: number; late: number; undated: number;
}

async function receivableSums(db: Db, period: Period, now: Date): Promise<ReceivableSums> {
  const { asOf, start } = postSalesDays(period, now);
  const rows = await db.query<Record<string, string | number>>(
    `SELECT ${BUCKET_SQL} AS bucket,
            COALESCE(sum(issued - closed) FILTER (WHERE day <= $1::date), 0) AS invoices,
            COALESCE(sum(issued_idr - undated_idr - collected_idr) FILTER (WHERE day <= $1::date), 0) AS open_idr,
            COALESCE(sum(issued_idr - undated_idr - collected_idr) FILTER (WHERE day <= $2::date), 0) AS open_start,
            COALESCE(sum(issued_idr) FILTER (WHERE day > $2::date), 0) AS invoiced,
            COALESCE(sum(undated_idr) FILTER (WHERE day > $2::date), 0) AS undated,
            COALESCE(sum(collected_idr) FILTER (WHERE day > $2::date), 0) AS collected,
            COALESCE(sum(collected_idr) FILTER (WHERE day > $2::date AND day > due_date), 0) AS late
       FROM report_receivables_daily WHERE day <= $1::date GROUP BY 1`, [asOf, start]);
  const out: ReceivableSums = {
    buckets: AGEING_BUCKETS.map(() => ({ invoices: 0, openIdr: 0 })), openStart: 0, invoiced: 0, collected: 0, late: 0, undated: 0,
  };
  for (const r of rows) {
    const b = out.buckets[Number(r.bucket)];
    if (b) { b.invoices = Number(r.invoices); b.openIdr = Number(r.open_idr); }
    out.openStart += Number(r.open_start);
    out.invoiced += Number(r.invoiced);
    out.undated += Number(r.undated);
    out.collected += Number(r.collected);
    out.late += Number(r.late);
  }
  return out;
}

const AGEING_COLUMNS: ReportColumn[] = [
  { key: 'invoices', kind: 'count' }, { key: 'openIdr', kind: 'idr' }, { key: 'openShare', kind: 'percent' },
];

function ageingSection(now: ReceivableSums, then: ReceivableSums | null, asOf: string, language: ReportLanguage): ReportSection {
  const totalOf = (s: ReceivableSums) => s.buckets.reduce((a, b) => ({ invoices: a.invoices + b.invoices, openIdr: a.openIdr + b.openIdr }), { invoices: 0, openIdr: 0 });
  const figures = (s: ReceivableSums, i: number): Figures => {
    const b = s.buckets[i] ?? { invoices: 0, openIdr: 0 };
    return { invoices: b.invoices, openIdr: b.openIdr, openShare: pct(b.openIdr, totalOf(s).openIdr) };
  };
  const total = (s: ReceivableSums): Figures => ({ ...totalOf(s), openShare: totalOf(s).openIdr > 0 ? 100 : null });
  return {
    id: 'receivablesAgeing', columns: AGEING_COLUMNS, chart: 'openIdr',
    rows: AGEING_BUCKETS.map((bucket, i): ReportRow => ({
      key: bucket, label: reportText(language, `bucket.${bucket}`), values: figures(now, i),
      ...(then ? { compare: figures(then, i) } : {}), drill: true,
    })),
    total: {
      key: '*', label: reportText(language, 'ageing.total', { day: periodLabel(customPeriod(asOf, asOf), language) }),
      values: total(now), ...(then ? { compare: total(then) } : {}), drill: false,
    },
  };
}

const COLLECTION_COLUMNS: ReportColumn[] = [
  { key: 'openStartIdr', kind: 'idr' }, { key: 'invoicedIdr', kind: 'idr' }, { key: 'collectedIdr', kind: 'idr' },
  { key: 'collectedLateIdr', kind: 'idr' }, { key: 'undatedIdr', kind: 'idr' }, { key: 'collectionRate', kind: 'percent' },
  { key: 'openEndIdr', kind: 'idr' },
];

/** Collection rate = collected ÷ (open at start + invoiced − paid without a date). */
export function collectionFigures(s: ReceivableSums): Figures {
  return {
    openStartIdr: s.openStart, invoicedIdr: s.invoiced, collectedIdr: s.collected, collectedLateIdr: s.late, undatedIdr: s.undated,
    collectionRate: pct(s.collected, s.openStart + s.invoiced - s.undated),
    openEndIdr: s.buckets.reduce((a, b) => a + b.openIdr, 0),
  };
}

function collectionSection(now: ReceivableSums, then: ReceivableSums | null, language: ReportLanguage): ReportSection {
  return {
    id: 'collection', columns: COLLECTION_COLUMNS, chart: null, total: null,
    rows: [{
      key: 'payments', label: reportText(language, 'collection.row'), values: collectionFigures(now),
      ...(then ? { compare: collectionFigures(then) } : {}), drill: true,
    }],
  };
}

// ——— Promises to pay due in the period ———

const PROMISE_COLUMNS: ReportColumn[] = [
  { key: 'promised', kind: 'count' }, { key: 'promisedIdr', kind: 'idr' }, { key: 'kept', kind: 'count' },
  { key: 'keptIdr', kind: 'idr' }, { key: 'broken', kind: 'count' }, { key: 'stillOpen', kind: 'count' },
  { key: 'keptPct', kind: 'percent' },
];

/** Broken = not kept and the promised day is over; still open = not kept, promised for today or later. */
async function promiseFigures(db: Db, period: Period, now: Date): Promise<Figures> {
  const [r] = await db.query<Record<string, string | number>>(
    `SELECT COALESCE(sum(promised), 0) AS promised, COALESCE(sum(promised_idr), 0) AS promised_idr,
            COALESCE(sum(kept), 0) AS kept, COALESCE(sum(kept_idr), 0) AS kept_idr,
            COALESCE(sum(promised - kept) FILTER (WHERE day < $3::date), 0) AS broken,
            COALESCE(sum(promised - kept) FILTER (WHERE day >= $3::date), 0) AS still_open
       FROM report_promises_daily WHERE day BETWEEN $1::date AND $2::date`,
    [period.from, period.to, localDay(now)]);
  const kept = Number(r?.kept ?? 0);
  const broken = Number(r?.broken ?? 0);
  return {
    promised: Number(r?.promised ?? 0), promisedIdr: Number(r?.promised_idr ?? 0), kept, keptIdr: Number(r?.kept_idr ?? 0),
    broken, stillOpen: Number(r?.still_open ?? 0), keptPct: pct(kept, kept + broken),
  };
}

async function promiseSection(db: Db, period: Period, compare: Period | null, now: Date, language: ReportLanguage): Promise<ReportSection> {
  const [values, before] = await Promise.all([promiseFigures(db, period, now), compare ? promiseFigures(db, compare, now) : null]);
  return {
    id: 'promises', columns: PROMISE_COLUMNS, chart: null, total: null,
    rows: [{ key: 'promises', label: reportText(language, 'promises.row'), values, ...(before ? { compare: before } : {}), drill: true }],
  };
}

// ——— Order cycle times by product ———

/** A histogram of cycle days (days → orders) and the cancelled count of one product or the total. */
export interface CycleSums { cycles: Map<number, number>; cancelled: number }

/** Completed, mean and nearest-rank p90 of the cycle days, cancelled and its share of the outcomes. */
export function cycleFigures(s: CycleSums): Figures {
  const days = [...s.cycles.keys()].sort((a, b) => a - b);
  let completed = 0;
  let sum = 0;
  for (const d of days) { completed += s.cycles.get(d) ?? 0; sum += d * (s.cycles.get(d) ?? 0); }
  let p90: number | null = null;
  const rank = Math.ceil(0.9 * completed);
  let seen = 0;
  for (const d of days) {
    seen += s.cycles.get(d) ?? 0;
    if (completed > 0 && seen >= rank) { p90 = d; break; }
  }
  return { completed, avgCycleDays: dec1(sum, completed), p90CycleDays: p90, cancelled: s.cancelled, cancelRate: pct(s.cancelled, completed + s.cancelled) };
}

async function cycleSums(db: Db, period: Period): Promise<{ byProduct: Map<string, CycleSums>; total: CycleSums }> {
  const rows = await db.query<{ product: string; cancelled: boolean; cycle_days: number | null; orders: string | number }>(
    `SELECT product, cancelled, cycle_days, sum(orders) AS orders FROM report_orders_daily
      WHERE day BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3`, [period.from, period.to]);
  const byProduct = new Map<string, CycleSums>();
  const total: CycleSums = { cycles: new Map(), cancelled: 0 };
  for (const r of rows) {
    let p = byProduct.get(r.product);
    if (!p) byProduct.set(r.product, (p = { cycles: new Map(), cancelled: 0 }));
    for (const s of [p, total]) {
      if (r.cancelled) s.cancelled += Number(r.orders);
      else s.cycles.set(Number(r.cycle_days), (s.cycles.get(Number(r.cycle_days)) ?? 0) + Number(r.orders));
    }
  }
  return { byProduct, total };
}

const CYCLE_COLUMNS: ReportColumn[] = [
  // Days with one decimal: the 'hours' kind is the screen's one-decimal number (its label says days).
  { key: 'completed', kind: 'count' }, { key: 'avgCycleDays', kind: 'hours' }, { key: 'p90CycleDays', kind: 'count' },
  { key: 'cancelled', kind: 'count' }, { key: 'cancelRate', kind: 'percent' },
];

async function cycleSection(db: Db, period: Period, compare: Period | null, language: ReportLanguage): Promise<ReportSection> {
  const [now, then] = await Promise.all([cycleSums(db, period), compare ? cycleSums(db, compare) : null]);
  const empty: CycleSums = { cycles: new Map(), cancelled: 0 };
  const products = [...new Set([...now.byProduct.keys(), ...(then?.byProduct.keys() ?? [])])].sort((a, b) => a.localeCompare(b));
  return {
    id: 'orderCycle', columns: CYCLE_COLUMNS, chart: 'avgCycleDays',
    rows: products.map((product): ReportRow => ({
      key: product, label: product, values: cycleFigures(now.byProduct.get(product) ?? empty),
      ...(then ? { compare: cycleFigures(then.byProduct.get(product) ?? empty) } : {}), drill: true,
    })),
    total: {
      key: '*', label: reportText(language, 'total'), values: cycleFigures(now.total),
      ...(then ? { compare: cycleFigures(then.total) } : {}), drill: false,
    },
  };
}

export const postSalesReport: ReportDefinition = {
  async catchUp(db, now) { await foldPostSales(db, now); },
  async sections(db, { period, compare, language, now }) {
    const [sums, sumsThen] = await Promise.all([receivableSums(db, period, now), compare ? receivableSums(db, compare, now) : null]);
    return [
      ageingSection(sums, sumsThen, postSalesDays(period, now).asOf, language),
      collectionSection(sums, sumsThen, language),
      await promiseSection(db, period, compare, now, language),
      await cycleSection(db, period, compare, language),
    ];
  },
  drill: postSalesDrill,
  drillAll: postSalesDrillAll,
  drillColumns: postSalesDrillColumns,
};
