// customers.update: an agent edits customer fields; through the outbox, with the version
// the agent saw (a field changed meanwhile comes back as a conflict, see docs/decisions/0004).
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';

export const customerUpdateHandlers: HandlerMap<'customers.update'> = {
  'customers.update': (input, ctx) => {
    const exists = ctx.store.db.prepare<[string], { version: number }>('SELECT version FROM customers WHERE id = ?').get(input.customerId);
    if (!exists) throw new SapaError('NOT_FOUND', 'Open the customer first (not in the cache)');
    const { id } = ctx.mutate('customer.update', input, undefined, { baseVersions: { customer: exists.version } });
    return { mutationId: id };
  },
};
