// Orders and contracts after the sale (docs/orders-contracts.md): an agent's note or customer
// request on an order (order.request, through the outbox) becomes an open request in the back
// office's work queue (order_requests, migration 028; decision 0027) and is offered to the
// order system through the integration API; contracts ending soon are listed for their owner.
import { z } from 'zod';
import { DateOnly, OrderStatus, Salutation, Timestamp } from './domain.js';

/** What the customer asks for: another date, cancelling, something else; or a plain note. */
export const ORDER_REQUEST_KINDS = ['reschedule', 'cancel', 'other', 'note'] as const;
export const OrderRequestKind = z.enum(ORDER_REQUEST_KINDS);
export type OrderRequestKind = z.infer<typeof OrderRequestKind>;

export const ORDER_REQUEST_STATUSES = ['open', 'done'] as const;
export const OrderRequestStatus = z.enum(ORDER_REQUEST_STATUSES);
export type OrderRequestStatus = z.infer<typeof OrderRequestStatus>;

export const ORDER_REQUEST_TEXT_MAX = 2_000;
/** A wanted date further out than this is refused (nobody schedules an installation a year and more ahead). */
export const RESCHEDULE_MAX_DAYS = 365;

/** The timeline subject of a request: `ORD-123 · reschedule to 2026-12-05`. */
export function orderRequestSubject(orderNo: string, kind: OrderRequestKind, wantedDate: string | null): string {
  const what = kind === 'reschedule' ? `reschedule to ${wantedDate ?? '?'}` : kind === 'cancel' ? 'cancel' : kind === 'other' ? 'request' : 'note';
  return `${orderNo} · ${what}`;
}

/** The subject of the event the back office's "done" writes: `ORD-123 · reschedule request done`. */
export function orderRequestDoneSubject(orderNo: string, kind: OrderRequestKind): string {
  return `${orderNo} · ${kind} ${kind === 'note' ? 'seen' : 'request done'}`;
}

export const OrderRequest = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  orderNo: z.string(),
  orderStatus: OrderStatus,
  product: z.string(),
  customerId: z.uuid(),
  customerNo: z.string(),
  customerName: z.string(),
  salutation: Salutation.nullable(),
  kind: OrderRequestKind,
  wantedDate: DateOnly.nullable(),
  body: z.string(),
  status: OrderRequestStatus,
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  doneAt: Timestamp.nullable(),
  doneBy: z.string().nullable(),
  doneNote: z.string().nullable(),
  /** When the order system took it through the integration API (acknowledged), if it did. */
  acknowledgedAt: Timestamp.nullable(),
});
export type OrderRequest = z.infer<typeof OrderRequest>;

export const OrderRequestsQuery = z.object({
  status: OrderRequestStatus.default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
}).strict();

export const OrderRequestList = z.object({ requests: z.array(OrderRequest) });

export const OrderRequestDone = z.object({
  note: z.string().trim().max(ORDER_REQUEST_TEXT_MAX, `note is longer than ${ORDER_REQUEST_TEXT_MAX} characters`).default(''),
}).strict();

/** Contracts that end soon: active, ending within `days` (default 60) from the business day. */
export const RENEWAL_DEFAULT_DAYS = 60;
export const RenewalsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(RENEWAL_DEFAULT_DAYS),
}).strict();

export const Renewal = z.object({
  contractId: z.uuid(),
  contractNo: z.string(),
  product: z.string(),
  endDate: DateOnly,
  daysLeft: z.number().int(),
  monthlyFeeIdr: z.number().int(),
  valueIdr: z.number().int().nullable(),
  ownerUsername: z.string().nullable(),
  ownerName: z.string().nullable(),
  customerId: z.uuid(),
  customerName: z.string(),
  salutation: Salutation.nullable(),
});
export type Renewal = z.infer<typeof Renewal>;

export const RenewalList = z.object({ renewals: z.array(Renewal), days: z.number().int(), asOf: DateOnly });
export type RenewalList = z.infer<typeof RenewalList>;

// The integration API's side: the order system reads open requests and acknowledges them.
/** An open request as the order system sees it (its own order number and customer ids). */
export const IntegrationOrderRequest = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  customerNo: z.string(),
  customerExternalId: z.string().nullable(),
  kind: OrderRequestKind,
  wantedDate: DateOnly.nullable(),
  body: z.string(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  acknowledgedAt: Timestamp.nullable(),
});
export const IntegrationOrderRequestsQuery = z.object({
  /** Also requests already acknowledged (still open in the back office). */
  includeAcknowledged: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
}).strict();
export const IntegrationOrderRequestList = z.object({ requests: z.array(IntegrationOrderRequest) });
export type IntegrationOrderRequestList = z.infer<typeof IntegrationOrderRequestList>;

export const ORDER_REQUEST_ACK_MAX = 1000;
export const OrderRequestAck = z.object({
  ids: z.array(z.uuid()).min(1).max(ORDER_REQUEST_ACK_MAX),
}).strict();
export const OrderRequestAckResult = z.object({
  acknowledged: z.number().int(),
  /** Already acknowledged before: nothing changed. */
  already: z.number().int(),
  /** Ids that are not open order requests (unknown, or done). */
  unknown: z.array(z.uuid()),
});

const IdParams = z.object({ id: z.uuid() });

export const orderRoutes = {
  /** The back office's work queue (orders.backoffice). */
  'orderRequests.list': { method: 'GET', path: '/order-requests', access: 'orders.backoffice', query: OrderRequestsQuery, answer: OrderRequestList },
  'orderRequests.done': {
    method: 'POST', path: '/order-requests/:id/done', access: 'orders.backoffice', params: IdParams, body: OrderRequestDone, answer: OrderRequest,
  },
  /** Renewals due soon: the caller's (an agent's), their teams' (a lead's), everyone's (an admin's). */
  'contracts.renewals': { method: 'GET', path: '/contracts/renewals', access: 'session', query: RenewalsQuery, answer: RenewalList },
} as const;

/** Desktop API (spread into `methods` in api.ts). */
export const orderMethods = {
  /** A note or customer request on an order, through the outbox (offline too). */
  'orders.request': {
    input: z.object({
      orderId: z.uuid(), kind: OrderRequestKind, wantedDate: DateOnly.nullable().optional(),
      body: z.string().max(ORDER_REQUEST_TEXT_MAX).optional(),
    }),
    output: z.object({ id: z.uuid() }),
  },
  'orderRequests.list': { input: OrderRequestsQuery.partial(), output: OrderRequestList },
  'orderRequests.done': { input: OrderRequestDone.partial().extend({ id: z.uuid() }), output: OrderRequest },
  'contracts.renewals': { input: RenewalsQuery.partial(), output: RenewalList },
} as const;
