// order.request shows in the customer's timeline at once (an interaction of channel 'order',
// version 0 until the server's event comes back); a refusal takes it out again.
import { orderRequestSubject } from '../../../shared/orders.js';
import { type LocalEffectsOf } from '../outbox/local-effects.js';

export const orderRequestEffects = {
  'order.request': {
    applyLocally(db, a, author) {
      const order = db.prepare<[string], { order_no: string }>('SELECT order_no FROM orders WHERE id = ?').get(a.orderId);
      db.prepare(
        `INSERT OR IGNORE INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id, version)
         VALUES (?, ?, 'order', 'inbound', ?, NULL, ?, ?, ?, ?, NULL, NULL, NULL, 0)`,
      ).run(a.eventId, a.customerId, a.createdAt, author.id, author.displayName,
        orderRequestSubject(order?.order_no ?? '?', a.kind, a.wantedDate), a.body || null);
    },
    revert(db, a) {
      db.prepare('DELETE FROM interactions WHERE id = ? AND version = 0').run(a.eventId);
    },
  },
} satisfies LocalEffectsOf<'order.request'>;
