// Receivables monitoring (docs/receivables.md): the collectors' ageing worklist across
// customers (keyset on (due_date, id) over the partial index receivables_worklist, 024),
// totals per branch and bucket, and promises to pay — each one a call-back (002) for the
// collector, due at the start of the promised day, which the call-back source turns into a
// call-back task that day (callbacks/callback-tasks.ts).
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import {
  AGEING_BUCKETS, bucketOf, type AgeingBucket, type PaymentPromise, type WorklistPage, type WorklistRow,
} from '../../shared/receivables.js';
import { type Db, type SqlParam } from '../db/db.js';
import { iso, type Timestamp } from '../db/timestamps.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type RegisterRoute } from '../http/route.js';
import { businessToday } from '../integrations/upsert.js';
import { type MessagingContext } from '../messaging/send.js';
import { reminderPreview, sendReminder } from './reminders.js';

/** The business time zone's offset (Asia/Jakarta has no daylight saving). */
const BUSINESS_OFFSET = '+07:00';
/** A promise further out than this is not a promise a collector can follow. */
const PROMISE_MAX_DAYS = 92;

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The due-date range of a bucket, counted from `today`. */
export function bucketRange(bucket: AgeingBucket, today: string): { from: string | null; to: string | null } {
  switch (bucket) {
    case 'current': return { from: today, to: null };
    case 'd1_30': return { from: addDays(today, -30), to: addDays(today, -1) };
    case 'd31_60': return { from: addDays(today, -60), to: addDays(today, -31) };
    case 'd61_90': return { from: addDays(today, -90), to: addDays(today, -61) };
    case 'd90_plus': return { from: null, to: addDays(today, -91) };
  }
}

interface Row {
  id: string; invoice_no: string; customer_id: string; customer_no: string; full_name: string; branch: string | null;
  tier: WorklistRow['tier']; vvip: boolean; amount_idr: number; paid_idr: number; due_date: string; days: number;
  p_id: string | null; p_date: string | null; p_amount: number | null; p_note: string | null; p_callback: string | null;
  p_at: Timestamp | null; p_by: string | null;
}

export interface WorklistFilter {
  branch?: string | undefined; bucket?: AgeingBucket | undefined; tier?: string | undefined; minOpenIdr?: number | undefined;
  cursor?: string | undefined; limit: number;
}

export async function readWorklist(db: Db, f: WorklistFilter, today = businessToday()): Promise<WorklistPage> {
  const params: SqlParam[] = [today];
  const where = ['r.paid_idr < r.amount_idr'];
  const p = (v: SqlParam): string => { params.push(v); return `$${params.length}`; };
  if (f.bucket) {
    const { from, to } = bucketRange(f.bucket, today);
    if (from) where.push(`r.due_date >= ${p(from)}::date`);
    if (to) where.push(`r.due_date <= ${p(to)}::date`);
  }
  if (f.branch) where.push(`c.branch = ${p(f.branch)}`);
  if (f.tier) where.push(`c.tier = ${p(f.tier)}`);
  if (f.minOpenIdr) where.push(`r.amount_idr - r.paid_idr >= ${p(f.minOpenIdr)}`);
  if (f.cursor) {
    const [date, id] = f.cursor.split('|') as [string, string];
    where.push(`(r.due_date, r.id) > (${p(date)}::date, ${p(id)}::uuid)`);
  }
  // The page is found first from the covering index (due date, id, customer, amounts) and the
  // customer's branch and tier; only its rows are then read from the table (migration 031).
  const rows = await db.query<Row>(
    `WITH page AS (
       SELECT r.id, r.due_date FROM receivables r JOIN customers c ON c.id = r.customer_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.due_date, r.id
       LIMIT ${f.limit + 1}
     )
     SELECT r.id, r.invoice_no, r.customer_id, c.customer_no, c.full_name, c.branch, c.tier, c.vvip, r.amount_idr, r.paid_idr,
            r.due_date, ($1::date - r.due_date)::int AS days,
            pp.id AS p_id, pp.promised_date AS p_date, pp.amount_idr AS p_amount, pp.note AS p_note, pp.callback_id AS p_callback,
            pp.created_at AS p_at, pp.by AS p_by
     FROM page JOIN receivables r ON r.id = page.id JOIN customers c ON c.id = r.customer_id
     LEFT JOIN LATERAL (
       SELECT x.id, x.promised_date, x.amount_idr, x.note, x.callback_id, x.created_at, u.username AS by
       FROM payment_promises x LEFT JOIN users u ON u.id = x.created_by
       WHERE x.receivable_id = r.id ORDER BY x.created_at DESC LIMIT 1
     ) pp ON true
     ORDER BY page.due_date, page.id`, params);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      receivableId: r.id, invoiceNo: r.invoice_no, customerId: r.customer_id, customerNo: r.customer_no, customerName: r.full_name,
      branch: r.branch, tier: r.tier, vvip: r.vvip, amountIdr: r.amount_idr, paidIdr: r.paid_idr, openIdr: r.amount_idr - r.paid_idr,
      dueDate: r.due_date, daysPastDue: r.days, bucket: bucketOf(r.days),
      promise: r.p_id ? {
        id: r.p_id, promisedDate: r.p_date ?? '', amountIdr: r.p_amount ?? 0, note: r.p_note, callbackId: r.p_callback,
        createdAt: iso(r.p_at ?? new Date()), createdBy: r.p_by,
      } : null,
    })),
    nextCursor: rows.length > f.limit && last ? `${last.due_date}|${last.id}` : null,
    asOf: today,
  };
}

