// The records behind the post-sales report's rows (docs/reports.md, "Post-sales report"): the
// invoices open in an ageing bucket, the payments of the period, the promises due in it, a
// product's orders done or cancelled in it. Invoices, promises and orders are the customer's,
// not a user's: the drill-down's scope (the caller's agents) does not apply, and every reader
// of this report (leads, sales managers, admins) sees all of them. Each list is read through
// the rollups' keys (due dates, promised days, outcome days), so it is bounded by the period.
import { AGEING_BUCKETS, type AgeingBucket } from '../../shared/receivables.js';
import { type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn } from '../../shared/reports.js';
import { SapaError } from '../../shared/errors.js';
import { type Db, type SqlParam } from '../db/db.js';
import { bucketRange } from '../receivables/routes.js';
import { type DrillInput } from './registry.js';
import { localDayOf, openAt, orderDoneAt, postSalesDays, promiseKept } from './postsales-rollup.js';

type Cells = Record<string, string | number | null>;
type Row = Record<string, unknown> & { sk: string };

/** One list: a SELECT with a text sort key `sk` (unique, in list order), and its cells. */
interface DrillSpec { sql: string; params: SqlParam[]; columns: ReportColumn[]; cells(r: Row): Cells }

const DRILL_COLUMNS = {
  receivablesAgeing: [
    { key: 'invoiceNo', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'issuedOn', kind: 'text' }, { key: 'dueOn', kind: 'text' },
    { key: 'daysPastDue', kind: 'count' }, { key: 'amountIdr', kind: 'idr' }, { key: 'openIdr', kind: 'idr' },
  ],
  collection: [
    { key: 'paidOn', kind: 'text' }, { key: 'invoiceNo', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'dueOn', kind: 'text' },
    { key: 'amountIdr', kind: 'idr' }, { key: 'late', kind: 'text' },
  ],
  promises: [
    { key: 'promisedOn', kind: 'text' }, { key: 'invoiceNo', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'madeOn', kind: 'text' },
    { key: 'promisedIdr', kind: 'idr' }, { key: 'paidInWindowIdr', kind: 'idr' }, { key: 'outcome', kind: 'text' },
  ],
  orderCycle: [
    { key: 'orderNo', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'placedOn', kind: 'text' }, { key: 'at', kind: 'text' },
    { key: 'outcome', kind: 'text' }, { key: 'cycleDays', kind: 'count' },
  ],
} as const satisfies Record<string, ReportColumn[]>;
type DrillSection = keyof typeof DRILL_COLUMNS;
const isDrillSection = (s: string): s is DrillSection => Object.hasOwn(DRILL_COLUMNS, s);
const isBucket = (s: string): s is AgeingBucket => (AGEING_BUCKETS as readonly string[]).includes(s);

function sectionOf(section: string): DrillSection {
  if (!isDrillSection(section)) throw new SapaError('NOT_FOUND', `Section ${section.slice(0, 40)} has no records to list`);
  return section;
}

const n = (v: unknown): number => Number(v);
const s = (v: unknown): string => String(v);

/** The invoices open at the end of the ageing day in one bucket, most overdue first. */
function ageingSpec(period: Period, key: string, now: Date): DrillSpec {
  if (!isBucket(key)) throw new SapaError('NOT_FOUND', `No ageing bucket ${key.slice(0, 40)}`);
  const { asOf } = postSalesDays(period, now);
  const { from, to } = bucketRange(key, asOf);
  return {
    sql: `SELECT r.invoice_no, c.full_name AS customer, r.issued_at::text AS issued_on, r.due_date::text AS due_on,
                 ($1::date - r.due_date) AS days, r.amount_idr, ${openAt('r', '$1::date')} AS open_idr, r.due_date::text || r.id::text AS sk
            FROM receivables r JOIN customers c ON c.id = r.customer_id
           WHERE r.issued_at <= $1::date AND ($2::date IS NULL OR r.due_date >= $2::date) AND ($3::date IS NULL OR r.due_date <= $3::date)
             AND ${openAt('r', '$1::date')} > 0`,
    params: [asOf, from, to],
    columns: DRILL_COLUMNS.receivablesAgeing,
    cells: (r) => ({
      invoiceNo: s(r.invoice_no), customer: s(r.customer), issuedOn: s(r.issued_on), dueOn: s(r.due_on),
      daysPastDue: Math.max(0, n(r.days)), amountIdr: n(r.amount_idr), openIdr: n(r.open_idr),
    }),
  };
}

/**
 * The dated payments of the period (so far), on their day (never before the invoice's issue
 * day, as the rollup counts them). Only invoices of the due dates the rollup has flows for
 * in the period are read.
 */
