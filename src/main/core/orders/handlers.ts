// orders.request: a note or customer request on a cached order, through the outbox (shows in
// the timeline at once, reaches the server exactly once, offline too). The back office's
// queue and the renewals list live on the server (they span customers outside the cache).
import { v7 as uuidv7 } from 'uuid';
import { ORDER_FINAL_STATUSES, type OrderStatus } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';

export function orderHandlers(): HandlerMap<'orders.request' | 'orderRequests.list' | 'orderRequests.done' | 'contracts.renewals'> {
  return {
    'orders.request': (input, c) => {
      const order = c.store.db.prepare<[string], { customer_id: string; order_no: string; status: OrderStatus }>(
        'SELECT customer_id, order_no, status FROM orders WHERE id = ?').get(input.orderId);
      if (!order) throw new SapaError('NOT_FOUND', `Order ${input.orderId} is not on this desktop`);
      if (input.kind !== 'note' && ORDER_FINAL_STATUSES.includes(order.status)) {
        throw new SapaError('CONFLICT', `Order ${order.order_no} is ${order.status}: only a note can be added to it`);
      }
      const id = uuidv7();
      c.mutate('order.request', {
        id, eventId: uuidv7(), orderId: input.orderId, customerId: order.customer_id, kind: input.kind,
        wantedDate: input.kind === 'reschedule' ? input.wantedDate ?? null : null, body: input.body ?? '',
        createdAt: new Date().toISOString(),
      });
      return { id };
    },
    'orderRequests.list': (query, c) => c.server.call('orderRequests.list', { query }, { token: c.requireSession().token }),
    'orderRequests.done': ({ id, ...body }, c) =>
      c.server.call('orderRequests.done', { params: { id }, body }, { token: c.requireSession().token }),
    'contracts.renewals': (query, c) => c.server.call('contracts.renewals', { query }, { token: c.requireSession().token }),
  };
}
