// callbacks.create, callbacks.list: call-backs an agent promises a customer. A new one
// goes through the outbox (cache at once, server exactly once) and is answered from the cache.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';
import { type CallbackRow, toCallback } from './rows.js';

export const callbackHandlers: HandlerMap<'callbacks.create' | 'callbacks.list'> = {
  'callbacks.create': (input, ctx) => {
    if (Number.isNaN(Date.parse(input.dueAt))) throw new SapaError('INVALID_INPUT', 'dueAt is not a date and time');
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
