// order.request: an agent's note or a customer's request on one of the customer's orders.
// The request (order_requests, 028) and its timeline event are written together; a replay
// (same id) writes nothing more, so a request filed offline and pushed twice arrives once.
// It is then an open task in the back office's queue (requests.ts) and is offered to the
// order system through the integration API.
import { ORDER_FINAL_STATUSES, type OrderStatus } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { RESCHEDULE_MAX_DAYS, orderRequestSubject } from '../../shared/orders.js';
import { can } from '../../shared/permissions.js';
import { type Db } from '../db/db.js';
import { businessToday } from '../integrations/upsert.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export async function requireOrderOf(tx: Db, orderId: string, customerId: string): Promise<{ order_no: string; status: OrderStatus }> {
  const [order] = await tx.query<{ order_no: string; status: OrderStatus; customer_id: string }>(
    'SELECT order_no, status, customer_id FROM orders WHERE id = $1', [orderId]);
  if (!order) throw new SapaError('NOT_FOUND', `Order ${orderId} does not exist`);
  if (order.customer_id !== customerId) {
    throw new SapaError('INVALID_INPUT', `orderId: order ${order.order_no} is not an order of this customer`);
  }
  return order;
}

export const orderMutations = {
  'order.request': {
    async apply(tx, a, ctx) {
      if (!can(ctx.user.role, 'orders.request')) throw new SapaError('FORBIDDEN', 'You may not add requests to orders');
      const [existing] = await tx.query<{ customer_id: string; order_id: string }>(
        'SELECT customer_id, order_id FROM order_requests WHERE id = $1', [a.id]);
      if (existing) {
        if (existing.customer_id !== a.customerId || existing.order_id !== a.orderId) {
          throw new SapaError('CONFLICT', `Order request ${a.id} belongs to another order`);
        }
        return;
      }
      const order = await requireOrderOf(tx, a.orderId, a.customerId);
      if (a.kind !== 'note' && ORDER_FINAL_STATUSES.includes(order.status)) {
        throw new SapaError('CONFLICT', `Order ${order.order_no} is ${order.status}: only a note can be added to it`, { status: order.status });
      }
      // Filed offline: the wanted date is checked against the day it was filed (never in the future).
      const filedAt = new Date(Math.min(Date.parse(a.createdAt), Date.now()));
      if (a.wantedDate !== null) {
        const today = businessToday(filedAt);
        if (a.wantedDate < today) throw new SapaError('INVALID_INPUT', 'wantedDate: the wanted date is in the past');
        if (a.wantedDate > addDays(today, RESCHEDULE_MAX_DAYS)) {
          throw new SapaError('INVALID_INPUT', `wantedDate: the wanted date is more than ${RESCHEDULE_MAX_DAYS} days ahead`);
        }
      }
      await tx.query(
        `INSERT INTO order_requests (id, order_id, customer_id, kind, wanted_date, body, event_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9)`,
        [a.id, a.orderId, a.customerId, a.kind, a.wantedDate, a.body, a.eventId, ctx.user.id, filedAt]);
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
         VALUES ($1, $2, 'order', 'inbound', $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [a.eventId, a.customerId, filedAt, ctx.user.id, ctx.user.displayName,
          orderRequestSubject(order.order_no, a.kind, a.wantedDate), a.body || null]);
    },
  },
} satisfies ServerMutationsOf<'order.request'>;
