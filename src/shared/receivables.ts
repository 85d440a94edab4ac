// Receivables monitoring (docs/receivables.md): the collectors' ageing worklist across
// customers (keyset-paged, most overdue first), totals per branch and bucket, and promises
// to pay that become call-back tasks on the promised day.
import { z } from 'zod';
import { DateOnly, Tier, Timestamp } from './domain.js';
import { OutboundMessage } from './replies/messages.js';

/** Days past the due date: current (not yet due), 1–30, 31–60, 61–90, over 90. */
export const AGEING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export const AgeingBucket = z.enum(AGEING_BUCKETS);
export type AgeingBucket = z.infer<typeof AgeingBucket>;

/** The bucket of an invoice `daysPastDue` days past its due date (≤ 0: not yet due). */
export function bucketOf(daysPastDue: number): AgeingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd90_plus';
}

export const WORKLIST_PAGE = 50;

export const WorklistQuery = z.object({
  branch: z.string().trim().min(1).max(100).optional(),
  bucket: AgeingBucket.optional(),
  tier: Tier.optional(),
  /** Only invoices with at least this much still open. */
  minOpenIdr: z.coerce.number().int().min(0).optional(),
  /** The keyset cursor of the previous page's last row (`nextCursor`). */
  cursor: z.string().max(80).regex(/^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(WORKLIST_PAGE),
}).strict();
export type WorklistQuery = z.input<typeof WorklistQuery>;

export const PaymentPromise = z.object({
  id: z.uuid(),
  promisedDate: DateOnly,
  amountIdr: z.number().int(),
  note: z.string().nullable(),
  callbackId: z.uuid().nullable(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
});
export type PaymentPromise = z.infer<typeof PaymentPromise>;

export const WorklistRow = z.object({
  receivableId: z.uuid(),
  invoiceNo: z.string(),
  customerId: z.uuid(),
  customerNo: z.string(),
  customerName: z.string(),
  branch: z.string().nullable(),
  tier: Tier,
  /** VVIP customers are handled with care: the screen marks them, a lead calls them. */
  vvip: z.boolean(),
  amountIdr: z.number().int(),
  paidIdr: z.number().int(),
  openIdr: z.number().int(),
  dueDate: DateOnly,
  daysPastDue: z.number().int(),
  bucket: AgeingBucket,
  /** The latest promise to pay on this invoice, if any. */
  promise: PaymentPromise.nullable(),
});
export type WorklistRow = z.infer<typeof WorklistRow>;

export const WorklistPage = z.object({
  rows: z.array(WorklistRow),
  nextCursor: z.string().nullable(),
  /** The day the buckets were counted from (the business time zone's today). */
  asOf: DateOnly,
});
export type WorklistPage = z.infer<typeof WorklistPage>;

export const BranchTotal = z.object({
  branch: z.string().nullable(),
  bucket: AgeingBucket,
  invoices: z.number().int(),
  openIdr: z.number().int(),
});
export const TotalsAnswer = z.object({ totals: z.array(BranchTotal), asOf: DateOnly });

export const PromiseRequest = z.object({
  promisedDate: DateOnly,
  amountIdr: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  note: z.string().trim().max(1000).optional(),
}).strict();
export type PromiseRequest = z.infer<typeof PromiseRequest>;

/** A reminder of an open invoice, by SMS or e-mail, from an approved reply paragraph (billing/…). */
export const ReminderChannel = z.enum(['sms', 'email']);
export type ReminderChannel = z.infer<typeof ReminderChannel>;
const ReminderBlanks = z.record(z.string().max(40), z.string().max(500)).refine((b) => Object.keys(b).length <= 20, 'at most 20 blanks');

export const ReminderPreviewRequest = z.object({
  channel: ReminderChannel,
  /** The paragraph to preview; absent: only the choices. */
  paragraphId: z.uuid().optional(),
  blanks: ReminderBlanks.default({}),
}).strict();
export type ReminderPreviewRequest = z.input<typeof ReminderPreviewRequest>;

export const ReminderPreview = z.object({
  customerName: z.string(),
  vvip: z.boolean(),
  /** The customer's number or address the reminder goes to; null: the customer has none. */
  to: z.string().nullable(),
  /** Approved billing paragraphs for this channel, the customer's language first. */
  paragraphs: z.array(z.object({ id: z.uuid(), title: z.string(), category: z.string(), language: z.string() })),
  paragraphId: z.uuid().nullable(),
  /** The text as it will be sent (blanks still to fill show as {{?name}}). */
  text: z.string().nullable(),
  /** Blanks filled from the invoice (amount, due date, invoice number). */
  filled: z.record(z.string(), z.string()),
  /** Blanks the collector still has to fill. */
  missingBlanks: z.array(z.string()),
});
export type ReminderPreview = z.infer<typeof ReminderPreview>;

export const ReminderRequest = z.object({
  channel: ReminderChannel,
  paragraphId: z.uuid(),
  blanks: ReminderBlanks.default({}),
  /** The text the collector saw: anything else is refused (CONFLICT), as for any message. */
  previewText: z.string().max(20_000),
  /** A VVIP customer's reminder is sent only when the collector confirmed it. */
  confirmVvip: z.boolean().default(false),
  /** Made once per reminder: a repeat sends nothing more (messages' idempotency). */
  idempotencyKey: z.uuid(),
}).strict();
export type ReminderRequest = z.input<typeof ReminderRequest>;

const IdParams = z.object({ id: z.uuid() });

export const receivableRoutes = {
  'receivables.worklist': { method: 'GET', path: '/receivables/worklist', access: 'receivables.collect', query: WorklistQuery, answer: WorklistPage },
  'receivables.totals': { method: 'GET', path: '/receivables/totals', access: 'receivables.collect', answer: TotalsAnswer },
  /** A promise to pay on one invoice (the receivable's id): a call-back for the collector on that day. */
  'receivables.promise': {
    method: 'POST', path: '/receivables/:id/promises', access: 'receivables.collect', params: IdParams, body: PromiseRequest,
    answer: PaymentPromise, status: 201,
  },
  'receivables.reminderPreview': {
    method: 'POST', path: '/receivables/:id/reminders/preview', access: 'receivables.collect', params: IdParams, body: ReminderPreviewRequest,
    answer: ReminderPreview,
  },
  /** Sends the reminder through messaging (exactly once per idempotency key; an event in the customer's timeline). */
  'receivables.remind': {
    method: 'POST', path: '/receivables/:id/reminders', access: 'receivables.collect', params: IdParams, body: ReminderRequest,
    answer: OutboundMessage,
  },
} as const;

/** Desktop API (spread into `methods` in api.ts): read from the server only (other customers are not in the cache). */
export const receivableMethods = {
  'receivables.worklist': { input: WorklistQuery, output: WorklistPage },
  'receivables.promise': { input: PromiseRequest.extend({ receivableId: z.uuid() }), output: PaymentPromise },
  'receivables.totals': { input: z.object({}).strict(), output: TotalsAnswer },
  'receivables.reminderPreview': { input: ReminderPreviewRequest.extend({ receivableId: z.uuid() }), output: ReminderPreview },
  'receivables.remind': { input: ReminderRequest.extend({ receivableId: z.uuid() }), output: OutboundMessage },
} as const;
