// The hot path of the invoices feed: a hand-written check of one record that accepts only
// what `InvoiceRecord` (src/shared/integrations.ts) accepts and answers the same data. It
// costs ≈ 0.5 µs a record where zod costs 7–15 µs (bench/README.md, "Feeds"). A record it
// does not accept is handed to zod, which decides and writes the reason: so the fast path
// can only be stricter than the schema, never looser, and every reason is zod's.
// tests/unit/server/fast-invoice.test.ts holds the two to the same answers.
import { FEED_PAYMENTS_MAX, FEED_REF_MAX, type InvoiceRecord } from '../../shared/integrations.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INVOICE_KEYS = new Set(['invoiceNo', 'customerExternalId', 'customerNo', 'amountIdr', 'issuedAt', 'dueDate', 'payments', 'paidIdr']);
const PAYMENT_KEYS = new Set(['ref', 'amountIdr', 'paidAt']);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const idr = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;
const date = (v: unknown): v is string => typeof v === 'string' && v.length === 10 && DATE.test(v);

/** The parsed record, or null when the schema must decide (and say why). */
export function fastInvoice(raw: unknown): InvoiceRecord | null {
  if (!isPlain(raw)) return null;
  for (const k in raw) if (!INVOICE_KEYS.has(k)) return null;
  const { invoiceNo, customerExternalId, customerNo, amountIdr, issuedAt, dueDate, payments, paidIdr } = raw;
  if (typeof invoiceNo !== 'string') return null;
  const ref = invoiceNo.trim();
  if (ref.length < 1 || ref.length > FEED_REF_MAX) return null;
  if (customerExternalId !== undefined && !text(customerExternalId, 64)) return null;
  if (customerNo !== undefined && !text(customerNo, 32)) return null;
  if (!customerExternalId && !customerNo) return null;
  if (!idr(amountIdr, 1) || !date(issuedAt) || !date(dueDate) || dueDate < issuedAt) return null;
  const out: InvoiceRecord = { invoiceNo: ref, amountIdr, issuedAt, dueDate };
  if (customerExternalId !== undefined) out.customerExternalId = customerExternalId;
  if (customerNo !== undefined) out.customerNo = customerNo;
  if (payments !== undefined) {
    if (!Array.isArray(payments) || payments.length > FEED_PAYMENTS_MAX || paidIdr !== undefined) return null;
    const list: { ref: string; amountIdr: number; paidAt: string }[] = [];
    for (const p of payments as unknown[]) {
      if (!isPlain(p)) return null;
      for (const k in p) if (!PAYMENT_KEYS.has(k)) return null;
      if (!text(p.ref, 64) || !idr(p.amountIdr, 1) || !date(p.paidAt)) return null;
      list.push({ ref: p.ref, amountIdr: p.amountIdr, paidAt: p.paidAt });
    }
    out.payments = list;
  }
  if (paidIdr !== undefined) {
    if (!idr(paidIdr, 0)) return null;
    out.paidIdr = paidIdr;
  }
  return out;
}
