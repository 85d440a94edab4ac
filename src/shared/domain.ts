// Domain types of Sapa, as zod schemas. The same shapes travel over HTTP (server ↔ core),
// over the sync pull, and over the desktop API (core ↔ renderer).
import { z } from 'zod';
import { isoTimestampProblem } from './iso-timestamp.js';

export const ROLES = ['agent', 'lead', 'admin', 'sales_rep', 'sales_manager'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TIERS = ['platinum', 'gold', 'silver', 'regular'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

export const LIFECYCLE_STAGES = ['suspect', 'prospect', 'customer', 'loyal', 'advocate'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export const Salutation = z.enum(['Bapak', 'Ibu']);
export type Salutation = z.infer<typeof Salutation>;

export const BillingType = z.enum(['prepaid', 'postpaid']);
export type BillingType = z.infer<typeof BillingType>;

export const Language = z.enum(['id', 'en']);
export type Language = z.infer<typeof Language>;

export const PHONE_TYPES = ['mobile', 'home', 'work', 'other'] as const;
export const PhoneType = z.enum(PHONE_TYPES);

/**
 * ISO-8601 timestamp with time zone, e.g. 2026-11-25T08:00:00.000Z: a real calendar moment
 * that both JS and PostgreSQL read (rules and why in iso-timestamp.ts).
 */
export const Timestamp = z.string().max(40).superRefine((value, ctx) => {
  const problem = isoTimestampProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** Calendar date, YYYY-MM-DD */
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Server-assigned, globally monotonic row version (fits a JS number for 2^53 writes). */
export const Version = z.number().int().nonnegative();

export const CustomerPhone = z.object({
  e164: z.string().regex(/^\+[1-9]\d{6,14}$/),
  type: PhoneType,
});
export type CustomerPhone = z.infer<typeof CustomerPhone>;

export const Customer = z.object({
  id: z.uuid(),
  customerNo: z.string().min(1).max(32),
  externalId: z.string().max(64).nullable(),
  fullName: z.string().min(1).max(200),
  salutation: Salutation.nullable(),
  phones: z.array(CustomerPhone).max(20),
  emails: z.array(z.string().max(254)).max(20),
  address: z.string().max(500).nullable(),
  city: z.string().max(100).nullable(),
  branch: z.string().max(100).nullable(),
  language: Language,
  segment: z.string().max(50).nullable(),
  tier: Tier,
  vvip: z.boolean(),
  billing: BillingType,
  lifecycle: LifecycleStage,
  customerSince: DateOnly.nullable(),
  lifetimeValueIdr: z.number().int(),
  version: Version,
  updatedAt: Timestamp,
});
export type Customer = z.infer<typeof Customer>;

export const CHANNELS = [
  'call_in', 'call_out', 'email', 'sms', 'chat', 'letter', 'web_form', 'visit', 'callback_request',
  /** A case opened or changed (the customer's timeline shows every change). */
  'case',
  /** A note or customer request on an order, and the back office's answer (src/shared/orders.ts). */
  'order',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Direction = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof Direction>;

export const Interaction = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  channel: Channel,
  direction: Direction,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  agentId: z.uuid().nullable(),
  agentName: z.string().max(200).nullable(),
  subject: z.string().max(500).nullable(),
  body: z.string().max(100_000).nullable(),
  disposition: z.string().max(100).nullable(),
  durationSec: z.number().int().nonnegative().nullable(),
  recordingId: z.string().max(100).nullable(),
  version: Version,
});
export type Interaction = z.infer<typeof Interaction>;

export const CASE_STATUSES = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export const Case = z.object({
  id: z.uuid(),
  caseNo: z.string().max(32),
  customerId: z.uuid(),
  category: z.string().max(100),
  subject: z.string().max(500),
  priority: Priority,
  status: CaseStatus,
  openedAt: Timestamp,
  slaDueAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  assigneeId: z.uuid().nullable(),
  version: Version,
  /** The response target (first leaving `open`, or the first reply) and when it was met (src/shared/case-sla.ts). */
  responseDueAt: Timestamp.nullable().optional(),
  respondedAt: Timestamp.nullable().optional(),
  /** From here the assignee sees "due soon" (server setting caseWarnPercent). */
  warnAt: Timestamp.nullable().optional(),
  /** The back-office team whose queue holds the case (no assignee: any member may take it). */
  teamId: z.uuid().nullable().optional(),
});
export type Case = z.infer<typeof Case>;

/**
 * An order's status as the order system sends it: goods (placed → confirmed → shipped →
 * delivered) or a service (received → verified → provisioning → installed); either may be
 * cancelled. `delivered`, `installed` and `cancelled` are final (ORDER_FINAL_STATUSES).
 */
export const ORDER_STATUSES = [
  'placed', 'confirmed', 'shipped', 'delivered', 'received', 'verified', 'provisioning', 'installed', 'cancelled',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const ORDER_FINAL_STATUSES: readonly OrderStatus[] = ['delivered', 'installed', 'cancelled'];
export const Order = z.object({
  id: z.uuid(),
  orderNo: z.string().max(32),
  customerId: z.uuid(),
  product: z.string().max(200),
  amountIdr: z.number().int(),
  status: OrderStatus,
  placedAt: Timestamp,
  statusHistory: z.array(z.object({ status: OrderStatus, at: Timestamp })),
  /** When the order system expects the next step (installation, delivery); optional: older servers lack it. */
  expectedAt: Timestamp.nullable().optional(),
  version: Version,
});
export type Order = z.infer<typeof Order>;

export const ReceivableStatus = z.enum(['open', 'partly_paid', 'paid', 'overdue']);
export const Receivable = z.object({
  id: z.uuid(),
  invoiceNo: z.string().max(32),
  customerId: z.uuid(),
  amountIdr: z.number().int(),
  paidIdr: z.number().int(),
  issuedAt: DateOnly,
  dueDate: DateOnly,
  status: ReceivableStatus,
  version: Version,
});
export type Receivable = z.infer<typeof Receivable>;

export const ContractStatus = z.enum(['active', 'ended', 'cancelled']);
export const Contract = z.object({
  id: z.uuid(),
  contractNo: z.string().max(32),
  customerId: z.uuid(),
  product: z.string().max(200),
  startDate: DateOnly,
  endDate: DateOnly.nullable(),
  monthlyFeeIdr: z.number().int(),
  status: ContractStatus,
  version: Version,
});
export type Contract = z.infer<typeof Contract>;

/** A user as every desktop sees it (reference data; never carries credentials). */
export const User = z.object({
  id: z.uuid(),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: Role,
  version: Version,
  /** Working-set scope (server migration 005). Optional: rows from older servers lack them = no branch, no queues. */
  branch: z.string().min(1).max(100).nullable().optional(),
  queues: z.array(z.string().min(1).max(40)).max(20).optional(),
});
export type User = z.infer<typeof User>;

/** A customer as shown in a search result list. */
export const CustomerSummary = Customer.pick({
  id: true, customerNo: true, fullName: true, salutation: true, tier: true, vvip: true,
  city: true, phones: true, emails: true,
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

/** Everything the single screen shows for one customer. */
export const Customer360 = z.object({
  customer: Customer,
  interactionsTotal: z.number().int().nonnegative(),
  recentInteractions: z.array(Interaction),
  complaintsLast90Days: z.number().int().nonnegative(),
  cases: z.array(Case),
  orders: z.array(Order),
  receivables: z.array(Receivable),
  contracts: z.array(Contract),
});
export type Customer360 = z.infer<typeof Customer360>;

/** Keyset cursor for the history timeline (newest first). */
export const HistoryCursor = z.object({ startedAt: Timestamp, id: z.uuid() });
export type HistoryCursor = z.infer<typeof HistoryCursor>;

export const HistoryPage = z.object({
  items: z.array(Interaction),
  nextCursor: HistoryCursor.nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** A free-text note on a customer (optionally on one interaction); an append, never edited. */
export const Note = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  interactionId: z.uuid().nullable(),
  body: z.string().min(1).max(10_000),
  authorId: z.uuid().nullable(),
  authorName: z.string().max(200).nullable(),
  createdAt: Timestamp,
  version: Version,
});
export type Note = z.infer<typeof Note>;

export const CallbackStatus = z.enum(['open', 'done', 'cancelled']);
/** A promised call-back to a customer at a time. */
export const Callback = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  phoneE164: z.string().regex(/^\+[1-9]\d{6,14}$/).nullable(),
  dueAt: Timestamp,
  note: z.string().max(2_000).nullable(),
  assigneeId: z.uuid().nullable(),
  status: CallbackStatus,
  createdBy: z.uuid().nullable(),
  createdAt: Timestamp,
  version: Version,
});
export type Callback = z.infer<typeof Callback>;
