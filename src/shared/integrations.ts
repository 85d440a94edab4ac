// The integration API (docs/integrations.md): the systems of record (billing, order
// management, contracts) write orders, invoices with their payments, and contracts by their
// own ids, in batches, with a per-system API key an admin created (scoped to what it may
// write). Each record is checked on its own: a bad one is answered with its index and the
// reason, the rest of the batch is applied. Sending the same batch twice changes nothing.
import { z } from 'zod';
import { ContractStatus, DateOnly, OrderStatus, Timestamp } from './domain.js';
import { IntegrationOrderRequestList, IntegrationOrderRequestsQuery, OrderRequestAck, OrderRequestAckResult } from './orders.js';

export const INTEGRATION_SCOPES = ['orders', 'invoices', 'contracts'] as const;
export const IntegrationScope = z.enum(INTEGRATION_SCOPES);
export type IntegrationScope = z.infer<typeof IntegrationScope>;

/** The header that carries the key: `X-Sapa-Key: sapa_…`. */
export const INTEGRATION_KEY_HEADER = 'x-sapa-key';
/** Records per batch; more is refused as a whole (413). */
export const FEED_MAX_RECORDS = 10_000;
/** The body of one batch; more is refused as a whole (413 TOO_LARGE) before it is read. */
export const FEED_BODY_LIMIT = 16 * 1024 * 1024;

/** Ids (orderNo, invoiceNo, contractNo) and payment lines per invoice: the hot path (server/integrations/fast-invoice.ts) reads these too. */
export const FEED_REF_MAX = 32;
export const FEED_PAYMENTS_MAX = 200;

const Ref = z.string().trim().min(1).max(FEED_REF_MAX);
const Text = (max: number) => z.string().max(max);
const Idr = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A record names its customer by the system of record's id or by Sapa's customer number. */
const CustomerRef = {
  customerExternalId: Text(64).min(1).optional(),
  customerNo: Text(32).min(1).optional(),
};
const needsCustomer = (r: { customerExternalId?: string | undefined; customerNo?: string | undefined }): boolean =>
  Boolean(r.customerExternalId ?? r.customerNo);
const CUSTOMER_MESSAGE = { message: 'customerExternalId or customerNo is required', path: ['customerExternalId'] };

export const OrderRecord = z.object({
  orderNo: Ref,
  ...CustomerRef,
  product: Text(200).min(1),
  amountIdr: Idr,
  status: OrderStatus,
  placedAt: Timestamp,
  /** The next step's expected date (installation, delivery), when the system knows it. */
  expectedAt: Timestamp.nullable().optional(),
  /** The whole history as the system of record has it; absent → a change of status is appended. */
  statusHistory: z.array(z.object({ status: OrderStatus, at: Timestamp })).max(100).optional(),
}).strict().refine(needsCustomer, CUSTOMER_MESSAGE);
export type OrderRecord = z.infer<typeof OrderRecord>;

export const Payment = z.object({
  ref: Text(64).min(1),
  amountIdr: Idr.min(1),
  paidAt: DateOnly,
}).strict();

export const InvoiceRecord = z.object({
  invoiceNo: Ref,
  ...CustomerRef,
  amountIdr: Idr.min(1),
  issuedAt: DateOnly,
  dueDate: DateOnly,
  /** Payments so far (partial payments); their sum is the paid amount. */
  payments: z.array(Payment).max(FEED_PAYMENTS_MAX).optional(),
  /** The paid amount, when the system sends a total instead of payments. */
  paidIdr: Idr.optional(),
}).strict().refine(needsCustomer, CUSTOMER_MESSAGE)
  .refine((r) => r.dueDate >= r.issuedAt, { message: 'dueDate is before issuedAt', path: ['dueDate'] })
  .refine((r) => !(r.payments && r.paidIdr !== undefined), { message: 'send payments or paidIdr, not both', path: ['paidIdr'] });
export type InvoiceRecord = z.infer<typeof InvoiceRecord>;