function collectionSpec(period: Period, now: Date, language: ReportLanguage): DrillSpec {
  const { asOf, start } = postSalesDays(period, now);
  const day = `greatest((p.e->>'paidAt')::date, r.issued_at)`;
  return {
    sql: `SELECT ${day}::text AS paid_on, r.invoice_no, c.full_name AS customer, r.due_date::text AS due_on,
                 (p.e->>'amountIdr')::bigint AS amount, ${day} > r.due_date AS late,
                 ${day}::text || r.id::text || lpad(p.n::text, 4, '0') AS sk
            FROM receivables r JOIN customers c ON c.id = r.customer_id
            CROSS JOIN LATERAL jsonb_array_elements(r.payments) WITH ORDINALITY p(e, n)
           WHERE r.due_date IN (SELECT DISTINCT due_date FROM report_receivables_daily WHERE day > $1::date AND day <= $2::date)
             AND ${day} > $1::date AND ${day} <= $2::date`,
    params: [start, asOf],
    columns: DRILL_COLUMNS.collection,
    cells: (r) => ({
      paidOn: s(r.paid_on), invoiceNo: s(r.invoice_no), customer: s(r.customer), dueOn: s(r.due_on), amountIdr: n(r.amount),
      late: reportText(language, r.late ? 'yes' : 'no'),
    }),
  };
}

/** The promises due in the period with what was paid from the day each was made to its day. */
function promisesSpec(period: Period, now: Date, language: ReportLanguage): DrillSpec {
  const { today } = postSalesDays(period, now);
  return {
    sql: `SELECT x.promised_date::text AS promised_on, r.invoice_no, c.full_name AS customer, ${localDayOf('x.created_at')}::text AS made_on,
                 x.amount_idr, ${promiseKept('x', 'r')} AS kept, x.promised_date < $3::date AS over,
                 (SELECT COALESCE(sum((e->>'amountIdr')::bigint), 0) FROM jsonb_array_elements(r.payments) e
                   WHERE (e->>'paidAt')::date BETWEEN ${localDayOf('x.created_at')} AND x.promised_date) AS paid,
                 x.promised_date::text || x.id::text AS sk
            FROM payment_promises x JOIN receivables r ON r.id = x.receivable_id JOIN customers c ON c.id = x.customer_id
           WHERE x.promised_date BETWEEN $1::date AND $2::date`,
    params: [period.from, period.to, today],
    columns: DRILL_COLUMNS.promises,
    cells: (r) => ({
      promisedOn: s(r.promised_on), invoiceNo: s(r.invoice_no), customer: s(r.customer), madeOn: s(r.made_on),
      promisedIdr: n(r.amount_idr), paidInWindowIdr: n(r.paid),
      outcome: reportText(language, r.kept ? 'promise.kept' : r.over ? 'promise.broken' : 'promise.open'),
    }),
  };
}

/** A product's orders completed or cancelled in the period, by the day they were done. */
function orderSpec(period: Period, key: string, language: ReportLanguage): DrillSpec {
  return {
    sql: `SELECT o.order_no, c.full_name AS customer, ${localDayOf('o.placed_at')}::text AS placed_on, ${orderDoneAt('o')} AS done_at,
                 x.cancelled, x.cycle_days, x.day::text || o.id::text AS sk
            FROM report_order_outcomes x JOIN orders o ON o.id = x.order_id JOIN customers c ON c.id = o.customer_id
           WHERE x.day BETWEEN $1::date AND $2::date AND x.product = $3`,
    params: [period.from, period.to, key],
    columns: DRILL_COLUMNS.orderCycle,
    cells: (r) => ({
      orderNo: s(r.order_no), customer: s(r.customer), placedOn: s(r.placed_on), at: new Date(r.done_at as string | Date).toISOString(),
      outcome: reportText(language, r.cancelled ? 'order.cancelled' : 'order.completed'),
      cycleDays: r.cycle_days === null ? null : n(r.cycle_days),
    }),
  };
}

function specOf({ period, section, key, language }: DrillInput, now: Date): DrillSpec {
  switch (sectionOf(section)) {
    case 'receivablesAgeing': return ageingSpec(period, key, now);
    case 'collection': return collectionSpec(period, now, language);
    case 'promises': return promisesSpec(period, now, language);
    case 'orderCycle': return orderSpec(period, key, language);
  }
}

// "Today" is the server's clock (DrillInput.now), as for the run.
export async function postSalesDrill(db: Db, input: DrillInput, page: { offset: number; limit: number }): Promise<DrillPage> {
  const spec = specOf(input, input.now);
  const k = spec.params.length;
  const [count] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM (${spec.sql}) q`, spec.params);
  const rows = await db.query<Row>(`SELECT * FROM (${spec.sql}) q ORDER BY sk COLLATE "C" OFFSET $${k + 1} LIMIT $${k + 2}`,
    [...spec.params, page.offset, page.limit]);
  return { columns: spec.columns, rows: rows.map((r) => spec.cells(r)), total: Number(count?.n ?? 0) };
}

export async function* postSalesDrillAll(db: Db, input: DrillInput): AsyncGenerator<Cells[]> {
  const spec = specOf(input, input.now);
  const k = spec.params.length;
  let after: string | null = null;
  for (;;) {
    const rows: Row[] = await db.query<Row>(
      `SELECT * FROM (${spec.sql}) q WHERE ($${k + 1}::text IS NULL OR sk COLLATE "C" > $${k + 1}::text) ORDER BY sk COLLATE "C" LIMIT 5000`, [...spec.params, after]);
    if (rows.length > 0) yield rows.map((r) => spec.cells(r));
    const last = rows.at(-1);
    if (!last || rows.length < 5000) return;
    after = last.sk;
  }
}

export function postSalesDrillColumns(section: string): ReportColumn[] {
  return DRILL_COLUMNS[sectionOf(section)];
}
