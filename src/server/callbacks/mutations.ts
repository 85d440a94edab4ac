// callback.create: a call-back promised to a customer, assigned to its author unless
// another assignee is named. An append: a replay is a no-op.
import { customerOf } from '../customers/resolve.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const callbackMutations = {
  'callback.create': {
    async apply(tx, a, ctx) {
      const customerId = await customerOf(tx, a);
      await tx.query(
        `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [a.id, customerId, a.phoneE164, a.dueAt, a.note, a.assigneeId ?? ctx.user.id, ctx.user.id, a.createdAt]);
    },
  },
} satisfies ServerMutationsOf<'callback.create'>;
