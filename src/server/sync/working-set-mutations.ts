// workingset.join / workingset.leave: which customers this user's desktop replicates
// (pull scope=working, see working-scope.ts and docs/decisions/0004).
import { recordOpen } from '../data-access/lookups.js';
import { type ServerMutationsOf } from './mutations/types.js';

export const workingSetMutations = {
  'workingset.join': {
    async apply(tx, a, ctx) {
      // Joining a customer makes the pull serve all their rows: an open like any other
      // (audited outside the working set, counted against the hourly limit). Over the
      // limit the join is recorded but has no effect, so the flag and audit row it wrote
      // commit with the push; the desktop's 360 fetch that follows answers THROTTLED.
      const outcome = await recordOpen(tx, ctx.user, a.customerId, { via: 'workingset.join', clientId: ctx.clientId });
      if (outcome.kind === 'throttled') return;
      await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ctx.user.id, a.customerId]);
    },
  },
  'workingset.leave': {
    async apply(tx, a, ctx) {
      await tx.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [ctx.user.id, a.customerId]);
    },
  },
} satisfies ServerMutationsOf<'workingset.join' | 'workingset.leave'>;
