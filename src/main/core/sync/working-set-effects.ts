// The working set's mutations change nothing in the cache by themselves (working-set.ts
// keeps the local list); once the server acknowledges a join, the customer's 360 is
// fetched once more (see working-set.ts for why).
import { SERVER_ONLY, type LocalEffectsOf } from '../outbox/local-effects.js';

export const workingSetEffects = {
  'workingset.join': {
    onAcked(db, a) {
      db.prepare('UPDATE working_set SET refresh = 1 WHERE customer_id = ?').run(a.customerId);
    },
  },
  'workingset.leave': SERVER_ONLY,
} satisfies LocalEffectsOf<'workingset.join' | 'workingset.leave'>;