export const ContractRecord = z.object({
  contractNo: Ref,
  ...CustomerRef,
  product: Text(200).min(1),
  startDate: DateOnly,
  endDate: DateOnly.nullable().optional(),
  monthlyFeeIdr: Idr,
  /** The contract's total value. */
  valueIdr: Idr.nullable().optional(),
  status: ContractStatus,
  /** The account's sales owner (a Sapa username): renewals due soon are listed for them. */
  ownerUsername: Text(64).min(1).nullable().optional(),
}).strict().refine(needsCustomer, CUSTOMER_MESSAGE)
  .refine((r) => !r.endDate || r.endDate >= r.startDate, { message: 'endDate is before startDate', path: ['endDate'] });
export type ContractRecord = z.infer<typeof ContractRecord>;

/** A batch: each record is validated on its own (a bad record does not refuse the batch). */
export const FeedBatch = z.object({ records: z.array(z.unknown()).min(1).max(FEED_MAX_RECORDS) }).strict();

export const RecordRejection = z.object({
  index: z.number().int(),
  /** The record's own id (orderNo, invoiceNo, contractNo) when it could be read. */
  ref: z.string().nullable(),
  reason: z.string(),
});
export type RecordRejection = z.infer<typeof RecordRejection>;

export const FeedResult = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Valid records identical to what Sapa already had: nothing written. */
  unchanged: z.number().int(),
  rejected: z.array(RecordRejection),
});
export type FeedResult = z.infer<typeof FeedResult>;

// Admins' key management.
export const IntegrationKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(IntegrationScope),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
});
export type IntegrationKey = z.infer<typeof IntegrationKey>;

export const CreateIntegrationKey = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(IntegrationScope).min(1).max(3),
}).strict();

/** The key itself is in this answer only: it is stored hashed and never shown again. */
export const CreatedIntegrationKey = z.object({ key: z.string(), integrationKey: IntegrationKey });

const IdParams = z.object({ id: z.uuid() });

export const integrationRoutes = {
  'integrationKeys.list': {
    method: 'GET', path: '/admin/integration-keys', access: 'integrations.manage', answer: z.object({ keys: z.array(IntegrationKey) }),
  },
  'integrationKeys.create': {
    method: 'POST', path: '/admin/integration-keys', access: 'integrations.manage', body: CreateIntegrationKey,
    answer: CreatedIntegrationKey, status: 201,
  },
  'integrationKeys.revoke': {
    method: 'POST', path: '/admin/integration-keys/:id/revoke', access: 'integrations.manage', params: IdParams, answer: IntegrationKey,
  },
  /** The feeds: an API key (X-Sapa-Key) with the scope, never a user's session. */
  'integrations.orders': { method: 'POST', path: '/integrations/orders', access: 'integration', body: FeedBatch, answer: FeedResult },
  'integrations.invoices': { method: 'POST', path: '/integrations/invoices', access: 'integration', body: FeedBatch, answer: FeedResult },
  'integrations.contracts': { method: 'POST', path: '/integrations/contracts', access: 'integration', body: FeedBatch, answer: FeedResult },
  /** The agents' open order requests (reschedule, cancel…) for the order system to act on (scope orders). */
  'integrations.orderRequests': {
    method: 'GET', path: '/integrations/order-requests', access: 'integration', query: IntegrationOrderRequestsQuery,
    answer: IntegrationOrderRequestList,
  },
  /** The order system has taken these requests: they leave the default listing (still open in the back office). */
  'integrations.orderRequestsAck': {
    method: 'POST', path: '/integrations/order-requests/ack', access: 'integration', body: OrderRequestAck, answer: OrderRequestAckResult,
  },
} as const;

/** The scope each feed route needs. */
export const FEED_SCOPE = {
  'integrations.orders': 'orders',
  'integrations.invoices': 'invoices',
  'integrations.contracts': 'contracts',
  'integrations.orderRequests': 'orders',
  'integrations.orderRequestsAck': 'orders',
} as const satisfies Record<string, IntegrationScope>;

/** Desktop API (spread into `methods` in api.ts): the admins' Integrations screen, passed through to the server. */
export const integrationMethods = {
  'admin.integrations.list': { input: z.object({}).strict(), output: z.object({ keys: z.array(IntegrationKey) }) },
  'admin.integrations.create': { input: CreateIntegrationKey, output: CreatedIntegrationKey },
  'admin.integrations.revoke': { input: IdParams, output: IntegrationKey },
} as const;