export async function readTotals(db: Db, today = businessToday()): Promise<{ branch: string | null; bucket: AgeingBucket; invoices: number; openIdr: number }[]> {
  const rows = await db.query<{ branch: string | null; days_bucket: number; invoices: number; open_idr: number }>(
    `SELECT c.branch,
            CASE WHEN r.due_date >= $1::date THEN 0 WHEN $1::date - r.due_date <= 30 THEN 1 WHEN $1::date - r.due_date <= 60 THEN 2
                 WHEN $1::date - r.due_date <= 90 THEN 3 ELSE 4 END AS days_bucket,
            count(*)::int AS invoices, sum(r.amount_idr - r.paid_idr)::bigint AS open_idr
     FROM receivables r JOIN customers c ON c.id = r.customer_id
     WHERE r.paid_idr < r.amount_idr
     GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2`, [today]);
  return rows.map((r) => ({ branch: r.branch, bucket: AGEING_BUCKETS[r.days_bucket] ?? 'current', invoices: r.invoices, openIdr: r.open_idr }));
}

export async function recordPromise(
  db: Db, receivableId: string, input: { promisedDate: string; amountIdr: number; note?: string | undefined }, userId: string,
  today = businessToday(),
): Promise<PaymentPromise> {
  if (input.promisedDate < today) {
    throw new SapaError('INVALID_INPUT', 'A promise to pay cannot be dated in the past', { issues: ['promisedDate: before today'] });
  }
  if (input.promisedDate > addDays(today, PROMISE_MAX_DAYS)) {
    throw new SapaError('INVALID_INPUT', `A promise to pay is at most ${PROMISE_MAX_DAYS} days ahead`, { issues: ['promisedDate: too far ahead'] });
  }
  return withWriteTransaction(db, async (tx) => {
    const [inv] = await tx.query<{ customer_id: string; invoice_no: string; open_idr: number }>(
      'SELECT customer_id, invoice_no, (amount_idr - paid_idr) AS open_idr FROM receivables WHERE id = $1 FOR UPDATE', [receivableId]);
    if (!inv) throw new SapaError('NOT_FOUND', 'No such invoice');
    if (inv.open_idr <= 0) throw new SapaError('CONFLICT', 'This invoice is paid', { invoiceNo: inv.invoice_no });
    const callbackId = randomUUID();
    const id = randomUUID();
    const note = `Janji bayar / promise to pay ${inv.invoice_no}: Rp ${input.amountIdr.toLocaleString('id-ID')}${input.note ? ` — ${input.note}` : ''}`;
    // Due at the start of the promised day in the business time zone: that day's call-back task.
    await tx.query(
      `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by, created_at)
       VALUES ($1, $2, NULL, $3::timestamptz, $4, $5, 'open', $5, now())`,
      [callbackId, inv.customer_id, `${input.promisedDate}T00:00:00${BUSINESS_OFFSET}`, note.slice(0, 2000), userId]);
    const [row] = await tx.query<{ created_at: Timestamp; username: string | null }>(
      `INSERT INTO payment_promises (id, receivable_id, customer_id, promised_date, amount_idr, note, callback_id, created_by)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8)
       RETURNING created_at, (SELECT username FROM users WHERE id = $8) AS username`,
      [id, receivableId, inv.customer_id, input.promisedDate, input.amountIdr, input.note ?? null, callbackId, userId]);
    return {
      id, promisedDate: input.promisedDate, amountIdr: input.amountIdr, note: input.note ?? null, callbackId,
      createdAt: iso(row?.created_at ?? new Date()), createdBy: row?.username ?? null,
    };
  });
}

export function registerReceivableRoutes(register: RegisterRoute, db: Db, messaging: MessagingContext): void {
  register('receivables.worklist', async ({ query }) => readWorklist(db, query));
  register('receivables.totals', async () => ({ totals: await readTotals(db), asOf: businessToday() }));
  register('receivables.promise', async ({ params, body, user }) => recordPromise(db, params.id, body, user.id));
  register('receivables.reminderPreview', async ({ params, body, user }) => reminderPreview(db, user, params.id, body));
  register('receivables.remind', async ({ params, body, user }) => sendReminder(messaging, user, params.id, body));
}
