// workingset.join / workingset.leave: which customers this user's desktop replicates
// (pull scope=working, see working-scope.ts and docs/decisions/0004).
import { type ServerMutationsOf } from './mutations/types.js';

export const workingSetMutations = {
  'workingset.join': {
    async apply(tx, a, ctx) {
      await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ctx.user.id, a.customerId]);
    },
  },
  'workingset.leave': {
    async apply(tx, a, ctx) {
      await tx.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [ctx.user.id, a.customerId]);
    },
  },
} satisfies ServerMutationsOf<'workingset.join' | 'workingset.leave'>;
