// call.details: a desktop's wrap-up arrives as `interaction.create` followed, in the same
// push, by this one with the call's timing. Idempotent (one row per interaction), like
// every append; only the call's own agent may add it.
import { SapaError } from '../../shared/errors.js';
import { toE164 } from '../../shared/phone.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const callMutations = {
  'call.details': {
    async apply(tx, a, ctx) {
      const [owner] = await tx.query<{ agent_id: string | null }>('SELECT agent_id FROM interactions WHERE id = $1', [a.interactionId]);
      if (!owner) throw new SapaError('NOT_FOUND', `Interaction ${a.interactionId} was not found`);
      if (owner.agent_id !== ctx.user.id) throw new SapaError('FORBIDDEN', 'Call details belong to the call\'s agent');
      await tx.query(
        `INSERT INTO call_details (interaction_id, number, answered_at, talk_sec, hold_sec, acw_sec, follow_up_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (interaction_id) DO NOTHING`,
        [a.interactionId, toE164(a.number) ?? a.number, a.answeredAt, a.talkSec, a.holdSec, a.acwSec, a.followUpAt],
      );
    },
  },
} satisfies ServerMutationsOf<'call.details'>;
