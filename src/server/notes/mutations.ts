// note.create: an agent's note on a customer. An append: a replay is a no-op.
import { requireCustomer } from '../customers/resolve.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const noteMutations = {
  'note.create': {
    async apply(tx, a, ctx) {
      await requireCustomer(tx, a.customerId);
      await tx.query(
        `INSERT INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [a.id, a.customerId, a.interactionId, a.body, ctx.user.id, ctx.user.displayName, a.createdAt]);
    },
  },
} satisfies ServerMutationsOf<'note.create'>;
