// callbacks.create, callbacks.list: call-backs an agent promises a customer. A new one
// goes through the outbox (cache at once, server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { type HandlerMap } from '../context.js';
import { type CallbackRow, toCallback } from './rows.js';

export const callbackHandlers: HandlerMap<'callbacks.create' | 'callbacks.list'> = {
  'callbacks.create': (input, ctx) => {
    // dueAt is a strict Timestamp already (api.ts); stored in UTC like every other row.
    const id = uuidv7();
    ctx.mutate('callback.create', {
      id, customerId: input.customerId, phoneE164: input.phoneE164 ?? null, dueAt: new Date(input.dueAt).toISOString(),
      note: input.note ?? null, assigneeId: null, createdAt: new Date().toISOString(),
    });
    return toCallback(ctx.store.db.prepare<[string], CallbackRow>('SELECT * FROM callbacks WHERE id = ?').get(id) as CallbackRow);
  },
  'callbacks.list': (input, ctx) => ({
    callbacks: ctx.store.db.prepare<[string], CallbackRow>(
      'SELECT * FROM callbacks WHERE customer_id = ? ORDER BY due_at LIMIT 500').all(input.customerId).map(toCallback),
  }),
};
